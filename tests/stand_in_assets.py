"""Tiny stand-ins, in their real formats, for the assets `download-lexicons` and `vectors` fetch (no network).

The shipped accuracy config reads `${paths.lexicons}` and `${paths.vectors}`; a clean checkout has neither, so
tests that run that config point both paths here (see `stand_in_overrides`).
"""
from pathlib import Path
from typing import List

import numpy
import spacy
import spacy.vectors

VECTOR_WORDS = ["great", "lovely", "awful", "terrible", "okay", "whatever", "number"]


def write_stand_in_assets(assets: Path) -> None:
    """Write `lexicons/` and `vectors_glove50/` under `assets`, laid out as the project's own assets folder."""
    lexicons = assets / "lexicons"
    lexicons.mkdir(parents=True)
    (lexicons / "vader_lexicon.txt").write_text("great\t3.1\t0.5\t[3]\nlovely\t2.8\t0.5\t[3]\nawful\t-3.0\t0.5\t[-3]\n")
    (lexicons / "emoji_utf8_lexicon.txt").write_text("\U0001F600\tgrinning face\n")
    (lexicons / "Emoji_Sentiment_Data_v1.0.csv").write_text("Emoji,Occurrences,Negative,Neutral,Positive\n")
    nlp = spacy.blank("en")
    nlp.vocab.vectors = spacy.vectors.Vectors(
        strings=nlp.vocab.strings,
        data=numpy.random.default_rng(0).random((len(VECTOR_WORDS), 4), dtype=numpy.float32),
        keys=[nlp.vocab.strings.add(word) for word in VECTOR_WORDS],
        attr="LOWER",
    )
    nlp.to_disk(assets / "vectors_glove50")


def stand_in_overrides(assets: Path) -> List[str]:
    """Write the stand-ins under `assets`; the `spacy train`-style overrides that point a config at them."""
    write_stand_in_assets(assets)
    return ["--paths.lexicons", str(assets / "lexicons"), "--paths.vectors", str(assets / "vectors_glove50")]
