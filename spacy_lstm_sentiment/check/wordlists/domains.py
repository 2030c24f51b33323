"""Word lists for the opinion templates: domains with their nouns and adjectives, and shared phrases.

Written for this suite. Each domain's adjectives are chosen to fit every noun of that domain;
`gradable` adjectives take "very" / "a bit" naturally (not "excellent", "awful").
"""
import random
from dataclasses import dataclass
from typing import AbstractSet, Tuple

from ..generate import Noun


def _s(*texts: str) -> Tuple[Noun, ...]:
    return tuple(Noun(t) for t in texts)


def _p(*texts: str) -> Tuple[Noun, ...]:
    return tuple(Noun(t, plural=True) for t in texts)


def _person(*texts: str) -> Tuple[Noun, ...]:
    return tuple(Noun(t, person=True) for t in texts)


@dataclass(frozen=True)
class Domain:
    name: str
    nouns: Tuple[Noun, ...]
    positive: Tuple[str, ...]
    negative: Tuple[str, ...]
    gradable_positive: Tuple[str, ...]
    gradable_negative: Tuple[str, ...]
    mild_positive: Tuple[str, ...] = ("nice", "fine", "decent")
    strong_positive: Tuple[str, ...] = ("fantastic", "excellent", "wonderful")
    strong_negative: Tuple[str, ...] = ("awful", "terrible", "horrible")


DOMAINS: Tuple[Domain, ...] = (
    Domain(
        "airline",
        _s("the flight", "the crew", "the check-in", "the boarding", "the customer service")
        + _p("the flight attendants"),
        positive=("pleasant", "efficient", "excellent", "wonderful", "fantastic", "great", "good"),
        negative=("unpleasant", "disorganized", "terrible", "awful", "horrible", "bad"),
        gradable_positive=("pleasant", "efficient", "good", "nice"),
        gradable_negative=("unpleasant", "disorganized", "bad", "slow"),
    ),
    Domain(
        "product",
        _s("my new phone", "the battery", "the laptop", "the camera", "this blender") + _p("these headphones"),
        positive=("reliable", "impressive", "excellent", "fantastic", "great", "good"),
        negative=("unreliable", "useless", "disappointing", "terrible", "awful", "bad"),
        gradable_positive=("reliable", "impressive", "good", "solid"),
        gradable_negative=("unreliable", "disappointing", "bad", "overpriced"),
    ),
    Domain(
        "restaurant food",
        _s("the food", "the pasta", "the dessert", "the coffee", "the soup") + _p("the tacos"),
        positive=("delicious", "tasty", "fresh", "excellent", "amazing", "good"),
        negative=("bland", "stale", "disgusting", "awful", "terrible", "bad"),
        gradable_positive=("tasty", "fresh", "good", "flavorful"),
        gradable_negative=("bland", "cold", "bad", "disappointing"),
        strong_positive=("delicious", "amazing", "excellent"),
        strong_negative=("disgusting", "awful", "inedible"),
    ),
    Domain(
        "restaurant service",
        _person("the waiter", "the hostess", "our server") + _s("the service") + _p("the staff at the bar"),
        positive=("friendly", "attentive", "helpful", "wonderful", "excellent", "good"),
        negative=("rude", "unfriendly", "careless", "terrible", "awful", "bad"),
        gradable_positive=("friendly", "attentive", "helpful", "good"),
        gradable_negative=("rude", "unfriendly", "slow", "bad"),
    ),
    Domain(
        "movie",
        _s("the movie", "the ending", "the acting", "the soundtrack", "the plot", "the new season"),
        positive=("brilliant", "entertaining", "gripping", "excellent", "fantastic", "good"),
        negative=("boring", "dull", "weak", "awful", "terrible", "bad"),
        gradable_positive=("entertaining", "gripping", "good", "enjoyable"),
        gradable_negative=("boring", "dull", "bad", "predictable"),
        strong_positive=("brilliant", "fantastic", "excellent"),
    ),
    Domain(
        "hotel",
        _s("the hotel", "the room", "the bed", "the bathroom", "the lobby", "the pool"),
        positive=("clean", "spotless", "lovely", "excellent", "great", "good"),
        negative=("dirty", "filthy", "run-down", "disgusting", "awful", "bad"),
        gradable_positive=("clean", "comfortable", "good", "nice"),
        gradable_negative=("dirty", "uncomfortable", "bad", "noisy"),
        mild_positive=("fine", "decent", "okay"),
        strong_positive=("spotless", "lovely", "excellent"),
        strong_negative=("filthy", "disgusting", "awful"),
    ),
    Domain(
        "app",
        _s("the app", "the new update", "the interface", "the checkout process", "this game", "the website"),
        positive=("intuitive", "fast", "smooth", "excellent", "great", "good"),
        negative=("buggy", "confusing", "useless", "awful", "terrible", "bad"),
        gradable_positive=("intuitive", "fast", "good", "simple"),
        gradable_negative=("buggy", "confusing", "bad", "slow"),
    ),
    Domain(
        "everyday life",
        _s("my day", "the weather", "the concert", "the party", "my weekend", "the trip", "my commute"),
        positive=("wonderful", "fantastic", "lovely", "amazing", "great", "good"),
        negative=("miserable", "awful", "horrible", "dreadful", "terrible", "bad"),
        gradable_positive=("good", "nice", "relaxing", "fun"),
        gradable_negative=("bad", "stressful", "exhausting", "annoying"),
        mild_positive=("nice", "fine", "okay"),
        strong_negative=("miserable", "awful", "horrible"),
    ),
    Domain(
        "delivery and support",
        _s("the delivery", "customer support", "the repair", "the installation", "the refund process"),
        positive=("quick", "painless", "smooth", "excellent", "great", "good"),
        negative=("slow", "frustrating", "useless", "awful", "terrible", "bad"),
        gradable_positive=("quick", "smooth", "good", "easy"),
        gradable_negative=("slow", "frustrating", "bad", "complicated"),
    ),
)

INTENSIFIERS = ("very", "really", "extremely", "incredibly", "so", "super", "truly", "unbelievably")
POSITIVE_REDUCERS = ("fairly", "somewhat", "kind of", "reasonably", "sort of", "moderately")
NEGATIVE_REDUCERS = ("a bit", "slightly", "a little", "somewhat", "kind of", "mildly")

POSITIVE_VERBS = ("I love {n}", "I really enjoyed {n}", "Really impressed with {n}", "So happy with {n}",
                  "{N} made my day", "Absolutely loved {n}", "Big fan of {n}")
NEGATIVE_VERBS = ("I hate {n}", "I can't stand {n}", "Really disappointed with {n}", "So annoyed with {n}",
                  "{N} ruined my day", "Fed up with {n}", "Sick and tired of {n}")

POSITIVE_CLAUSES = ("Loved it.", "Really happy about it.", "So glad!", "Made my day!", "Absolutely loved it.",
                    "Highly recommend.", "Best decision ever.", "Thank you so much!")
NEGATIVE_CLAUSES = ("Hated it.", "So disappointed.", "Really upset about it.", "What a letdown.", "Never again.",
                    "Worst experience in a long time.", "Such a waste of money.", "Not happy at all.")

NEUTRAL_FRAMES = (
    "We talked about {n} at lunch{when}.",
    "My sister asked me about {n}{when}.",
    "I'll tell you about {n} tomorrow.",
    "There's a thread about {n} on the forum.",
    "I'm writing a short post about {n}{when}.",
    "{N} came up in the group chat{when}.",
    "Has anyone posted about {n} yet?",
    "My coworker mentioned {n}{when}.",
    "I read a review of {n}{when}.",
    "Going to look into {n} later.",
)
NEUTRAL_WHEN = ("", " today", " this morning", " on Friday", " last night", " yesterday")


PRONOUN_FIELDS = ("{it}", "{It}", "{them}")


def domain_choice(
    rng: random.Random, template: str = "", exclude: AbstractSet[str] = frozenset()
) -> Tuple[Domain, Noun]:
    """A random domain and one of its nouns that fits the template (no "it" for a person) and is not excluded."""
    needs_it = any(field in template for field in PRONOUN_FIELDS)
    while True:
        domain = rng.choice(DOMAINS)
        nouns = [n for n in domain.nouns if (n.takes_it or not needs_it) and n.text not in exclude]
        if nouns:
            return domain, rng.choice(nouns)
