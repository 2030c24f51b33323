"""Scores of spans (sentences or any other span), by the component that scored their doc.

A span's scores are the model's scores of the span's tokens read alone, as if the span were a post
of its own. They are kept in `doc.user_data` under `(SPAN_CATS, start_char, end_char)` (the shape of
spaCy's own extension keys), so they travel with the doc through `to_bytes` and `DocBin`. With
`score_sentences`, the component scores every sentence in the same batch as the docs; any other
span is scored the first time its `span._.cats` is read, by the component that scored the doc
(found through `doc.user_data[SCORED_BY]`), and kept.
"""
import weakref
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from spacy.tokens import Doc, Span

SPAN_CATS = "lstm_sentiment.span_cats"
SCORED_BY = ("lstm_sentiment", "scored_by")
_SCORERS: Dict[Tuple[int, str], "weakref.ReferenceType[Any]"] = {}


def register_scorer(component: Any) -> None:
    """Let spans of docs this component scores be scored by it on first access."""
    _SCORERS[(id(component.vocab), component.name)] = weakref.ref(component)


def mark_scored(doc: Doc, name: str) -> None:
    doc.user_data[SCORED_BY] = name


def stored_span_cats(span: Span) -> Optional[Dict[str, float]]:
    return span.doc.user_data.get((SPAN_CATS, span.start_char, span.end_char))


def store_span_cats(span: Span, cats: Dict[str, float]) -> None:
    span.doc.user_data[(SPAN_CATS, span.start_char, span.end_char)] = cats


def store_scores(
    spans: Sequence[Span], labels: Sequence[str], rows: Iterable[Sequence[float]]
) -> List[Dict[str, float]]:
    """Keep each span's row of label scores as its cats; the cats, in order."""
    cats = [dict(zip(labels, row)) for row in rows]
    for span, span_cats in zip(spans, cats):
        store_span_cats(span, span_cats)
    return cats


def sentences_of(docs: Iterable[Doc]) -> List[Span]:
    """The sentences of the docs that have sentence boundaries, in order."""
    return [sent for doc in docs if doc.has_annotation("SENT_START") for sent in doc.sents]


def span_cats(span: Span) -> Optional[Dict[str, float]]:
    """`span._.cats`: the span's label distribution; None when no component of this process scored
    its doc (e.g. a doc read back from disk without its span scores)."""
    cats = stored_span_cats(span)
    if cats is not None:
        return cats
    name = span.doc.user_data.get(SCORED_BY)
    reference = _SCORERS.get((id(span.doc.vocab), name)) if name is not None else None
    component = reference() if reference is not None else None
    if component is None:
        return None
    component.score_spans([span])
    return stored_span_cats(span)
