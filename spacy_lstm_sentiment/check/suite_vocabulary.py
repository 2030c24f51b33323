"""Words: sentiment words in context across domains, added clauses, intensifiers, reducers, neutral facts."""
import random
from typing import Tuple

from .facts import PLACE_FACTS, SCHEDULE_FACTS, fill_fact
from .generate import TestSpec
from .lexicon import (
    INTENSIFIERS,
    NEGATIVE_CLAUSES,
    NEGATIVE_REDUCERS,
    POSITIVE_CLAUSES,
    POSITIVE_REDUCERS,
    domain_choice,
)
from .sentences import ADJECTIVE_FRAMES, append_polar, describe, neutral_sentence, opinion_sentence
from .types import (
    LESS_NEGATIVE,
    LESS_POSITIVE,
    MORE_NEGATIVE,
    MORE_POSITIVE,
    DIRCase,
    MFTCase,
    TestType,
)

VOCABULARY, INTENSITY, FACTS = "vocabulary", "intensity", "neutral_facts"


def _polar(polarity: str):
    def make(rng: random.Random) -> MFTCase:
        return MFTCase(opinion_sentence(rng, polarity), polarity)

    return make


def _neutral(rng: random.Random) -> MFTCase:
    return MFTCase(neutral_sentence(rng, facts=False), "neutral")


def _modified(modifiers_pos, modifiers_neg, when_pos, when_neg, skip: Tuple[str, ...]):
    """DIR cases "X was ADJ" -> "X was MOD ADJ" with a gradable adjective of random polarity."""
    frames = [f for f in ADJECTIVE_FRAMES if not any(s in f for s in skip)]

    def make(rng: random.Random) -> DIRCase:
        domain, noun = domain_choice(rng)
        positive = rng.random() < 0.5
        adj = rng.choice(domain.gradable_positive if positive else domain.gradable_negative)
        modifier = rng.choice(modifiers_pos if positive else modifiers_neg)
        frame = rng.choice(frames)
        return DIRCase(
            describe(noun, frame, adj), describe(noun, frame, f"{modifier} {adj}"), when_pos if positive else when_neg
        )

    return make


SPECS = (
    TestSpec("vocab_positive", VOCABULARY, TestType.MFT, _polar("positive"),
             "Clearly positive adjectives and verbs about airlines, products, food, service, movies, hotels, apps, "
             "deliveries and everyday life -> positive."),
    TestSpec("vocab_negative", VOCABULARY, TestType.MFT, _polar("negative"),
             "Clearly negative adjectives and verbs in the same domains -> negative."),
    TestSpec("vocab_neutral", VOCABULARY, TestType.MFT, _neutral,
             "The same nouns in neutral posts (talking, asking, reading about them) -> neutral."),
    TestSpec("vocab_add_sentiment_clause", VOCABULARY, TestType.DIR,
             lambda rng: append_polar(rng, POSITIVE_CLAUSES, NEGATIVE_CLAUSES, neutral=False),
             "Appending a clearly positive (negative) clause such as 'Loved it.' ('Never again.') to a post of the "
             "same polarity must not lower P(positive) (P(negative)) nor raise the opposite one."),
    TestSpec("intensifiers", INTENSITY, TestType.DIR,
             _modified(INTENSIFIERS, INTENSIFIERS, MORE_POSITIVE, MORE_NEGATIVE, skip=("how {adj}",)),
             "'very good' vs 'good', 'really rude' vs 'rude': an intensifier must not weaken the polarity."),
    TestSpec("reducers", INTENSITY, TestType.DIR,
             _modified(POSITIVE_REDUCERS, NEGATIVE_REDUCERS, LESS_POSITIVE, LESS_NEGATIVE, skip=("how {adj}", "Wow")),
             "'fairly good' vs 'good', 'a bit slow' vs 'slow': a reducer must not raise P(positive) (P(negative))."),
    TestSpec("facts_schedules", FACTS, TestType.MFT, lambda rng: MFTCase(fill_fact(rng, SCHEDULE_FACTS), "neutral"),
             "Times, dates and schedules ('The meeting is at 3pm.', 'The store opens at 9am on Mondays.') -> neutral."),
    TestSpec("facts_places_prices", FACTS, TestType.MFT, lambda rng: MFTCase(fill_fact(rng, PLACE_FACTS), "neutral"),
             "Places, prices and plain statements ('A ticket to Lima costs $45.', 'I live in Osaka.') -> neutral."),
)
