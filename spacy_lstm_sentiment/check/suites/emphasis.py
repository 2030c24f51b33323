"""Emphasis: elongated ("sooo good") and capitalised ("TERRIBLE") sentiment words keep or strengthen their polarity."""
import random

from ..generate import TestSpec, cap, elongate
from ..sentences import ADJECTIVE_FRAMES, describe
from ..types import MORE_NEGATIVE, MORE_POSITIVE, DIRCase, INVCase, MFTCase, TestType
from ..wordlists.domains import domain_choice

CAPABILITY = "emphasis"
ORDER = 10

SO = ("sooo", "soooo", "sooooo", "soooooo", "so so so")


def _polar_adjective(rng: random.Random):
    domain, noun = domain_choice(rng)
    positive = rng.random() < 0.5
    return noun, rng.choice(domain.positive if positive else domain.negative), positive


EMPHATIC = (
    "{N} {was} {so} {adj}",
    "{N} {was} {so} {adj}!!",
    "{N} {was} {long}",
    "omg {n} {was} {long}",
    "{N} {was} {ADJ}!!",
    "{N} {was} {ADJ}",
    "{SHOUT}",
)
VERB_EMPHATIC = ("I {LOVE} {n}!", "{long_verb} {n}", "I {LOVE} {n} SO MUCH")


def _emphatic(rng: random.Random) -> MFTCase:
    noun, adj, positive = _polar_adjective(rng)
    label = "positive" if positive else "negative"
    if rng.random() < 0.2:
        verb = "love" if positive else "hate"
        text = noun.fill(rng.choice(VERB_EMPHATIC), LOVE=verb.upper(), long_verb=cap(elongate(verb, rng)))
    else:
        shout = noun.fill("{N} {was} so {adj}!", adj=adj).upper()
        text = noun.fill(
            rng.choice(EMPHATIC), so=rng.choice(SO), adj=adj, long=elongate(adj, rng), ADJ=adj.upper(), SHOUT=shout
        )
    return MFTCase(text, label)


def _elongated(rng: random.Random) -> INVCase:
    noun, adj, _ = _polar_adjective(rng)
    original = noun.fill("{N} {was} so {adj}.", adj=adj)
    if rng.random() < 0.5:
        perturbed = noun.fill("{N} {was} {so} {adj}.", so=rng.choice(SO), adj=adj)
    else:
        perturbed = noun.fill("{N} {was} so {adj}.", adj=elongate(adj, rng))
    return INVCase((original, perturbed))


def _capitals(rng: random.Random) -> DIRCase:
    noun, adj, positive = _polar_adjective(rng)
    frame = rng.choice(ADJECTIVE_FRAMES)
    return DIRCase(describe(noun, frame, adj), describe(noun, frame, adj.upper()),
                   MORE_POSITIVE if positive else MORE_NEGATIVE)


SPECS = (
    TestSpec("elongation_and_caps", CAPABILITY, TestType.MFT, _emphatic,
             "Elongated or capitalised sentiment words ('sooo good', 'baaad', 'TERRIBLE', 'I LOVE it') -> "
             "their polarity."),
    TestSpec("elongation_invariance", CAPABILITY, TestType.INV, _elongated,
             "'so good' -> 'sooo good' / 'so goooood' must not change the top label."),
    TestSpec("capitals_direction", CAPABILITY, TestType.DIR, _capitals,
             "Capitalising the sentiment word ('great' -> 'GREAT') must not weaken its polarity."),
)
