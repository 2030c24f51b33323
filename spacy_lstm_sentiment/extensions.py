"""Doc extension attributes, computed from `doc.cats` when read (nothing is stored twice).

They read whatever `doc.cats` holds: with a second classifier writing to `doc.cats` in the same
pipeline, give one of them other label names.
"""
from typing import Optional

from spacy.tokens import Doc

POSITIVE, NEGATIVE = "positive", "negative"


def top_label(doc: Doc) -> Optional[str]:
    """The label with the highest score, or None before scoring."""
    return max(doc.cats, key=doc.cats.__getitem__) if doc.cats else None


def polarity(doc: Doc) -> Optional[float]:
    """P(positive) - P(negative), in [-1, 1]; None when either label is missing."""
    cats = doc.cats
    if POSITIVE not in cats or NEGATIVE not in cats:
        return None
    return cats[POSITIVE] - cats[NEGATIVE]


def register_extensions() -> None:
    """Declare `doc._.sentiment` and `doc._.polarity` (idempotent)."""
    if not Doc.has_extension("sentiment"):
        Doc.set_extension("sentiment", getter=top_label)
    if not Doc.has_extension("polarity"):
        Doc.set_extension("polarity", getter=polarity)
