"""Doc extension attributes, computed from `doc.cats` when read (nothing is stored twice).

They read whatever `doc.cats` holds: with a second classifier writing to `doc.cats` in the same
pipeline, give one of them other label names.
"""
from typing import Optional

from spacy.tokens import Doc

from . import labels


def doc_sentiment(doc: Doc) -> Optional[str]:
    """The top label of `doc.cats`, or None before scoring."""
    return labels.top_label(doc.cats)


def doc_polarity(doc: Doc) -> Optional[float]:
    """P(positive) - P(negative) of `doc.cats`, in [-1, 1]; None when either label is missing."""
    return labels.polarity(doc.cats)


def register_extensions() -> None:
    """Declare `doc._.sentiment` and `doc._.polarity` (idempotent)."""
    if not Doc.has_extension("sentiment"):
        Doc.set_extension("sentiment", getter=doc_sentiment)
    if not Doc.has_extension("polarity"):
        Doc.set_extension("polarity", getter=doc_polarity)
