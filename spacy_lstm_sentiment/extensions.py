"""Doc extension attributes the component writes."""
from spacy.tokens import Doc

SENTIMENT_ATTR = "sentiment"  # the top label
POLARITY_ATTR = "polarity"  # P(positive) - P(negative), in [-1, 1]


def register_extensions() -> None:
    """Declare `doc._.sentiment` and `doc._.polarity` (idempotent)."""
    for attr in (SENTIMENT_ATTR, POLARITY_ATTR):
        if not Doc.has_extension(attr):
            Doc.set_extension(attr, default=None)
