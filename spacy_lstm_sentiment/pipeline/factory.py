"""The `lstm_sentiment` factory: `nlp.add_pipe("lstm_sentiment")` and `[components.*] factory = "lstm_sentiment"`.

Registered through the package's `spacy_factories` entry point, so neither an import nor `--code` is needed.
"""
from typing import Callable, Optional

from spacy.language import Language

from ..ml.classifier import SentimentClassifier
from .component import DEFAULT_INFERENCE_BATCH_SIZE, LSTMSentiment
from .pretrained import DEFAULT_PRETRAINED, start_from_pretrained

# The shipped en_social model's architecture; settings a config leaves out take its defaults.
DEFAULT_MODEL = {"@architectures": "spacy-lstm-sentiment.LSTMSentimentClassifier.v2"}


@Language.factory(
    "lstm_sentiment",
    assigns=["doc.cats", "doc._.sentiment", "doc._.polarity", "span._.cats"],
    default_config={
        "model": DEFAULT_MODEL,
        "pretrained": DEFAULT_PRETRAINED,
        "scorer": {"@scorers": "spacy.textcat_scorer.v2"},
        "torch_threads": 1,
        "inference_batch_size": DEFAULT_INFERENCE_BATCH_SIZE,
        "score_sentences": False,
        "span_scores_on_access": False,
    },
    default_score_weights={  # as spaCy's textcat: macro-F1 decides, the rest is reported
        "cats_score": 1.0,
        **dict.fromkeys(["cats_score_desc", "cats_micro_p", "cats_micro_r", "cats_micro_f", "cats_macro_p"]),
        **dict.fromkeys(["cats_macro_r", "cats_macro_f", "cats_macro_auc", "cats_f_per_type"]),
    },
)
def make_lstm_sentiment(
    nlp: Language,
    name: str,
    model: SentimentClassifier,
    scorer: Optional[Callable],
    torch_threads: Optional[int],
    pretrained: Optional[str] = DEFAULT_PRETRAINED,
    inference_batch_size: int = DEFAULT_INFERENCE_BATCH_SIZE,
    score_sentences: bool = False,
    span_scores_on_access: bool = False,
) -> "LSTMSentiment":
    """Create the component.

    model: built by `spacy-lstm-sentiment.LSTMSentimentClassifier.v1` (the component saves and loads
        through it, so config validation refuses other models).
    pretrained: the weights the component starts with: a shipped model's name ("en_social", English
        social-media posts, the default: it scores at once) or a saved pipeline's path; null for none
        (a fresh model, trained after `initialize`). `model` must have the pretrained model's settings.
        What `initialize` does with pretrained weights: `pipeline/initialization.py`.
    torch_threads: torch's intra-op thread count while the component predicts or updates; the
        process's own setting is restored afterwards (None leaves torch's setting alone). The
        default of 1 is deliberate: on small CPUs a recurrent model's many small steps run far
        slower with 2+ threads competing with other busy processes (see docs/benchmarks.md).
    inference_batch_size: `pipe` scores at least this many docs at once, however small the
    batches `nlp.pipe` hands it: an RNN's cost per time step is shared by every doc in the batch.
    Python's cyclic GC is paused while a batch is assembled and scored (see `paused_cyclic_gc`).
    score_sentences: with sentence boundaries from an earlier component (sentencizer, senter,
        parser), also score every sentence, in the same batch as the docs (`sent._.cats`).
    span_scores_on_access: reading `span._.cats` of a span without stored scores scores it then, with
        this component, and keeps them. Off (the default), reading `span._.cats` never runs the model:
        it gives the scores `score_sentences` or `score_spans(spans)` stored, else None.
    """
    component = LSTMSentiment(
        nlp.vocab,
        model,
        name,
        scorer=scorer,
        torch_threads=torch_threads,
        inference_batch_size=inference_batch_size,
        score_sentences=score_sentences,
        span_scores_on_access=span_scores_on_access,
    )
    if pretrained is not None:
        start_from_pretrained(component, pretrained)
    return component
