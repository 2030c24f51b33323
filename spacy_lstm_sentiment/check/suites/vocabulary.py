"""Vocabulary: sentiment words in context across domains, and added sentiment clauses."""
import random

from ..generate import TestSpec
from ..sentences import append_polar, neutral_sentence, opinion_sentence
from ..types import MFTCase, TestType
from ..wordlists.domains import NEGATIVE_CLAUSES, POSITIVE_CLAUSES

CAPABILITY = "vocabulary"
ORDER = 1


def _polar(polarity: str):
    def make(rng: random.Random) -> MFTCase:
        return MFTCase(opinion_sentence(rng, polarity), polarity)

    return make


def _neutral(rng: random.Random) -> MFTCase:
    return MFTCase(neutral_sentence(rng, facts=False), "neutral")


SPECS = (
    TestSpec("vocab_positive", CAPABILITY, TestType.MFT, _polar("positive"),
             "Clearly positive adjectives and verbs about airlines, products, food, service, movies, hotels, apps, "
             "deliveries and everyday life -> positive."),
    TestSpec("vocab_negative", CAPABILITY, TestType.MFT, _polar("negative"),
             "Clearly negative adjectives and verbs in the same domains -> negative."),
    TestSpec("vocab_neutral", CAPABILITY, TestType.MFT, _neutral,
             "The same nouns in neutral posts (talking, asking, reading about them) -> neutral."),
    TestSpec("vocab_add_sentiment_clause", CAPABILITY, TestType.DIR,
             lambda rng: append_polar(rng, POSITIVE_CLAUSES, NEGATIVE_CLAUSES, neutral=False),
             "Appending a clearly positive (negative) clause such as 'Loved it.' ('Never again.') to a post of the "
             "same polarity must not lower P(positive) (P(negative)) nor raise the opposite one."),
)
