"""Turning an input record into a text to score, and a scored doc back into an output record.

Validation rules for the text field (never raise, never drop the record):

* missing field, ``None`` or a non-string value (number, list, ...) -> the record is not scored and
  gets an ``error`` message (a missing field's message lists the fields the record has);
* ``""`` and whitespace-only strings are scored like any text (the model gives a defined
  distribution) and counted as *empty*;
* lone surrogates (left by a reader that decoded invalid UTF-8 with ``surrogateescape``, or by a
  JSON ``"\\ud83d"`` escape) are replaced by U+FFFD before scoring and in the output text; the
  record is scored and counted as *repaired*.
"""
import re
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional

from ..io.record_fields import (
    ERROR_FIELD,
    RAW_FIELD,
    SCORES_FIELD,
    SENTENCES_FIELD,
    SENTIMENT_FIELD,
    BadRecord,
    LineRecord,
)
from ..labels import top_label
from ..text.normalize import normalize_text
from ..text.repair import has_surrogates, replace_surrogates

MAX_LISTED_FIELDS = 10

# ASCII characters that ftfy may change: HTML entities, line breaks, control and escape characters.
# ASCII text without them passes ftfy.fix_text unchanged, so scoring skips the call (it costs
# ~30 microseconds a text, about as much as the model itself on short texts).
_ASCII_FTFY_TRIGGERS = re.compile("[&\x00-\x08\x0b-\x1f\x7f]")


@dataclass
class Prepared:
    """One input record on its way through the pipeline."""

    record: Dict[str, Any]
    text: Optional[str]
    """The text to score, or None when the record is not scored (see ``error``)."""
    error: Optional[str] = None
    empty: bool = False
    repaired: bool = False
    truncated: bool = False
    line: Optional[int] = None
    """The input file line the record starts on, when the reader knows it."""


def needs_ftfy(text: str) -> bool:
    """False when ``normalize_text(text, fix_encoding=True)`` would return ``text`` unchanged."""
    return not text.isascii() or _ASCII_FTFY_TRIGGERS.search(text) is not None


def _type_name(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def _listed_fields(record: Mapping[str, Any]) -> str:
    names = [repr(name) for name in list(record)[:MAX_LISTED_FIELDS]]
    if len(record) > MAX_LISTED_FIELDS:
        names.append(f"... {len(record)} in all")
    return ", ".join(names) if names else "none"


def prepare_record(
    record: Any,
    *,
    text_field: str = "text",
    id_field: Optional[str] = None,
    fix_encoding: bool = True,
    placeholders: bool = False,
    max_chars: Optional[int] = None,
) -> Prepared:
    """Validate one input record and extract the (normalised) text to score.

    ``record`` is a mapping, a plain string (taken as the text), or a :class:`BadRecord`, any of them
    possibly wrapped in a :class:`LineRecord`.
    The text is normalised with ``normalize_text(text, fix_encoding=..., placeholders=...)``, the
    same function corpus preparation uses. The returned ``Prepared.record`` is a shallow copy:
    the caller's object is never modified.
    """
    line = None
    if isinstance(record, LineRecord):
        record, line = record.record, record.line
    if isinstance(record, str):
        record = {text_field: record}
    elif isinstance(record, BadRecord):
        fields = dict(record.raw) if isinstance(record.raw, Mapping) else {RAW_FIELD: record.raw}
        return Prepared(fields, None, error=record.reason, line=line)
    elif not isinstance(record, Mapping):
        error = f"record is {_type_name(record)}, expected an object"
        return Prepared({RAW_FIELD: record}, None, error=error, line=line)
    else:
        record = dict(record)
    if id_field is not None and record.get(id_field) is None:
        error = f"missing id field {id_field!r} (the record's fields: {_listed_fields(record)})"
        return Prepared(record, None, error=error, line=line)
    if text_field not in record:
        error = f"missing text field {text_field!r} (the record's fields: {_listed_fields(record)})"
        return Prepared(record, None, error=error, line=line)
    text = record[text_field]
    if not isinstance(text, str):
        error = f"text field {text_field!r} is {_type_name(text)}, expected a string"
        return Prepared(record, None, error=error, line=line)
    repaired = False
    if has_surrogates(text):
        text = replace_surrogates(text)
        record[text_field] = text
        repaired = True
    truncated = False
    if max_chars is not None and len(text) > max_chars:
        text = text[:max_chars]
        truncated = True
    if placeholders or (fix_encoding and needs_ftfy(text)):
        text = normalize_text(text, fix_encoding=fix_encoding, placeholders=placeholders)
    return Prepared(record, text, empty=not text.strip(), repaired=repaired, truncated=truncated, line=line)


def finish_record(
    prepared: Prepared, cats: Optional[Mapping[str, float]], sentences: Optional[List[Dict[str, Any]]] = None
) -> Dict[str, Any]:
    """The output record: the input fields plus ``sentiment``, ``scores`` and ``error``."""
    record = prepared.record
    # (re)insert the output fields last, so `error` always ends a JSON line / CSV row
    if SENTIMENT_FIELD in record or SCORES_FIELD in record or ERROR_FIELD in record:
        for name in (SENTIMENT_FIELD, SCORES_FIELD, SENTENCES_FIELD, ERROR_FIELD):
            record.pop(name, None)
    if prepared.error is not None or cats is None:
        record[SENTIMENT_FIELD] = None
        record[SCORES_FIELD] = None
        record[ERROR_FIELD] = prepared.error or "not scored"
    else:
        scores = {label: float(score) for label, score in cats.items()} if cats else {}
        record[SENTIMENT_FIELD] = top_label(scores)
        record[SCORES_FIELD] = scores
        if sentences is not None:
            record[SENTENCES_FIELD] = sentences
        record[ERROR_FIELD] = None
    return record


def sentence_records(doc: Any) -> List[Dict[str, Any]]:
    """`{start, end, text, sentiment, scores}` of each scored sentence of a doc (character offsets)."""
    rows = []
    for sent in doc.sents:
        scores = {label: float(value) for label, value in (sent._.cats or {}).items()}
        rows.append({"start": sent.start_char, "end": sent.end_char, "text": sent.text,
                     "sentiment": top_label(scores), "scores": scores})
    return rows

