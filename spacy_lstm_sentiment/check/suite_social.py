"""Social-media signals: emoji and emoticons (in context, alone, added), elongation and capitals."""
import random

from .generate import TestSpec, cap, elongate
from .lexicon import domain_choice
from .sentences import ADJECTIVE_FRAMES, append_polar, describe
from .types import MORE_NEGATIVE, MORE_POSITIVE, DIRCase, INVCase, MFTCase, TestType

EMOJI, EMPHASIS = "emoji", "emphasis"

POSITIVE_EMOJI = ("😍", "🥰", "😊", "🙂", "👍", "❤️", "🎉", "🙌", "😁", "💯")
NEGATIVE_EMOJI = ("😡", "😠", "🤬", "👎", "😤", "😞", "😢", "💔", "😩", "🙄")
LAUGHING_EMOJI = ("😂", "🤣")
POSITIVE_EMOTICONS = (":)", ":-)", ":D", "=)", "<3", ":-D", "^_^")
NEGATIVE_EMOTICONS = (":(", ":-(", ":'(", "D:", ">:(")

EVENTS = (
    "my exam results just came in", "just picked up my order", "the new update just installed",
    "first day at the new office", "got an email from the landlord", "my flight just landed",
    "the test results came back", "my package arrived", "just finished the group project",
    "the bus finally came", "dinner at my parents' tonight", "the last episode of the season",
    "my sister called this morning", "checked the weather for the weekend", "the hotel sent my booking",
)
FUNNY_EVENTS = (
    "watching old home videos with my family", "my nephew's dance moves at the wedding",
    "the blooper reel at the end of the movie", "my cat trying to catch the laser pointer",
    "the group chat tonight", "my dad discovering voice messages",
)
EVENT_FRAMES = ("{event} {e}", "{Event} {e}{e}", "{e} {event}", "{Event}!! {e}", "{event}... {e}{e}{e}")
SO = ("sooo", "soooo", "sooooo", "soooooo", "so so so")


def _event_with(rng: random.Random, symbols_pos, symbols_neg, funny: bool = False) -> MFTCase:
    """A neutral event followed (or preceded) by a positive or negative symbol."""
    if funny and rng.random() < 0.25:
        event, symbol, label = rng.choice(FUNNY_EVENTS), rng.choice(LAUGHING_EMOJI), "positive"
    else:
        label = rng.choice(("positive", "negative"))
        event = rng.choice(EVENTS)
        symbol = rng.choice(symbols_pos if label == "positive" else symbols_neg)
    text = rng.choice(EVENT_FRAMES).format(event=event, Event=cap(event), e=symbol)
    return MFTCase(text, label)


def _emoji_only(rng: random.Random) -> MFTCase:
    label = rng.choice(("positive", "negative"))
    options = POSITIVE_EMOJI if label == "positive" else NEGATIVE_EMOJI
    first = rng.choice(options)
    text = first * rng.randint(1, 4) if rng.random() < 0.5 else first + "".join(rng.sample(options, rng.randint(1, 2)))
    return MFTCase(text, label)


def _emoticons(rng: random.Random) -> MFTCase:
    if rng.random() < 0.15:  # alone
        label = rng.choice(("positive", "negative"))
        return MFTCase(rng.choice(POSITIVE_EMOTICONS if label == "positive" else NEGATIVE_EMOTICONS), label)
    return _event_with(rng, POSITIVE_EMOTICONS, NEGATIVE_EMOTICONS)


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
    TestSpec("emoji_in_context", EMOJI, TestType.MFT,
             lambda rng: _event_with(rng, POSITIVE_EMOJI, NEGATIVE_EMOJI, funny=True),
             "A neutral event with a positive or negative emoji ('my exam results just came in 😍' -> positive, "
             "'... 😡' -> negative; laughing emoji at funny events -> positive)."),
    TestSpec("emoji_only", EMOJI, TestType.MFT, _emoji_only,
             "Posts made only of positive (😍👍🎉) or negative (😡👎💔) emoji -> that polarity.", n=100),
    TestSpec("emoticons", EMOJI, TestType.MFT, _emoticons,
             "Emoticons after a neutral event or alone (':)', '<3' -> positive; ':(', '>:(' -> negative).", n=150),
    TestSpec("emoji_added", EMOJI, TestType.DIR,
             lambda rng: append_polar(rng, POSITIVE_EMOJI, NEGATIVE_EMOJI, neutral=True),
             "Appending a positive (negative) emoji to a neutral or same-polarity post must not lower P(positive) "
             "(P(negative)) nor raise the opposite one."),
    TestSpec("elongation_and_caps", EMPHASIS, TestType.MFT, _emphatic,
             "Elongated or capitalised sentiment words ('sooo good', 'baaad', 'TERRIBLE', 'I LOVE it') -> "
             "their polarity."),
    TestSpec("elongation_invariance", EMPHASIS, TestType.INV, _elongated,
             "'so good' -> 'sooo good' / 'so goooood' must not change the top label."),
    TestSpec("capitals_direction", EMPHASIS, TestType.DIR, _capitals,
             "Capitalising the sentiment word ('great' -> 'GREAT') must not weaken its polarity."),
)
