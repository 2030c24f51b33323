"""Sentence structure: contrast with "but", change over time, my opinion against others', questions."""
import random

from .facts import NEUTRAL_QUESTIONS, fill_fact
from .generate import TestSpec
from .lexicon import DOMAINS, domain_choice
from .types import NOT_NEGATIVE, MFTCase, TestType

CONTRAST, TEMPORAL, OPINION, QUESTIONS = "contrast", "temporal", "opinion", "questions"

BUT_POSITIVE = (
    "{A} {a_was} a bit {a_neg}, but {b} {b_was} {b_pos}.",
    "{A} could have been better, but {b} {b_was} {b_pos}.",
    "Not a huge fan of {a}, but {b} {b_was} {b_pos}!",
    "{A} {a_was} a little {a_neg}, but honestly {b} {b_was} {b_pos}.",
    "ok {a} {a_was} kind of {a_neg} but {b} {b_was} {b_pos}",
)
BUT_NEGATIVE = (
    "{A} {a_was} {a_mild}, but {b} {b_was} {b_neg}.",
    "I wanted to like {a}, but {b} {b_was} {b_neg}.",
    "{A} {a_was} {a_pos} enough, but {b} {b_was} {b_neg}.",
    "Liked {a}, but {b} {b_was} {b_neg}.",
    "{A} {a_was} fine I guess, but {b} {b_was} {b_neg}.",
)
NOW_POSITIVE = (
    "I used to hate {n}, but now I love {them}.",
    "{N} used to be {neg}, but now {it} {is} {pos}.",
    "At first I didn't like {n}, but now I really enjoy {them}.",
    "{N} {was} {neg} last year, but this year {it} {is} {pos}.",
    "I used to avoid {n}. Now I love {them}!",
)
NOW_NEGATIVE = (
    "I used to love {n}, but now I can't stand {them}.",
    "{N} used to be {pos}, but now {it} {is} {neg}.",
    "At first I loved {n}, but lately {it} {has} been {neg}.",
    "{N} {was} {pos} last year, but this year {it} {is} {neg}.",
    "I used to recommend {n} to everyone. Not anymore, {it} {is} {neg} now.",
)
MINE_NEGATIVE = (
    "Some people say {n} {is} {pos}, but I think {it} {is} {neg}.",
    "My friends loved {n}, but I hated {them}.",
    "My sister thinks {n} {is} {pos}. I think {it} {is} {neg}.",
    "Reviews called {n} {pos}, but I found {them} {neg}.",
    "Everyone raves about {n}, but honestly I didn't like {them} at all.",
)
MINE_POSITIVE = (
    "Everyone complains about {n}, but I think {it} {is} {pos}.",
    "Reviews said {n} {was} {neg}, but I found {them} {pos}.",
    "People keep saying {n} {is} {neg}. I disagree, I think {it} {is} {pos}.",
    "My friends hated {n}, but I loved {them}.",
    "My brother thinks {n} {is} {neg}, but I really like {them}.",
)
POSITIVE_QUESTIONS = ("{Was} {n} {pos}? {answer}", "Did I enjoy {n}? {answer}", "Would I recommend {n}? {answer}",
                      "Am I happy with {n}? {answer}", "Was I impressed by {n}? {answer}")
NEGATIVE_QUESTIONS = ("{Was} {n} {neg}? {answer}", "Was I disappointed by {n}? {answer}",
                      "Did {n} annoy me? {answer}", "{Was} {n} a letdown? {answer}")
YES = ("Yes.", "Yes!", "Absolutely.", "Definitely.", "Oh yes.", "Yep.")
NO = ("No.", "Not at all.", "Nope.", "Definitely not.", "No way.")
ONE_NOUN_EXCLUDED = frozenset({"my day"})  # "Did I enjoy my day?" does not read like a post
ONE_OFF = ONE_NOUN_EXCLUDED | {"the repair", "the installation", "the new update", "the new season", "the trip",
                               "the party", "the concert", "my weekend", "the ending", "the refund process"}
"""Things that happen once: "I used to love the concert" does not read like a post."""


def _two_nouns(rng: random.Random, template: str) -> str:
    """A template about two different nouns {a} and {b} of one domain."""
    domain = rng.choice(DOMAINS)
    a, b = rng.sample(domain.nouns, 2)
    fields = {f"a_{k}": v for k, v in a.forms.items()}
    fields.update({f"b_{k}": v for k, v in b.forms.items()})
    fields.update(A=a.forms["N"], a=a.text, b=b.text)
    return template.format(
        a_neg=rng.choice([adj for adj in domain.gradable_negative if adj != "bad"]),  # not "a bit bad"
        a_pos=rng.choice(domain.gradable_positive),
        a_mild=rng.choice(domain.mild_positive), b_pos=rng.choice(domain.strong_positive),
        b_neg=rng.choice(domain.strong_negative), **fields,
    )


def _one_noun(rng: random.Random, template: str, exclude=ONE_NOUN_EXCLUDED, **extra: str) -> str:
    """A template about one noun (not an excluded one) with a positive {pos} and a negative {neg} of its domain."""
    domain, noun = domain_choice(rng, template, exclude)
    pos = rng.choice(domain.positive)
    neg = rng.choice(domain.negative)
    return noun.fill(template, pos=pos, neg=neg, **extra)


def _either(positive_templates, negative_templates, one_noun: bool = True, exclude=ONE_NOUN_EXCLUDED):
    choices = [(label, t) for label, ts in (("positive", positive_templates), ("negative", negative_templates))
               for t in ts]

    def make(rng: random.Random) -> MFTCase:
        label, template = rng.choice(choices)
        text = _one_noun(rng, template, exclude) if one_noun else _two_nouns(rng, template)
        return MFTCase(text, label)

    return make


def _yes_no(rng: random.Random) -> MFTCase:
    positive_question = rng.random() < 0.5
    yes = rng.random() < 0.5
    template = rng.choice(POSITIVE_QUESTIONS if positive_question else NEGATIVE_QUESTIONS)
    text = _one_noun(rng, template, answer=rng.choice(YES if yes else NO))
    if positive_question:
        return MFTCase(text, "positive" if yes else "negative")
    return MFTCase(text, "negative" if yes else NOT_NEGATIVE)


SPECS = (
    TestSpec("but_then_positive", CONTRAST, TestType.MFT, _either(BUT_POSITIVE, (), one_noun=False),
             "A mild complaint, then 'but' and strong praise ('the room was a bit noisy, but the staff were "
             "wonderful') -> positive: the clause after 'but' decides."),
    TestSpec("but_then_negative", CONTRAST, TestType.MFT, _either((), BUT_NEGATIVE, one_noun=False),
             "Mild praise, then 'but' and a strong complaint ('the pool was nice, but the room was filthy') -> "
             "negative."),
    TestSpec("used_to_now", TEMPORAL, TestType.MFT, _either(NOW_POSITIVE, NOW_NEGATIVE, exclude=ONE_OFF),
             "Change over time ('I used to hate X, but now I love it', 'X used to be great, now it is awful') -> "
             "the present opinion decides."),
    TestSpec("others_vs_mine", OPINION, TestType.MFT, _either(MINE_POSITIVE, MINE_NEGATIVE),
             "Other people's opinion against the author's ('people say X is great, but I think it's awful') -> "
             "the author's opinion decides."),
    TestSpec("yes_no_answers", QUESTIONS, TestType.MFT, _yes_no,
             "A question answered by the author ('Was the room clean? Yes.' -> positive, '... No.' -> negative; "
             "'Was the room dirty? No.' -> not negative)."),
    TestSpec("neutral_questions", QUESTIONS, TestType.MFT,
             lambda rng: MFTCase(fill_fact(rng, NEUTRAL_QUESTIONS), "neutral"),
             "Information questions ('What time does the pharmacy open on Sunday?') -> neutral."),
)
