"""The featurizer layer: docs -> hashed token-feature rows (+ static vectors, n-grams) and a packed layout.

Everything here runs on the host, in numpy; `nn.batch.TorchBatch` moves the result to the device.
"""
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import numpy
from spacy.attrs import IS_SPACE, intify_attr
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from thinc.api import Model

from .blinding import BlindTerms
from .hashing import EMPTY_ROW, hashed_rows
from .id_cache import IdCache
from .identity_terms import identity_terms
from .lexicon_features import lexicon_features
from .ngrams import hash_ngrams
from .packing import PackedLayout, layout_batch

LEXICON_ATTRS = ("NORM", "SHAPE")
"""The token attributes lexicon features read: the form looked up; punctuation and caps, from the
shape ("," "XXXX" "Xxxx"), one of a few hundred strings, decoded once each."""
_COMMA = numpy.uint64(get_string_id(","))


@dataclass
class DocFeatures:
    """What the torch network needs to know about a batch of docs, as host/xp arrays."""

    ids: numpy.ndarray  # (n_tokens, n_attrs) int64 row of each token in each attribute's table
    vectors: Optional[Any]  # (n_tokens, width) static vectors (xp array) or None
    layout: PackedLayout
    ngram_ids: numpy.ndarray  # (n_ngrams,) rows of the n-gram table, doc after doc
    ngram_offsets: numpy.ndarray  # (n_docs,) where each doc's n-grams start in ngram_ids
    lexicon_tokens: Optional[numpy.ndarray] = None  # (n_tokens, N_TOKEN_FEATURES) float32
    lexicon_docs: Optional[numpy.ndarray] = None  # (n_docs, N_DOC_FEATURES) float32
    ngram_starts: Optional[numpy.ndarray] = None  # (n_ngrams,) first token of each n-gram, when asked
    ngram_lengths: Optional[numpy.ndarray] = None  # (n_ngrams,) its length in tokens
    vector_rows: Optional[numpy.ndarray] = None  # (n_tokens,) row of the model's own word-vector table


def doc_features(
    attrs: Sequence[str],
    rows: Sequence[int],
    max_length: int,
    include_static_vectors: bool,
    ngram_sizes: Sequence[int] = (),
    ngram_rows: int = 2,
    ngram_attrs: Sequence[str] = ("NORM",),
    use_lexicon: bool = False,
    blind_identity_terms: bool = False,
    vectors_in_model: int = 0,
) -> Model[List[Doc], DocFeatures]:
    """Hash each token's attributes (e.g. NORM, PREFIX, SUFFIX, SHAPE) into table rows, for docs or
    spans (a span reads as a post of its own).

    The hashes are spaCy's own 64-bit string ids, so unseen spellings still land on rows shared
    with their prefix, suffix and shape. An empty or whitespace-only doc gets one position that
    reads `EMPTY_ROW`, so it still receives a defined prediction: the same for all of them. With
    `ngram_sizes`, the n-grams of each attribute in `ngram_attrs` within each doc are hashed into
    `ngram_rows` rows as well. With `use_lexicon`, every token's prior polarity in context comes
    from the sentiment lexicon in `attrs["lexicon"]` (`lexicon_features`), set at initialize or load.
    With `blind_identity_terms`, identity terms are read as one placeholder token (`blinding`).
    With `vectors_in_model`, each token's NORM picks a row of the model's own word-vector table
    (`word_vectors`, set at initialize or load).
    """
    if len(attrs) != len(rows):
        raise ValueError(f"{len(attrs)} attrs but {len(rows)} table sizes: give one size per attr")
    if min(rows) < 2:
        raise ValueError("every hash table needs at least 2 rows")
    attr_ids = [intify_attr(attr) for attr in attrs]
    ngram_attr_ids = [intify_attr(attr) for attr in ngram_attrs] if ngram_sizes else []
    key_attr_ids = attr_ids + [attr for attr in ngram_attr_ids if attr not in attr_ids]
    lexicon_attr_ids = [intify_attr(attr) for attr in LEXICON_ATTRS] if use_lexicon else []
    key_attr_ids += [attr for attr in lexicon_attr_ids if attr not in key_attr_ids]
    if (blind_identity_terms or vectors_in_model) and intify_attr("NORM") not in key_attr_ids:
        key_attr_ids.append(intify_attr("NORM"))
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
            "use_lexicon": use_lexicon,
            "lexicon_columns": [key_attr_ids.index(attr) for attr in lexicon_attr_ids],
            "lexicon": None,  # a SentimentLexicon, once initialized or loaded
            "shape_flags": IdCache(1 << 16),  # SHAPE id -> PUNCT_FLAG | CAPS_FLAG
            "blinded": BlindTerms.from_forms(identity_terms()) if blind_identity_terms else None,
            "vectors_in_model": vectors_in_model,
            "word_vectors": None,  # WordVectorKeys, once initialized or loaded
        },
    )


def static_vectors_width(vocab) -> int:
    """The width of the vocab's static vectors, or 0 when it has none."""
    vectors = vocab.vectors
    return int(vectors.shape[1]) if vectors.shape[0] > 0 else 0


def _forward(model: Model, docs: List[Doc], is_train: bool) -> Tuple[DocFeatures, Any]:
    return featurize(model, docs), lambda d_features: []


def featurize(model: Model, docs: Sequence[Union[Doc, Span]], with_ngram_spans: bool = False) -> DocFeatures:
    """The featurizer's output for `docs` (what its forward pass returns); `with_ngram_spans` also
    records where each n-gram sits (`DocFeatures.ngram_starts`, `ngram_lengths`), for attributions."""
    attr_ids = model.attrs["key_attr_ids"]
    use_vectors = bool(docs) and model.attrs["include_static_vectors"]
    use_vectors = use_vectors and static_vectors_width(docs[0].vocab) > 0
    if use_vectors:
        attr_ids = attr_ids + [docs[0].vocab.vectors.attr]
    keys, n_tokens = _token_keys(docs, attr_ids)
    empty_docs = n_tokens == 0
    layout = layout_batch(numpy.maximum(n_tokens, 1), model.attrs["max_length"])
    if model.attrs["blinded"] is not None:
        model.attrs["blinded"].apply(keys, attr_ids.index(intify_attr("NORM")), attr_ids, layout.first_token)
    ids = hashed_rows(keys[:, : len(model.attrs["rows"])], model.attrs["rows"])
    if empty_docs.any():
        ids[layout.first_token[empty_docs]] = EMPTY_ROW
    ngrams = hash_ngrams(
        keys[:, model.attrs["ngram_columns"]],
        layout,
        model.attrs["ngram_sizes"],
        model.attrs["ngram_rows"],
        empty_docs,
        with_spans=with_ngram_spans,
    )
    vectors = None
    if use_vectors:
        vectors = _lookup_vectors(model, docs[0].vocab.vectors, keys[:, -1])
        if empty_docs.any():
            vectors[layout.first_token[empty_docs]] = 0
    features = DocFeatures(ids, vectors, layout, ngrams[0], ngrams[1])
    if with_ngram_spans:
        features.ngram_starts, features.ngram_lengths = ngrams[2], ngrams[3]
    if model.attrs["use_lexicon"]:
        features.lexicon_tokens, features.lexicon_docs = _lexicon_features(model, docs, keys, layout)
    if model.attrs["vectors_in_model"]:
        features.vector_rows = _vector_rows(model, keys[:, attr_ids.index(intify_attr("NORM"))])
    return features


def _vector_rows(model: Model, norms: numpy.ndarray) -> numpy.ndarray:
    word_vectors = model.attrs["word_vectors"]
    if word_vectors is None:
        raise ValueError(
            "this model reads word vectors of its own (vectors_in_model) but has none: initialize it with "
            "static vectors in the vocab ([initialize] vectors) or load trained weights"
        )
    return word_vectors.lookup(norms)


def _lexicon_features(model: Model, docs: List[Doc], keys: numpy.ndarray, layout: PackedLayout):
    lexicon = model.attrs["lexicon"]
    if lexicon is None:
        raise ValueError(
            "this model reads a sentiment lexicon but has none: initialize the component with one "
            "([initialize.components.lstm_sentiment.lexicon], see the README) or load trained weights"
        )
    norm, shape = (keys[:, column] for column in model.attrs["lexicon_columns"])
    strings = docs[0].vocab.strings
    polarity, kinds, elongated = lexicon.lookup(norm, strings)
    flags = model.attrs["shape_flags"].lookup(shape, lambda new: [_shape_flags(_string(strings, key)) for key in new])
    is_punct, is_caps = (flags & PUNCT_FLAG) > 0, (flags & CAPS_FLAG) > 0
    is_comma = norm == _COMMA
    token_doc, first_token = layout.token_doc, layout.first_token
    return lexicon_features(polarity, kinds, elongated, is_punct, is_comma, is_caps, token_doc, first_token)


PUNCT_FLAG, CAPS_FLAG = 1, 2


def _shape_flags(shape: str) -> int:
    """PUNCT_FLAG for a shape without letters or digits, CAPS_FLAG for two or more capitals alone."""
    punct = PUNCT_FLAG if shape and not any(c in "xXd" for c in shape) else 0
    caps = CAPS_FLAG if len(shape) > 1 and set(shape) == {"X"} else 0
    return punct | caps


def _string(strings, key: numpy.uint64) -> str:
    key = int(key)
    return strings[key] if key in strings else ""


def _token_keys(docs: Sequence[Union[Doc, Span]], attr_ids: List[int]) -> Tuple[numpy.ndarray, numpy.ndarray]:
    """The `attr_ids` of every token of the docs, doc after doc, and each doc's token count. A doc of only
    whitespace carries no evidence: like an empty doc it counts 0 tokens and reads one row of zeros (the
    model's prior). Whitespace is read from the same arrays (IS_SPACE), not token by token."""
    columns = [*attr_ids, IS_SPACE]
    lengths = numpy.fromiter((len(doc) for doc in docs), dtype=numpy.int64, count=len(docs))
    empty = numpy.zeros((1, len(columns)), dtype=numpy.uint64)
    doc_arrays: Dict[int, numpy.ndarray] = {}  # a span's doc is read once, whatever its number of spans
    if not len(docs):
        return empty[:0, :-1], lengths
    arrays = [_attribute_array(doc, columns, doc_arrays) if n else empty for doc, n in zip(docs, lengths)]
    table = numpy.concatenate(arrays)
    rows = numpy.maximum(lengths, 1)
    starts = numpy.cumsum(rows) - rows
    blank = (lengths > 0) & (numpy.add.reduceat(table[:, -1], starts) == lengths.astype(numpy.uint64))
    if blank.any():
        keep = numpy.ones(len(table), dtype=bool)
        for start, length in zip(starts[blank], lengths[blank]):
            keep[start + 1 : start + length] = False
        table[starts[blank]] = 0
        table = table[keep]
    return table[:, :-1], numpy.where(blank, 0, lengths)


def _attribute_array(item: Union[Doc, Span], attr_ids: List[int], doc_arrays: Dict[int, numpy.ndarray]):
    """The attribute ids of a doc's tokens, or of a span's (a slice of its doc's): each doc is read once,
    whether it comes as itself, as its spans, or both (a doc and its sentences in one batch)."""
    doc = item if isinstance(item, Doc) else item.doc
    array = doc_arrays.get(id(doc))
    if array is None:
        array = doc_arrays[id(doc)] = doc.to_array(attr_ids)
    return array if item is doc else array[item.start : item.end]


def is_blank(doc: Doc) -> bool:
    """Whether the doc holds only whitespace tokens (spaCy's tokenizer makes one of them)."""
    return len(doc) > 0 and doc[0].is_space and all(token.is_space for token in doc)



def _lookup_vectors(model: Model, vectors, keys: numpy.ndarray):
    """Static vectors for the keys, zeros for keys the table lacks (as spaCy's StaticVectors)."""
    if vectors.mode == "floret":
        return model.ops.asarray(vectors.get_batch(keys))
    rows = vectors.find(keys=keys)
    table = model.ops.asarray(vectors.data)
    found = table[model.ops.asarray(rows)]
    found[model.ops.asarray(rows < 0)] = 0
    return found
