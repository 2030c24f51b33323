"""spaCy pipeline component `lstm_sentiment`: sentiment scores from a PyTorch (Bi)LSTM."""
from importlib import import_module
from typing import Any

from .errors import WeightsError
from .labels import DEFAULT_LABELS
from .ml.architecture import build_lstm_sentiment_classifier
from .pipeline.component import LSTMSentiment
from .pipeline.factory import make_lstm_sentiment

# Exported, but imported on first use: loading the component (spaCy's entry point imports this
# package) must not import batch scoring, explaining and their libraries.
_LAZY_EXPORTS = {
    "score_records": "spacy_lstm_sentiment.scoring.api",
    "score_file": "spacy_lstm_sentiment.scoring.file_job",
    "explain": "spacy_lstm_sentiment.explanations.explain_docs",
    "render_html": "spacy_lstm_sentiment.explanations.html",
}

__all__ = [
    "DEFAULT_LABELS",
    "LSTMSentiment",
    "WeightsError",
    "build_lstm_sentiment_classifier",
    "make_lstm_sentiment",
    *_LAZY_EXPORTS,
]


def __getattr__(name: str) -> Any:
    if name in _LAZY_EXPORTS:
        return getattr(import_module(_LAZY_EXPORTS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
