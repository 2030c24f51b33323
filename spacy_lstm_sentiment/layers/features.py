"""The featurizer layer: docs -> hashed token-feature rows (+ static vectors) and a packed layout."""
from dataclasses import dataclass
from typing import Any, List, Optional, Sequence, Tuple

import numpy
from spacy.attrs import intify_attr
from spacy.tokens import Doc
from thinc.api import Model

from .batching import PackedLayout, layout_batch

EMPTY_ROW = 0  # row 0 of every table stands for "no token": empty docs and word dropout


@dataclass
class DocFeatures:
    """What the torch network needs to know about a batch of docs, as host/xp arrays."""

    ids: numpy.ndarray  # (n_tokens, n_attrs) int64 row of each token in each attribute's table
    vectors: Optional[Any]  # (n_tokens, width) static vectors (xp array) or None
    layout: PackedLayout
    ngram_ids: numpy.ndarray  # (n_ngrams,) rows of the n-gram table, doc after doc
    ngram_offsets: numpy.ndarray  # (n_docs,) where each doc's n-grams start in ngram_ids


def doc_features(
    attrs: Sequence[str],
    rows: Sequence[int],
    max_length: int,
    include_static_vectors: bool,
    ngram_sizes: Sequence[int] = (),
    ngram_rows: int = 2,
    ngram_attrs: Sequence[str] = ("NORM",),
) -> Model[List[Doc], DocFeatures]:
    """Hash each token's attributes (e.g. NORM, PREFIX, SUFFIX, SHAPE) into table rows.

    The hashes are spaCy's own 64-bit string ids, so unseen spellings still land on rows shared
    with their prefix, suffix and shape. An empty or whitespace-only doc gets one position that
    reads `EMPTY_ROW`, so it still receives a defined prediction: the same for all of them. With
    `ngram_sizes`, the n-grams of each attribute in `ngram_attrs` within each doc are hashed into
    `ngram_rows` rows as well.
    """
    if len(attrs) != len(rows):
        raise ValueError(f"{len(attrs)} attrs but {len(rows)} table sizes: give one size per attr")
    if min(rows) < 2:
        raise ValueError("every hash table needs at least 2 rows")
    attr_ids = [intify_attr(attr) for attr in attrs]
    ngram_attr_ids = [intify_attr(attr) for attr in ngram_attrs] if ngram_sizes else []
    key_attr_ids = attr_ids + [attr for attr in ngram_attr_ids if attr not in attr_ids]
    return Model(
        "doc_features",
        _forward,
        attrs={
            "key_attr_ids": key_attr_ids,  # the columns read from each doc
            "ngram_columns": [key_attr_ids.index(attr) for attr in ngram_attr_ids],
            "rows": list(rows),
            "max_length": max_length,
            "include_static_vectors": include_static_vectors,
            "ngram_sizes": list(ngram_sizes),
            "ngram_rows": ngram_rows,
        },
    )


def static_vectors_width(vocab) -> int:
    """The width of the vocab's static vectors, or 0 when it has none."""
    vectors = vocab.vectors
    return int(vectors.shape[1]) if vectors.shape[0] > 0 else 0


def _forward(model: Model, docs: List[Doc], is_train: bool) -> Tuple[DocFeatures, Any]:
    attr_ids = model.attrs["key_attr_ids"]
    use_vectors = bool(docs) and model.attrs["include_static_vectors"]
    use_vectors = use_vectors and static_vectors_width(docs[0].vocab) > 0
    if use_vectors:
        attr_ids = attr_ids + [docs[0].vocab.vectors.attr]
    n_cols = len(attr_ids)
    empty = numpy.zeros((1, n_cols), dtype=numpy.uint64)
    # A doc of only whitespace carries no evidence: it reads like an empty doc (the model's prior)
    n_tokens = numpy.fromiter((0 if _is_blank(doc) else len(doc) for doc in docs), dtype=numpy.int64, count=len(docs))
    empty_docs = n_tokens == 0
    arrays = [doc.to_array(attr_ids) if n else empty for doc, n in zip(docs, n_tokens)]
    keys = numpy.concatenate(arrays).reshape(-1, n_cols) if arrays else empty[:0]
    layout = layout_batch(numpy.maximum(n_tokens, 1), model.attrs["max_length"])
    hash_keys = keys[:, : len(model.attrs["rows"])]
    modulus = numpy.asarray(model.attrs["rows"], dtype=numpy.uint64) - numpy.uint64(1)
    ids = (hash_keys % modulus).astype(numpy.int64) + 1
    if empty_docs.any():
        ids[layout.first_token[empty_docs]] = EMPTY_ROW
    ngram_ids, ngram_offsets = _hash_ngrams(
        keys[:, model.attrs["ngram_columns"]], layout, model.attrs["ngram_sizes"], model.attrs["ngram_rows"], empty_docs
    )
    vectors = None
    if use_vectors:
        vectors = _lookup_vectors(model, docs[0].vocab.vectors, keys[:, -1])
        if empty_docs.any():
            vectors[layout.first_token[empty_docs]] = 0
    features = DocFeatures(ids, vectors, layout, ngram_ids, ngram_offsets)
    return features, lambda d_features: []


def _is_blank(doc: Doc) -> bool:
    """Whether the doc holds only whitespace tokens (spaCy's tokenizer makes one of them)."""
    return len(doc) > 0 and doc[0].is_space and all(token.is_space for token in doc)


_NGRAM_MULTIPLIER = numpy.uint64(0x100000001B3)  # FNV-1a 64-bit prime


def _hash_ngrams(
    key_columns: numpy.ndarray, layout: PackedLayout, sizes: Sequence[int], n_rows: int, empty_docs: numpy.ndarray
) -> Tuple[numpy.ndarray, numpy.ndarray]:
    """Rows of every within-doc n-gram of each column of `key_columns` (n_tokens, n_attrs),
    grouped by doc, and each doc's start offset."""
    hashes, docs = [], []
    n_tokens = len(key_columns)
    for column, n in ((c, n) for c in range(key_columns.shape[1]) for n in sizes if n <= n_tokens):
        keys = key_columns[:, column]
        combined = keys[: n_tokens - n + 1] ^ numpy.uint64(n + 16 * column)  # salt: size and attr
        for offset in range(1, n):
            combined = combined * _NGRAM_MULTIPLIER ^ keys[offset : n_tokens - n + 1 + offset]
        starts_doc = layout.token_doc[: len(combined)]
        within_doc = starts_doc == layout.token_doc[n - 1 :]
        hashes.append(combined[within_doc])
        docs.append(starts_doc[within_doc])
    if not hashes:  # no n-gram sizes, or every size longer than the whole batch
        return numpy.zeros(0, dtype=numpy.int64), numpy.zeros(layout.n_docs, dtype=numpy.int64)
    hashes = numpy.concatenate(hashes)
    docs = numpy.concatenate(docs)
    rows = (hashes % numpy.uint64(n_rows - 1)).astype(numpy.int64) + 1
    rows[empty_docs[docs]] = EMPTY_ROW
    by_doc = numpy.argsort(docs, kind="stable")
    counts = numpy.bincount(docs, minlength=layout.n_docs)
    offsets = numpy.concatenate(([0], numpy.cumsum(counts)[:-1])).astype(numpy.int64)
    return rows[by_doc], offsets


def _lookup_vectors(model: Model, vectors, keys: numpy.ndarray):
    """Static vectors for the keys, zeros for keys the table lacks (as spaCy's StaticVectors)."""
    if vectors.mode == "floret":
        return model.ops.asarray(vectors.get_batch(keys))
    rows = vectors.find(keys=keys)
    table = model.ops.asarray(vectors.data)
    found = table[model.ops.asarray(rows)]
    found[model.ops.asarray(rows < 0)] = 0
    return found
