"""Python API for batch scoring: an iterator of records in, an iterator of scored records out.

>>> import spacy
>>> from spacy_lstm_sentiment.scoring.api import score_records
>>> nlp = spacy.load("training/model-best")
>>> for rec in score_records(nlp, [{"id": 1, "text": "love it"}, {"id": 2}]):
...     print(rec["id"], rec["sentiment"], rec["scores"], rec["error"])

Every input record comes out exactly once, in input order. Records whose text cannot be scored
(missing, null, not a string) come out with ``sentiment``/``scores`` set to None and an ``error``
message; see :mod:`spacy_lstm_sentiment.scoring.records` for the rules.

Long texts: texts longer than ``nlp.max_length`` (1,000,000 characters by default) are scored in
full; they are tokenized directly, bypassing spaCy's length guard, which protects the parser and
NER, components that scoring disables, while the sentiment model bounds its own memory. Pass
``max_chars`` to cut texts to a fixed length instead; cut records are counted as ``truncated``.

Memory: records are read and scored ``batch_size`` at a time; once a pipeline has scored its first
``WARM_UP_DOCS`` docs (outside zones, so that its tokenizer caches common words: without that,
scoring ran ~35% slower), each batch is scored inside ``nlp.memory_zone()``, so the strings and
lexemes that new words add to the vocab are freed again. Without zones a stream of posts full of
new tokens (ids, hashtags, URLs) grew the process by ~1 MB per 1,000 records. For runs of millions
of records see :mod:`.recycling`. Do not call ``score_records`` inside a memory zone of your own
(spaCy's zones do not nest).

Several processes: :func:`~.process_pool.score_records_multiprocess` (what ``score --n-process``
uses) scores chunks of records in worker processes that each load the pipeline once, with the
same records, order and scores; :func:`~.dask_backend.score_records_dask` does the same on a Dask
cluster.
"""
import time
from contextlib import nullcontext
from typing import Any, Callable, ContextManager, Iterable, Iterator, List, Optional, Tuple, Union
from weakref import WeakKeyDictionary

from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc
from spacy.util import minibatch

from ..pipeline.component import DEFAULT_INFERENCE_BATCH_SIZE
from ..pipeline.loading import components_to_disable, lstm_sentiment_components, sentence_setters
from ..text.normalize import pipeline_normalization
from .records import Prepared, finish_record, prepare_record, sentence_records
from .summary import ScoreSummary

WARM_UP_DOCS = 10_000
"""Docs each pipeline scores outside memory zones first, so that its tokenizer caches common words."""
_DOCS_OUTSIDE_ZONES: "WeakKeyDictionary[Language, int]" = WeakKeyDictionary()

DEFAULT_BATCH_SIZE = DEFAULT_INFERENCE_BATCH_SIZE
"""Texts scored together: the component's own default batch, so that scoring changes nothing by default."""

BatchHook = Callable[[List[Tuple[dict, Optional[Doc]]]], None]


def score_records(
    nlp: Language,
    records: Iterable[Any],
    *,
    text_field: str = "text",
    id_field: Optional[str] = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    fix_encoding: Optional[bool] = None,
    placeholders: Optional[bool] = None,
    max_chars: Optional[int] = None,
    disable_other_components: bool = True,
    sentences: bool = False,
    summary: Optional[ScoreSummary] = None,
    offset: int = 0,
    on_batch: Optional[BatchHook] = None,
) -> Iterator[dict]:
    """Score records lazily with ``nlp.pipe`` and yield them, in input order, each exactly once.

    This runs in the calling process; for worker processes use
    :func:`~.process_pool.score_records_multiprocess`.

    records: mappings (or plain strings, taken as the text); they are copied, never modified.
    Each output record holds the input fields plus ``sentiment`` (top label or None),
    ``scores`` ({label: probability} or None) and ``error`` (None when scored).
    text_field / id_field: where to find the text and, optionally, an id that must be present.
    batch_size: texts scored together; it also replaces an `lstm_sentiment` component's
        `inference_batch_size` for this call, so a small batch means low latency on a slow stream.
    fix_encoding / placeholders: text normalisation, as in corpus preparation (``normalize_text``);
        None (the default) repeats what the pipeline was trained with, as recorded in its meta.
    max_chars: cut longer texts to this many characters (default: score texts in full).
    disable_other_components: run only the ``doc.cats`` component and what it depends on.
    sentences: also score each sentence (the pipeline's own sentence boundaries when a component
        sets them, else spaCy's rule-based sentencizer) and add ``sentences``: a list of
        ``{start, end, text, sentiment, scores}`` (character offsets), before ``error``.
    summary: a :class:`ScoreSummary` to fill in (counts and time) while iterating.
    offset: input position of the first record (only used to name records in error examples).
    on_batch: called with each batch's ``(record, doc)`` pairs (doc None for a record not scored), in
        order, inside the batch's memory zone: the one place to read more from the docs (``explain``
        adds attributions); the records may be changed, the docs must not be kept.
    """
    if summary is None:
        summary = ScoreSummary()
    disable = components_to_disable(nlp) if disable_other_components else []
    trained_with = pipeline_normalization(nlp)
    fix_encoding = trained_with["fix_encoding"] if fix_encoding is None else fix_encoding
    placeholders = trained_with["placeholders"] if placeholders is None else placeholders
    component_cfg = {
        name: {"inference_batch_size": batch_size, **({"score_sentences": True} if sentences else {})}
        for name in lstm_sentiment_components(nlp)
    }
    splitter = None
    if sentences:
        setters = sentence_setters(nlp)
        disable = [name for name in disable if name not in setters]
        splitter = None if setters else Sentencizer()

    def pipe_input(text: str) -> Union[str, Doc]:
        if splitter is not None:
            return splitter(nlp.tokenizer(text))
        return nlp.tokenizer(text) if len(text) > nlp.max_length else text  # see the module docstring

    position = offset
    start = time.perf_counter()
    try:
        for window in minibatch(records, size=batch_size):
            batch = [
                prepare_record(
                    record,
                    text_field=text_field,
                    id_field=id_field,
                    fix_encoding=fix_encoding,
                    placeholders=placeholders,
                    max_chars=max_chars,
                )
                for record in window
            ]
            scorable = [prepared for prepared in batch if prepared.error is None]
            # The zone frees the strings and lexemes these docs added to the vocab; the records leave it
            # finished, so nothing of the zone is used after it, nor while the caller holds the generator.
            with _memory_zone_after_warm_up(nlp, len(scorable)):
                docs = nlp.pipe(
                    (pipe_input(p.text) for p in scorable),  # type: ignore[arg-type]
                    batch_size=batch_size,
                    disable=disable,
                    component_cfg=component_cfg,
                )
                finished: List[Tuple[dict, Optional[Doc]]] = []
                for prepared in batch:
                    if prepared.error is not None:
                        finished.append((finish_record(prepared, None), None))
                        continue
                    doc = next(docs)
                    sentence_rows = sentence_records(doc) if sentences else None
                    finished.append((finish_record(prepared, doc.cats, sentence_rows), doc))
                if on_batch is not None:
                    on_batch(finished)
            for prepared, (record, _) in zip(batch, finished):
                count_record(summary, prepared, id_field, position)
                yield record
                position += 1
    finally:
        summary.seconds += time.perf_counter() - start


def _memory_zone_after_warm_up(nlp: Language, n_docs: int) -> ContextManager[Any]:
    """``nlp.memory_zone()``, once the pipeline has scored ``WARM_UP_DOCS`` docs outside one.

    spaCy's tokenizer caches how it split a word only outside memory zones; without the words of a
    first stretch of posts in its cache, scoring ran ~35% slower.
    """
    done = _DOCS_OUTSIDE_ZONES.get(nlp, 0)
    if done >= WARM_UP_DOCS:
        return nlp.memory_zone()
    _DOCS_OUTSIDE_ZONES[nlp] = done + n_docs
    return nullcontext()


def count_record(summary: ScoreSummary, prepared: Prepared, id_field: Optional[str], position: int) -> None:
    """Count one record (0-based input `position`) in `summary`: scored, or an error named as `score` names it."""
    if prepared.error is None:
        summary.scored += 1
        summary.empty += prepared.empty
        summary.repaired += prepared.repaired
        summary.truncated += prepared.truncated
    else:
        summary.note_error(_record_key(prepared, id_field, position), prepared.error)


def _record_key(prepared: Prepared, id_field: Optional[str], position: int) -> str:
    """How error examples name a record: its id and/or its input line, else its position."""
    where = f"line {prepared.line}" if prepared.line is not None else f"record #{position + 1}"
    if id_field is not None and prepared.record.get(id_field) is not None:
        record_id = f"{id_field}={prepared.record[id_field]}"
        return record_id if prepared.line is None else f"{record_id} ({where})"
    return where
