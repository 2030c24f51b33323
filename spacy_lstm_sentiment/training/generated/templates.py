"""Generated training posts: templates whose label follows from what they say.

They teach what the labelled tweets are silent on: polar words outside the corpus's topics,
negation and negated negation, the clause after "but", neutral statements of fact (times, places,
plans), emoji, emphasis, and identity terms that carry no sentiment. Each family returns
(text, label distribution); a negated negative is "not negative" (neutral or positive), so it
gets a soft label. These templates are ours and are kept apart from the `check` suite's: training
on the suite would only teach the suite.
"""
import random
from typing import AbstractSet, Callable, Dict, List, Sequence, Tuple

from ...text.english import article
from . import word_pools as v

Post = Tuple[str, Dict[str, float]]
POSITIVE = {"positive": 1.0}
NEGATIVE = {"negative": 1.0}
NEUTRAL = {"neutral": 1.0}
NOT_NEGATIVE = {"neutral": 0.5, "positive": 0.5}


def _polar(rng: random.Random) -> Tuple[bool, Sequence[str], Sequence[str], Sequence[str], Dict[str, float]]:
    """A random polarity: (is_positive, adjectives, verbs, clauses, label)."""
    if rng.random() < 0.5:
        return True, v.POSITIVE_ADJECTIVES, v.POSITIVE_VERBS, v.POSITIVE_CLAUSES, POSITIVE
    return False, v.NEGATIVE_ADJECTIVES, v.NEGATIVE_VERBS, v.NEGATIVE_CLAUSES, NEGATIVE


def polar_statement(rng: random.Random) -> Post:
    _, adjectives, verbs, clauses, label = _polar(rng)
    thing, adj, verb = rng.choice(v.THINGS), rng.choice(adjectives), rng.choice(verbs)
    forms = (
        f"the {thing} is {adj}",
        f"this {thing} was {rng.choice(v.INTENSIFIERS)} {adj}",
        f"what a {adj} {thing}",
        f"I {verb} my new {thing}",
        f"I {verb} this {thing}, {rng.choice(clauses)}",
        f"{rng.choice(v.NAMES)} said the {thing} was {adj} and I agree",
        f"{thing} review: {adj}. {rng.choice(clauses)}",
        f"{rng.choice(clauses)}",
        f"just tried the {thing} in {rng.choice(v.PLACES)}, {adj}",
        f"{adj} {thing}, {rng.choice(clauses)}",
    )
    return rng.choice(v.CASUAL_OPENERS) + rng.choice(forms), label


def negation(rng: random.Random) -> Post:
    positive, adjectives, _, _, _ = _polar(rng)
    verbs = v.PLAIN_POSITIVE_VERBS if positive else v.PLAIN_NEGATIVE_VERBS
    thing, adj, verb = rng.choice(v.THINGS), rng.choice(adjectives), rng.choice(verbs)
    forms = (
        f"the {thing} is not {adj}",
        f"this {thing} isn't {adj} at all",
        f"I don't {verb} the {thing}",
        f"the {thing} was never {adj}",
        f"not {adj}, not {adj} at all",
        f"I wouldn't call the {thing} {adj}",
        f"nothing {adj} about this {thing}",
    )
    return rng.choice(forms), NEGATIVE if positive else NOT_NEGATIVE


def long_negation(rng: random.Random) -> Post:
    positive, adjectives, _, _, _ = _polar(rng)
    thing, adj = rng.choice(v.THINGS), rng.choice(adjectives)
    forms = (
        f"I don't think the {thing} is {adj}",
        f"I really can't say the {thing} was {adj}",
        f"I would never call this {thing} {adj}",
        f"nobody in our group found the {thing} {adj}",
        f"to be fair the {thing} was not, in any way, {adj}",
        f"I can't say, honestly, that the {thing} was {adj}",
        f"the {thing} was not, as far as I could tell, {adj}",
        f"nobody would claim, after all this, that the {thing} is {adj}",
    )
    return rng.choice(forms), NEGATIVE if positive else NOT_NEGATIVE


def negated_neutral(rng: random.Random) -> Post:
    event, time, other_time = rng.choice(v.EVENTS), *rng.sample(v.TIMES, 2)
    day, other_day = rng.sample(v.DAYS, 2)
    thing, name, place = rng.choice(v.THINGS), rng.choice(v.NAMES), rng.choice(v.PLACES)
    colour, other_colour = rng.sample(v.COLOURS, 2)
    forms = (
        f"{event} isn't at {time}, it's at {other_time}",
        f"{event} is not on {day} but on {other_day}",
        f"{name} doesn't live in {place} anymore",
        f"the {thing} doesn't come in {colour}, only in {other_colour}",
        f"I'm not at {rng.choice(v.VENUES)} today",
        f"we didn't take the {rng.choice(('train', 'bus', 'ferry'))} to {place}, we drove",
        f"the {thing} isn't mine, it's {name}'s",
    )
    return rng.choice(forms), NEUTRAL


def no_problem(rng: random.Random) -> Post:
    thing, trouble = rng.choice(v.THINGS), rng.choice(v.NEGATIVE_NOUNS)
    forms = (
        f"zero {trouble} with the {thing} so far",
        f"not a single one of the {trouble} people warned me about",
        f"the {thing} has given us no {trouble}",
        f"no {trouble} to report with the {thing}",
        f"three months in and still no {trouble}",
    )
    return rng.choice(forms), NOT_NEGATIVE


def expectation(rng: random.Random) -> Post:
    thing = rng.choice(v.THINGS)
    if rng.random() < 0.5:
        adj = rng.choice(v.NEGATIVE_ADJECTIVES)
        forms = (
            f"I was worried the {thing} would be {adj}, turned out it wasn't",
            f"expected the {thing} to be {adj} and it wasn't",
            f"everyone said the {thing} would be {adj}. it was not",
        )
        return rng.choice(forms), NOT_NEGATIVE
    adj = rng.choice(v.POSITIVE_ADJECTIVES)
    forms = (
        f"I was sure the {thing} would be {adj}, it wasn't",
        f"we hoped for a {adj} {thing} and it really wasn't",
        f"they promised the {thing} would be {adj}. it was not",
    )
    return rng.choice(forms), NEGATIVE


def answered_question(rng: random.Random) -> Post:
    positive, adjectives, _, _, _ = _polar(rng)
    thing, adj = rng.choice(v.THINGS), rng.choice(adjectives)
    yes = rng.random() < 0.5
    answer = rng.choice(v.YES_ANSWERS if yes else v.NO_ANSWERS)
    forms = (
        f"so, is the {thing} {adj}? {answer}",
        f"people keep asking if the {thing} was {adj}. {answer}",
        f"{thing} {adj}? {answer}",
    )
    if positive:
        label = POSITIVE if yes else NEGATIVE
    else:
        label = NEGATIVE if yes else NOT_NEGATIVE
    return rng.choice(forms), label


def contrast(rng: random.Random) -> Post:
    first_positive = rng.random() < 0.5
    first = v.POSITIVE_ADJECTIVES if first_positive else v.NEGATIVE_ADJECTIVES
    second = v.NEGATIVE_ADJECTIVES if first_positive else v.POSITIVE_ADJECTIVES
    thing, other = rng.sample(v.THINGS, 2)
    forms = (
        f"the {thing} was {rng.choice(first)} but the {other} was {rng.choice(second)}",
        f"I expected a {rng.choice(first)} {thing}, but it was {rng.choice(second)}",
        f"{rng.choice(first)} {thing}, however the {other} is {rng.choice(second)}",
        f"people say the {thing} is {rng.choice(first)}, but I found it {rng.choice(second)}",
    )
    return rng.choice(forms), NEGATIVE if first_positive else POSITIVE


def neutral_fact(rng: random.Random) -> Post:
    event, time, day, venue = rng.choice(v.EVENTS), rng.choice(v.TIMES), rng.choice(v.DAYS), rng.choice(v.VENUES)
    name, place, thing = rng.choice(v.NAMES), rng.choice(v.PLACES), rng.choice(v.THINGS)
    forms = (
        f"{event} is at {time} in {venue}",
        f"{event} starts at {time} on {day}",
        f"{name} is flying to {place} on {day}",
        f"reminder: {event} moved to {day} at {time}",
        f"does anyone know when {event} starts?",
        f"the {thing} comes in three colors",
        f"{name} moved to {place} last year",
        f"heading to {venue} now",
        f"the shop on Main Street opens at {time}",
        f"we ordered the {thing} on {day}",
        f"which {thing} should I get, the red one or the blue one?",
        f"{place} has a population of about {rng.randint(2, 90)} million",
    )
    return rng.choice(v.CASUAL_OPENERS) + rng.choice(forms), NEUTRAL


def neutral_mention(rng: random.Random) -> Post:
    thing, name, person, day = rng.choice(v.THINGS), rng.choice(v.NAMES), rng.choice(v.PEOPLE), rng.choice(v.DAYS)
    forms = (
        f"talking about the {thing} with {person}",
        f"{name} bought a {thing} yesterday",
        f"the {thing} is on the kitchen table",
        f"saw an ad for a {thing} on the bus",
        f"does the {thing} come in black?",
        f"the {thing} arrives on {day}",
        f"{name} wrote a post about the {thing}",
        f"{person} asked me about the {thing}",
        f"looking at {thing}s online",
        f"the {thing} was made in {rng.choice(v.PLACES)}",
    )
    return rng.choice(v.CASUAL_OPENERS) + rng.choice(forms), NEUTRAL


def emoji_post(rng: random.Random) -> Post:
    positive = rng.random() < 0.5
    pool, label = (v.POSITIVE_EMOJI, POSITIVE) if positive else (v.NEGATIVE_EMOJI, NEGATIVE)
    emoji = " ".join(rng.sample(pool, rng.randint(1, 3)))
    if rng.random() < 0.4:  # emoji alone: always two or three different ones, spaced
        return " ".join(rng.sample(pool, rng.randint(2, 3))), label
    base = neutral_fact(rng)[0]
    return (f"{base} {emoji}" if rng.random() < 0.7 else f"{emoji} {base}"), label


def identity_post(rng: random.Random) -> Post:
    identity, noun, name = rng.choice(v.IDENTITIES), rng.choice(v.IDENTITY_NOUNS), rng.choice(v.NAMES)
    a = article(identity)
    if rng.random() < 0.5:
        forms = (
            f"{name} is {a} {identity} {noun}",
            f"I met {a} {identity} {noun} at {rng.choice(v.VENUES)} today",
            f"my neighbor is {a} {identity} {noun} from {rng.choice(v.PLACES)}",
            f"{a} {identity} {noun} asked me for directions",
        )
        return rng.choice(forms), NEUTRAL
    _, adjectives, _, _, label = _polar(rng)
    return f"the {identity} {noun} who served us was {rng.choice(adjectives)}", label


def emphasis(rng: random.Random) -> Post:
    _, adjectives, _, _, label = _polar(rng)
    adj, thing = rng.choice(adjectives), rng.choice(v.THINGS)
    stretched = adj[:-1] + adj[-1] * rng.randint(3, 6)
    forms = (
        f"{adj.upper()}!!! the {thing} is {adj}",
        f"sooo {adj}",
        f"the {thing} is {stretched}",
        f"{thing}: {adj.upper()}",
    )
    return rng.choice(forms), label


FAMILIES: Dict[str, Tuple[Callable[[random.Random], Post], float]] = {
    "polar_statement": (polar_statement, 0.2),
    "negation": (negation, 0.14),
    "long_negation": (long_negation, 0.09),
    "negated_neutral": (negated_neutral, 0.05),
    "no_problem": (no_problem, 0.06),
    "expectation": (expectation, 0.06),
    "answered_question": (answered_question, 0.06),
    "contrast": (contrast, 0.08),
    "neutral_fact": (neutral_fact, 0.12),
    "neutral_mention": (neutral_mention, 0.09),
    "emoji": (emoji_post, 0.08),
    "identity": (identity_post, 0.08),
    "emphasis": (emphasis, 0.04),
}


def generate_posts(n: int, seed: int = 0, exclude: AbstractSet[str] = frozenset()) -> List[Post]:
    """`n` generated posts with their label distributions, the same for the same seed; a post whose
    `normal_form` is in `exclude` (e.g. the check suite's texts) is drawn again."""
    rng = random.Random(seed)
    makers = [maker for maker, _ in FAMILIES.values()]
    weights = [weight for _, weight in FAMILIES.values()]
    posts: List[Post] = []
    while len(posts) < n:
        post = rng.choices(makers, weights)[0](rng)
        if normal_form(post[0]) not in exclude:
            posts.append(post)
    return posts


def normal_form(text: str) -> str:
    """Lowercase, whitespace collapsed, final punctuation dropped: how texts are compared."""
    return " ".join(text.lower().split()).strip(".!?")
