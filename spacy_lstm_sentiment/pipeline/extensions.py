"""Extension attributes, computed from the scores when read (nothing is stored twice).

- `doc._.sentiment` / `doc._.polarity`: from `doc.cats`;
- `span._.cats` / `span._.sentiment` / `span._.polarity`: the span's own scores (`span_scores`);
- `token._.attribution`: {label: contribution} of the token, set by `explain` (None otherwise).

The doc attributes read whatever `doc.cats` holds: with a second classifier writing to `doc.cats`
in the same pipeline, give one of them other label names.
"""
from typing import Optional

from spacy.tokens import Doc, Span, Token

from .. import labels
from .span_scores import span_cats


def doc_sentiment(doc: Doc) -> Optional[str]:
    """The top label of `doc.cats`, or None before scoring."""
    return labels.top_label(doc.cats)


def doc_polarity(doc: Doc) -> Optional[float]:
    """P(positive) - P(negative) of `doc.cats`, in [-1, 1]; None when either label is missing."""
    return labels.polarity(doc.cats)


def span_sentiment(span: Span) -> Optional[str]:
    cats = span_cats(span)
    return labels.top_label(cats) if cats else None


def span_polarity(span: Span) -> Optional[float]:
    cats = span_cats(span)
    return labels.polarity(cats) if cats else None


def register_extensions() -> None:
    """Declare the extension attributes (idempotent)."""
    for name, getter in (("sentiment", doc_sentiment), ("polarity", doc_polarity)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, getter=getter)
    for name, getter in (("cats", span_cats), ("sentiment", span_sentiment), ("polarity", span_polarity)):
        if not Span.has_extension(name):
            Span.set_extension(name, getter=getter)
    if not Token.has_extension("attribution"):
        Token.set_extension("attribution", default=None)
