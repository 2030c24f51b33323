"""Change over time: the present opinion decides ("I used to hate it, but now I love it")."""
from ..generate import TestSpec
from ..sentences import ONE_NOUN_EXCLUDED, polar_templates
from ..types import TestType

CAPABILITY = "temporal"
ORDER = 5

NOW_POSITIVE = (
    "I used to hate {n}, but now I love {them}.",
    "{N} used to be {neg}, but now {it} {is} {pos}.",
    "At first I didn't like {n}, but now I really enjoy {them}.",
    "{N} {was} {neg} last year, but this year {it} {is} {pos}.",
    "I used to avoid {n}. Now I love {them}!",
)
NOW_NEGATIVE = (
    "I used to love {n}, but now I can't stand {them}.",
    "{N} used to be {pos}, but now {it} {is} {neg}.",
    "At first I loved {n}, but lately {it} {has} been {neg}.",
    "{N} {was} {pos} last year, but this year {it} {is} {neg}.",
    "I used to recommend {n} to everyone. Not anymore, {it} {is} {neg} now.",
)
ONE_OFF = ONE_NOUN_EXCLUDED | {"the repair", "the installation", "the new update", "the new season", "the trip",
                               "the party", "the concert", "my weekend", "the ending", "the refund process"}
"""Things that happen once: "I used to love the concert" does not read like a post."""


SPECS = (
    TestSpec("used_to_now", CAPABILITY, TestType.MFT, polar_templates(NOW_POSITIVE, NOW_NEGATIVE, exclude=ONE_OFF),
             "Change over time ('I used to hate X, but now I love it', 'X used to be great, now it is awful') -> "
             "the present opinion decides."),
)
