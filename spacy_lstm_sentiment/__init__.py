"""spaCy pipeline component `lstm_sentiment`: sentiment scores from a PyTorch (Bi)LSTM."""
from .architectures import build_lstm_sentiment_classifier
from .component import LSTMSentiment, make_lstm_sentiment
from .labels import DEFAULT_LABELS
from .scoring.api import score_records
from .weights import WeightsError

__all__ = [
    "DEFAULT_LABELS",
    "LSTMSentiment",
    "WeightsError",
    "build_lstm_sentiment_classifier",
    "make_lstm_sentiment",
    "score_records",
]
