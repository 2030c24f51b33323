"""Emoji and emoticons: in context, alone and added, they carry their polarity."""
import random

from ..generate import TestSpec, cap
from ..sentences import append_polar
from ..types import MFTCase, TestType

CAPABILITY = "emoji"
ORDER = 9

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


SPECS = (
    TestSpec("emoji_in_context", CAPABILITY, TestType.MFT,
             lambda rng: _event_with(rng, POSITIVE_EMOJI, NEGATIVE_EMOJI, funny=True),
             "A neutral event with a positive or negative emoji ('my exam results just came in 😍' -> positive, "
             "'... 😡' -> negative; laughing emoji at funny events -> positive)."),
    TestSpec("emoji_only", CAPABILITY, TestType.MFT, _emoji_only,
             "Posts made only of positive (😍👍🎉) or negative (😡👎💔) emoji -> that polarity.", n=100),
    TestSpec("emoticons", CAPABILITY, TestType.MFT, _emoticons,
             "Emoticons after a neutral event or alone (':)', '<3' -> positive; ':(', '>:(' -> negative).", n=150),
    TestSpec("emoji_added", CAPABILITY, TestType.DIR,
             lambda rng: append_polar(rng, POSITIVE_EMOJI, NEGATIVE_EMOJI, neutral=True),
             "Appending a positive (negative) emoji to a neutral or same-polarity post must not lower P(positive) "
             "(P(negative)) nor raise the opposite one."),
)
