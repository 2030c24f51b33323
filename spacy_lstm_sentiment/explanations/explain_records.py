"""Explaining records: the `score` pipeline's records in and out, with each post's token attributions.

Every input record comes out exactly once, in input order, as `score` writes it (input fields,
`sentiment`, `scores`, `error`), plus `attributions`: a list of `[token, {label: contribution}]`
pairs (None for a record that could not be scored). Texts are normalised as `score` normalises them.
"""
import time
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from ..scoring.api import count_record
from ..scoring.records import finish_record, prepare_record
from ..scoring.summary import ScoreSummary
from ..text.normalize import pipeline_normalization
from .explain_docs import explain

ATTRIBUTIONS_FIELD = "attributions"


def explain_records(
    nlp: Language,
    records: Iterable[Any],
    *,
    text_field: str = "text",
    id_field: Optional[str] = None,
    batch_size: int = 64,
    steps: int = 16,
    summary: Optional[ScoreSummary] = None,
) -> Iterator[Tuple[Dict[str, Any], Optional[Doc]]]:
    """Yield (output record, explained doc or None), in input order."""
    summary = summary if summary is not None else ScoreSummary()
    normalization = pipeline_normalization(nlp)
    position = 0
    start = time.perf_counter()
    try:
        for window in minibatch(records, size=batch_size):
            batch = [
                prepare_record(record, text_field=text_field, id_field=id_field, **normalization) for record in window
            ]
            scorable = [prepared for prepared in batch if prepared.error is None]
            docs = iter(explain(nlp, [prepared.text for prepared in scorable], batch_size=batch_size, steps=steps))
            for prepared in batch:
                count_record(summary, prepared, id_field, position)
                position += 1
                doc = next(docs) if prepared.error is None else None
                record = finish_record(prepared, doc.cats if doc is not None else None)
                record[ATTRIBUTIONS_FIELD] = token_attributions(doc) if doc is not None else None
                yield record, doc
    finally:
        summary.seconds += time.perf_counter() - start


def token_attributions(doc: Doc) -> List[List[Any]]:
    """`[token text, {label: contribution}]` for every token, rounded to 6 decimals."""
    return [
        [token.text, {label: round(value, 6) for label, value in (token._.attribution or {}).items()}]
        for token in doc
    ]
