"""Questions: a question the author answers has the answer's polarity; information questions are neutral."""
import random

from ..generate import TestSpec
from ..sentences import one_noun_post
from ..types import NOT_NEGATIVE, MFTCase, TestType
from ..wordlists.facts import NEUTRAL_QUESTIONS, fill_fact

CAPABILITY = "questions"
ORDER = 7

POSITIVE_QUESTIONS = ("{Was} {n} {pos}? {answer}", "Did I enjoy {n}? {answer}", "Would I recommend {n}? {answer}",
                      "Am I happy with {n}? {answer}", "Was I impressed by {n}? {answer}")
NEGATIVE_QUESTIONS = ("{Was} {n} {neg}? {answer}", "Was I disappointed by {n}? {answer}",
                      "Did {n} annoy me? {answer}", "{Was} {n} a letdown? {answer}")
YES = ("Yes.", "Yes!", "Absolutely.", "Definitely.", "Oh yes.", "Yep.")
NO = ("No.", "Not at all.", "Nope.", "Definitely not.", "No way.")


def _yes_no(rng: random.Random) -> MFTCase:
    positive_question = rng.random() < 0.5
    yes = rng.random() < 0.5
    template = rng.choice(POSITIVE_QUESTIONS if positive_question else NEGATIVE_QUESTIONS)
    text = one_noun_post(rng, template, answer=rng.choice(YES if yes else NO))
    if positive_question:
        return MFTCase(text, "positive" if yes else "negative")
    return MFTCase(text, "negative" if yes else NOT_NEGATIVE)


SPECS = (
    TestSpec("yes_no_answers", CAPABILITY, TestType.MFT, _yes_no,
             "A question answered by the author ('Was the room clean? Yes.' -> positive, '... No.' -> negative; "
             "'Was the room dirty? No.' -> not negative)."),
    TestSpec("neutral_questions", CAPABILITY, TestType.MFT,
             lambda rng: MFTCase(fill_fact(rng, NEUTRAL_QUESTIONS), "neutral"),
             "Information questions ('What time does the pharmacy open on Sunday?') -> neutral."),
)
