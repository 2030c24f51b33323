"""Explaining records: the `score` pipeline's records in and out, with each post's token attributions.

Every input record comes out exactly once, in input order, as `score` writes it (input fields,
`sentiment`, `scores`, `error`), plus `attributions`: a list of `[token, {label: contribution}]`
pairs (None for a record that could not be scored). Texts are normalised as `score` normalises them.
"""
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from ..scoring.records import finish_record, prepare_record
from ..scoring.summary import ScoreSummary
from ..text_normalization import pipeline_normalization
from .api import explain

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
    for window in minibatch(records, size=batch_size):
        batch = [prepare_record(record, text_field=text_field, id_field=id_field, **normalization) for record in window]
        scorable = [prepared for prepared in batch if prepared.error is None]
        docs = iter(explain(nlp, [prepared.text for prepared in scorable], batch_size=batch_size, steps=steps))
        for prepared in batch:
            position += 1
            if prepared.error is not None:
                summary.note_error(f"record #{position}", prepared.error)
                record = finish_record(prepared, None)
                record[ATTRIBUTIONS_FIELD] = None
                yield record, None
                continue
            doc = next(docs)
            summary.scored += 1
            summary.empty += prepared.empty
            record = finish_record(prepared, doc.cats)
            record[ATTRIBUTIONS_FIELD] = token_attributions(doc)
            yield record, doc


def token_attributions(doc: Doc) -> List[List[Any]]:
    """`[token text, {label: contribution}]` for every token, rounded to 6 decimals."""
    return [
        [token.text, {label: round(value, 6) for label, value in (token._.attribution or {}).items()}]
        for token in doc
    ]
