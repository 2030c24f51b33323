"""Tiny models for the hardening tests: every optional part on, or static vectors of a given width."""
from typing import Callable, Dict

import numpy
import torch
from spacy.language import Language

from spacy_lstm_sentiment.ml.featurize.lexicon_kinds import NEGATOR
from spacy_lstm_sentiment.ml.featurize.lexicon_table import SentimentLexicon
from spacy_lstm_sentiment.ml.serialization import tensors_from_bytes

FULL_FEATURES = {"use_lexicon": True, "ngram_sizes": [1, 2], "ngram_rows": 1000, "blind_identity_terms": True}
"""Model overrides turning on the lexicon, the n-gram bag and blinding."""

VECTOR_WORDS = ["love", "great", "hate", "awful", "gate", "when", "the", "crew"]


def tiny_lexicon() -> SentimentLexicon:
    polarity = {"love": 0.8, "great": 0.7, "good": 0.5, "hate": -0.8, "awful": -0.7, "bad": -0.5}
    return SentimentLexicon.from_entries(polarity, {"not": NEGATOR}, emoji={"😀": 0.6, "😡": -0.6})


def give_lexicon(nlp: Language) -> None:
    """A `prepare` for `train_small_pipeline`: the model reads `tiny_lexicon`."""
    nlp.get_pipe("lstm_sentiment").model.set_lexicon(tiny_lexicon())


def add_vectors(width: int) -> Callable[[Language], None]:
    """A `prepare` for `train_small_pipeline`: static vectors of `width` for `VECTOR_WORDS`."""

    def prepare(nlp: Language) -> None:
        rng = numpy.random.default_rng(width)
        for word in VECTOR_WORDS:
            nlp.vocab.set_vector(word, rng.normal(size=width).astype("float32"))

    return prepare


def saved_tensors(nlp: Language) -> Dict[str, torch.Tensor]:
    """Every tensor the component saves (network weights, lexicon, blinded terms), by name."""
    return tensors_from_bytes(nlp.get_pipe("lstm_sentiment").model.to_bytes(), "test model")
