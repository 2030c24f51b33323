"""Whole labelled sentences that several tests start from: opinions about a domain's nouns and neutral posts."""
import random
from typing import Optional, Sequence, Tuple

from .generate import Noun, cap
from .types import MORE_NEGATIVE, MORE_POSITIVE, DIRCase, MFTCase
from .wordlists.domains import (
    DOMAINS,
    NEGATIVE_VERBS,
    NEUTRAL_FRAMES,
    NEUTRAL_WHEN,
    POSITIVE_VERBS,
    Domain,
    domain_choice,
)
from .wordlists.facts import fact

ADJECTIVE_FRAMES = (
    "{N} {was} {adj}.",
    "honestly {n} {was} {adj}",
    "Wow, {n} {was} {adj}!",
    "Just want to say {n} {was} {adj}.",
    "I have to say, {n} {is} {adj}.",
    "{N} {was} {adj} today.",
    "Can't believe how {adj} {n} {was}.",
    "{N}? {Adj}.",
    "So far {n} {is} {adj}.",
    "{N} {is} {adj}, just saying.",
    "Update: {n} {was} {adj}.",
    "ok {n} {was} {adj}",
)


def describe(noun: Noun, frame: str, adj: str) -> str:
    """The noun described by the adjective (phrase) in one of the ADJECTIVE_FRAMES."""
    return noun.fill(frame, adj=adj, Adj=cap(adj))


def adjective_sentence(rng: random.Random, noun: Noun, adj: str) -> str:
    """The noun described by the adjective, in a random frame."""
    return describe(noun, rng.choice(ADJECTIVE_FRAMES), adj)


def opinion_sentence(rng: random.Random, polarity: str, domain: Optional[Domain] = None) -> str:
    """A clearly positive or negative sentence: an adjective frame (mostly) or an opinion verb."""
    if domain is None:
        domain, noun = domain_choice(rng)
    else:
        noun = rng.choice(domain.nouns)
    positive = polarity == "positive"
    if rng.random() < 0.7:
        return adjective_sentence(rng, noun, rng.choice(domain.positive if positive else domain.negative))
    return noun.fill(rng.choice(POSITIVE_VERBS if positive else NEGATIVE_VERBS)) + rng.choice((".", "!", ""))


def neutral_sentence(rng: random.Random, facts: bool = True) -> str:
    """A neutral post: a domain noun in a neutral frame, or (with ``facts``, half the time) a factual statement."""
    if facts and rng.random() < 0.5:
        return fact(rng)
    _, noun = domain_choice(rng)
    return noun.fill(rng.choice(NEUTRAL_FRAMES), when=rng.choice(NEUTRAL_WHEN))


def labelled_sentence(rng: random.Random, facts: bool = True) -> Tuple[str, str]:
    """(text, label) with the label drawn uniformly from negative, neutral, positive (facts: neutral ones too)."""
    label = rng.choice(("negative", "neutral", "positive"))
    text = neutral_sentence(rng, facts) if label == "neutral" else opinion_sentence(rng, label)
    return text, label


def gradable_case(rng: random.Random, templates: Sequence[str], adj_polarity: str, expected: str) -> MFTCase:
    """A random template filled with a random noun and a gradable adjective of ``adj_polarity``."""
    template = rng.choice(templates)
    domain, noun = domain_choice(rng, template)
    adj = rng.choice(domain.gradable_positive if adj_polarity == "positive" else domain.gradable_negative)
    return MFTCase(noun.fill(template, adj=adj), expected)


def append_polar(rng: random.Random, positive: Sequence[str], negative: Sequence[str], neutral: bool) -> DIRCase:
    """An opinion (or, with ``neutral``, a neutral) post with an ending of the same polarity: no contradiction."""
    if neutral and rng.random() < 1 / 3:
        text, label = neutral_sentence(rng), "neutral"
    else:
        label = rng.choice(("positive", "negative"))
        text = opinion_sentence(rng, label)
    up = label == "positive" or (label == "neutral" and rng.random() < 0.5)
    ending = rng.choice(positive if up else negative)
    joiner = " " if text[-1] in ".!?" or not ending[:1].isalpha() else ". "
    return DIRCase(text, text + joiner + ending, MORE_POSITIVE if up else MORE_NEGATIVE)


ONE_NOUN_EXCLUDED = frozenset({"my day"})  # "Did I enjoy my day?" does not read like a post


def two_noun_post(rng: random.Random, template: str) -> str:
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


def one_noun_post(rng: random.Random, template: str, exclude=ONE_NOUN_EXCLUDED, **extra: str) -> str:
    """A template about one noun (not an excluded one) with a positive {pos} and a negative {neg} of its domain."""
    domain, noun = domain_choice(rng, template, exclude)
    pos = rng.choice(domain.positive)
    neg = rng.choice(domain.negative)
    return noun.fill(template, pos=pos, neg=neg, **extra)


def polar_templates(positive_templates, negative_templates, one_noun: bool = True, exclude=ONE_NOUN_EXCLUDED):
    """MFT cases from a random positive or negative template (its polarity is the label), about one noun
    (not an excluded one) or about two nouns of one domain."""
    choices = [(label, t) for label, ts in (("positive", positive_templates), ("negative", negative_templates))
               for t in ts]

    def make(rng: random.Random) -> MFTCase:
        label, template = rng.choice(choices)
        text = one_noun_post(rng, template, exclude) if one_noun else two_noun_post(rng, template)
        return MFTCase(text, label)

    return make
