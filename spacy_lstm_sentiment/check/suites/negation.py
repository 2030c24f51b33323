"""Negation: of positive, negative and neutral statements, at the end of a post, and across a neutral aside."""
import random

from ..generate import TestSpec, cap
from ..sentences import gradable_case
from ..types import NOT_NEGATIVE, MFTCase, TestType
from ..wordlists.facts import CITIES, DAYS, GATES, STREETS, TIMES, VENUES

CAPABILITY = "negation"
ORDER = 3

NEGATED_POSITIVE = (
    "{N} {wasnt} {adj}.",
    "{N} {was} not {adj} at all.",
    "I don't think {n} {was} {adj}.",
    "honestly {n} {wasnt} {adj}",
    "{N} {was} never {adj}.",
    "Sorry but {n} {isnt} {adj}.",
    "I didn't enjoy {n}.",
    "I did not like {n} one bit.",
    "I can't say I liked {n}.",
    "I wouldn't recommend {n}.",
    "Not happy with {n}.",
    "Not impressed with {n} at all.",
)
NEGATED_NEGATIVE = (
    "{N} {wasnt} {adj} at all.",
    "{N} {was} not {adj}.",
    "I don't think {n} {was} {adj}.",
    "{N}? Not {adj} at all.",
    "{N} {was} never {adj}.",
    "honestly {n} {isnt} {adj}",
    "No complaints about {n}.",
    "I have never had a problem with {n}.",
    "Nothing wrong with {n}.",
    "I wasn't disappointed by {n}.",
)
NEGATED_NEUTRAL = (
    "The meeting isn't on {day}, it's on {day2}.",
    "My flight doesn't leave from gate {gate}, it leaves from gate {gate2}.",
    "{Venue} is not on {street}, it is on {street2}.",
    "The package wasn't shipped from {city}, it came from {city2}.",
    "I didn't take the bus to {venue} today, I walked.",
    "We aren't meeting at {venue}, we're meeting at {venue2}.",
    "The train does not stop in {city}.",
    "The conference isn't in {city} this year, it's in {city2}.",
    "The class doesn't start at {time}, it starts at {time2}.",
    "The book isn't about {topic}, it's about {topic2}.",
    "My sister is not a {job}, she is a {job2}.",
    "The store on {street} doesn't sell {item}, only {item2}.",
    "This bus does not go to {venue}.",
    "The movie isn't in English, it's in {language}.",
    "I don't work on {day}s.",
    "{Venue} doesn't open until {time}.",
)
TOPICS = ("history", "the ocean", "cooking", "space", "gardening", "music", "trains", "birds")
JOBS = ("teacher", "nurse", "lawyer", "chef", "pilot", "librarian", "dentist", "plumber")
ITEMS = ("shoes", "books", "furniture", "groceries", "toys", "paint", "bikes", "phones")
LANGUAGES = ("Spanish", "Korean", "French", "Hindi", "Portuguese", "Japanese", "Arabic", "Italian")

END_NOT_NEGATIVE = (
    "I thought {n} would be {adj}, but {it} {wasnt}.",
    "I expected {n} to be {adj}, but {it} {wasnt}.",
    "I was worried {n} would be {adj}. {It} {wasnt}.",
    "Everyone warned me {n} would be {adj}, but {it} {wasnt}.",
    "Was afraid {n} would be {adj}... {it} {wasnt}!",
)
END_NEGATIVE = (
    "I thought {n} would be {adj}, but {it} {wasnt}.",
    "I was hoping {n} would be {adj}. {It} {wasnt}.",
    "Everyone told me {n} would be {adj}, but {it} {wasnt}.",
    "I expected {n} to be {adj}, but {it} {wasnt}.",
    "Really wanted {n} to be {adj}... {it} {wasnt}.",
)
ASIDES = ("to be honest", "as far as I can tell", "looking back", "if I'm being honest", "all things considered",
          "in my experience", "after thinking about it")
BETWEEN = (
    "I don't think, {aside}, that {n} {was} {adj}.",
    "I can't say, {aside}, that {n} {was} {adj}.",
    "{N} {was} not, {aside}, {adj}.",
    "{N} {wasnt}, {aside}, {adj}.",
    "I wouldn't say, {aside}, that {n} {is} {adj}.",
)


def _negated_neutral(rng: random.Random) -> MFTCase:
    slots = {}
    for key, values in (("day", DAYS), ("gate", GATES), ("street", STREETS), ("city", CITIES), ("venue", VENUES),
                        ("time", TIMES), ("topic", TOPICS), ("job", JOBS), ("item", ITEMS)):
        slots[key], slots[key + "2"] = rng.sample(values, 2)
    slots["Venue"] = cap(slots["venue"])
    slots["language"] = rng.choice(LANGUAGES)
    return MFTCase(rng.choice(NEGATED_NEUTRAL).format(**slots), "neutral")


def mixed_negation(negative_templates, not_negative_templates):
    """Cases from templates that expect negative (positive adjective) or not negative (negative adjective)."""

    def make(rng: random.Random) -> MFTCase:
        if rng.random() < 0.5:
            return gradable_case(rng, negative_templates, "positive", "negative")
        return gradable_case(rng, not_negative_templates, "negative", NOT_NEGATIVE)

    return make


def _between(rng: random.Random) -> MFTCase:
    aside = rng.choice(ASIDES)
    templates = [t.replace("{aside}", aside) for t in BETWEEN]
    return mixed_negation(templates, templates)(rng)


SPECS = (
    TestSpec("negated_positive", CAPABILITY, TestType.MFT,
             lambda rng: gradable_case(rng, NEGATED_POSITIVE, "positive", "negative"),
             "A negated positive word ('wasn't clean', 'didn't enjoy') -> negative."),
    TestSpec("negated_negative", CAPABILITY, TestType.MFT,
             lambda rng: gradable_case(rng, NEGATED_NEGATIVE, "negative", NOT_NEGATIVE),
             "A negated negative word ('not bad at all', 'no complaints') -> not negative (neutral or positive)."),
    TestSpec("negated_neutral", CAPABILITY, TestType.MFT, _negated_neutral,
             "A negated neutral statement ('the meeting isn't on Monday, it's on Friday') -> neutral."),
    TestSpec("negation_at_end", CAPABILITY, TestType.MFT, mixed_negation(END_NEGATIVE, END_NOT_NEGATIVE),
             "Negation at the end: 'I thought it would be bad, but it wasn't' -> not negative; "
             "'I hoped it would be good. It wasn't.' -> negative."),
    TestSpec("negation_across_aside", CAPABILITY, TestType.MFT, _between,
             "Negation with a neutral aside in between ('I can't say, to be honest, that the room was clean') -> "
             "negative; with a negative word -> not negative."),
)
