"""Scores of spans (sentences or any other span), by the component that scored their doc.

A span's scores are the model's scores of the span's tokens read alone, as if the span were a post
of its own. They are kept in `doc.user_data` under `(SPAN_CATS, start_char, end_char)` (the shape of
spaCy's own extension keys), so they travel with the doc through `to_bytes` and `DocBin`. They are
stored by the component: with `score_sentences`, every sentence in the same batch as the docs; with
`pipe.score_spans(spans)`, any spans, in one batch. `span._.cats` reads them (None for a span
nothing stored). Only a component with `span_scores_on_access` scores a span when its `span._.cats`
is read: this module then keeps a weak reference to it (found through `doc.user_data[SCORED_BY]`),
in a registry that exists only once such a component does.
"""
import weakref
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from spacy.tokens import Doc, Span

SPAN_CATS = "lstm_sentiment.span_cats"
SCORED_BY = ("lstm_sentiment", "scored_by")
_scorers_on_access: Optional[Dict[Tuple[int, str], "weakref.ReferenceType[Any]"]] = None
"""Components with `span_scores_on_access`, by (vocab, name); None until there is one."""


def score_on_access(component: Any, on: bool) -> None:
    """Let spans of docs this component scores be scored by it when `span._.cats` is read (``on``), or not."""
    global _scorers_on_access
    key = (id(component.vocab), component.name)
    if on:
        if _scorers_on_access is None:
            _scorers_on_access = {}
        _scorers_on_access[key] = weakref.ref(component)
    elif _scorers_on_access is not None:
        reference = _scorers_on_access.get(key)
        if reference is not None and reference() in (component, None):
            del _scorers_on_access[key]


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
    """`span._.cats`: the span's stored label distribution; when there is none, the scores of the component
    that scored its doc if it has `span_scores_on_access`, else None."""
    cats = stored_span_cats(span)
    if cats is not None or _scorers_on_access is None:
        return cats
    name = span.doc.user_data.get(SCORED_BY)
    reference = _scorers_on_access.get((id(span.doc.vocab), name)) if name is not None else None
    component = reference() if reference is not None else None
    if component is None:
        return None
    component.score_spans([span])
    return stored_span_cats(span)
