"""Long runs: score with a freshly loaded pipeline every ``RECYCLE_AFTER`` records, so memory stays bounded.

:func:`~.api.score_records` scores each batch in ``nlp.memory_zone()``, which frees the strings and
lexemes that new words add. What it cannot free is the room they took in the vocab's two hash tables
(``StringStore`` and the lexeme index, preshed ``PreshMap``\\ s): a zone marks its keys as deleted,
and a table that fills up with deleted keys doubles instead of compacting. With posts full of fresh
mentions, hashtags and URLs that is ~60 bytes a record (measured: +250 MB over 4.7M records). A
pipeline loaded again starts with small tables; loading takes well under a second, about a thousandth
of the time it takes to score ``RECYCLE_AFTER`` records.
"""
import gc
from itertools import chain, islice
from typing import Any, Callable, Iterable, Iterator, Optional

from spacy.language import Language

from .api import score_records
from .summary import ScoreSummary

RECYCLE_AFTER = 500_000
"""Records scored with one pipeline before it is replaced by a freshly loaded one."""


def score_records_recycled(
    load: Callable[[], Language],
    records: Iterable[Any],
    *,
    nlp: Optional[Language] = None,
    recycle_after: int = RECYCLE_AFTER,
    summary: Optional[ScoreSummary] = None,
    offset: int = 0,
    **options: Any,
) -> Iterator[dict]:
    """Like :func:`~.api.score_records`, with a pipeline from ``load()`` for every ``recycle_after`` records.

    nlp: the pipeline for the first records, when the caller has loaded it already (it is dropped
    like the others once they are scored). ``options`` are those of :func:`~.api.score_records`.
    """
    if summary is None:
        summary = ScoreSummary()
    remaining = iter(records)
    position = offset
    for first in remaining:  # a pipeline is loaded only when there are records left for it
        current = nlp if nlp is not None else load()
        nlp = None
        segment = chain([first], islice(remaining, recycle_after - 1))
        for record in score_records(current, segment, summary=summary, offset=position, **options):
            position += 1
            yield record
        del current
        gc.collect()  # a pipeline's objects hold reference cycles: free it before loading the next
