"""The linear n-gram bag: hashed within-doc n-grams whose label weights add to the RNN's logits.

A "wide and deep" model: the n-grams give cheap lexical evidence, the RNN reads order and negation.
The bag is L2-normalised per doc (each n-gram weighs 1/sqrt(n-grams in its doc), as TF-IDF rows
would be) and its weights are scaled so that Adam's per-step change of them is `learn_rate_scale`
times the RNN's: a linear model learns in a few epochs what the RNN would overfit to first.

`hash_ngrams` runs on the host (numpy) in the featurizer; `nn.heads.NgramBag` is the torch module.
"""
from typing import Sequence, Tuple

import numpy

from .hashing import EMPTY_ROW, hashed_rows
from .packing import PackedLayout

_MULTIPLIER = numpy.uint64(0x100000001B3)  # FNV-1a 64-bit prime


def hash_ngrams(
    key_columns: numpy.ndarray,
    layout: PackedLayout,
    sizes: Sequence[int],
    n_rows: int,
    empty_docs: numpy.ndarray,
    with_spans: bool = False,
) -> Tuple[numpy.ndarray, ...]:
    """Rows of every within-doc n-gram of each column of `key_columns` (n_tokens, n_attrs),
    grouped by doc, and each doc's start offset. Empty docs read `EMPTY_ROW`. With `with_spans`,
    also each n-gram's first token (flat index) and length, in the same order (for attributions)."""
    hashes, docs, starts, lengths = [], [], [], []
    n_tokens = len(key_columns)
    for column, n in ((c, n) for c in range(key_columns.shape[1]) for n in sizes if n <= n_tokens):
        keys = key_columns[:, column]
        combined = keys[: n_tokens - n + 1] ^ numpy.uint64(n + 16 * column)  # salt: size and attr
        for offset in range(1, n):
            combined = combined * _MULTIPLIER ^ keys[offset : n_tokens - n + 1 + offset]
        starts_doc = layout.token_doc[: len(combined)]
        within_doc = starts_doc == layout.token_doc[n - 1 :]
        hashes.append(combined[within_doc])
        docs.append(starts_doc[within_doc])
        if with_spans:
            starts.append(numpy.flatnonzero(within_doc))
            lengths.append(numpy.full(int(within_doc.sum()), n, dtype=numpy.int64))
    if not hashes:  # no n-gram sizes, or every size longer than the whole batch
        none = numpy.zeros(0, dtype=numpy.int64)
        offsets = numpy.zeros(layout.n_docs, dtype=numpy.int64)
        return (none, offsets, none, none) if with_spans else (none, offsets)
    hashes = numpy.concatenate(hashes)
    docs = numpy.concatenate(docs)
    rows = hashed_rows(hashes, n_rows)
    rows[empty_docs[docs]] = EMPTY_ROW
    by_doc = numpy.argsort(docs, kind="stable")
    counts = numpy.bincount(docs, minlength=layout.n_docs)
    offsets = numpy.concatenate(([0], numpy.cumsum(counts)[:-1])).astype(numpy.int64)
    if with_spans:
        return rows[by_doc], offsets, numpy.concatenate(starts)[by_doc], numpy.concatenate(lengths)[by_doc]
    return rows[by_doc], offsets


def bag_weights(offsets: numpy.ndarray, n_ngrams: int) -> numpy.ndarray:
    """1/sqrt(n-grams in the doc) for every n-gram: an L2-normalised bag."""
    counts = numpy.diff(numpy.append(offsets, n_ngrams))
    return numpy.repeat(1.0 / numpy.sqrt(numpy.maximum(counts, 1)), counts).astype(numpy.float32)
