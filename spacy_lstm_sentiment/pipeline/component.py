"""The `lstm_sentiment` pipeline component: exclusive-class sentiment scores on `doc.cats` (factory: `factory.py`)."""
import itertools
from pathlib import Path
from typing import Callable, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

import srsly
from spacy import util
from spacy.language import Language
from spacy.pipeline.textcat import TextCategorizer, textcat_score
from spacy.tokens import Doc, Span
from spacy.training import Example, validate_examples, validate_get_examples
from spacy.vocab import Vocab
from thinc.types import Floats2d

from ..errors import PretrainedError
from ..labels import check_gold_distribution
from ..ml.classifier import SentimentClassifier
from ..ml.featurize.lexicon_table import SentimentLexicon
from ..ml.serialization import BYTES_SOURCE, WEIGHTS_FILE
from .cfg import check_cfg, check_label_count, read_cfg
from .extensions import register_extensions
from .initialization import initial_labels, initial_tables, start_weights
from .scoped import paused_cyclic_gc, torch_thread_count
from .span_scores import mark_scored, score_on_access, sentences_of, store_scores, store_span_cats

DEFAULT_INFERENCE_BATCH_SIZE = 2048
"""Docs the component scores at once by default (see `factory.make_lstm_sentiment`); batch scoring uses it too."""

class LSTMSentiment(TextCategorizer):
    """Exclusive-class text classifier around a PyTorch (Bi)LSTM.

    Writes every label's probability to `doc.cats` (they sum to 1), the top label to
    `doc._.sentiment` and P(positive) - P(negative) to `doc._.polarity` when both labels exist.
    """

    def __init__(
        self,
        vocab: Vocab,
        model: SentimentClassifier,
        name: str = "lstm_sentiment",
        *,
        scorer: Optional[Callable] = textcat_score,
        torch_threads: Optional[int] = None,
        inference_batch_size: int = DEFAULT_INFERENCE_BATCH_SIZE,
        score_sentences: bool = False,
        span_scores_on_access: bool = False,
    ) -> None:
        if not isinstance(model, SentimentClassifier):
            raise ValueError(
                f"{name} needs a model built by spacy-lstm-sentiment.LSTMSentimentClassifier.v1 (it saves and "
                f"loads through it), got {model.name!r}; use spaCy's textcat for other architectures"
            )
        super().__init__(vocab, model, name, threshold=0.0, scorer=scorer)
        if inference_batch_size < 1:
            raise ValueError(f"inference_batch_size must be at least 1, got {inference_batch_size}")
        if torch_threads is not None and torch_threads < 1:
            raise ValueError(f"torch_threads must be at least 1 or null, got {torch_threads}")
        self.torch_threads = torch_threads
        self.inference_batch_size = inference_batch_size
        self.score_sentences = score_sentences
        self.span_scores_on_access = span_scores_on_access
        self.pretrained: Optional[str] = None  # the model or pipeline its weights came from, until a fresh start
        self.pretrained_labels: Tuple[str, ...] = ()
        self.pretrained_error: Optional[str] = None  # why they could not be loaded (`pretrained.py`)
        register_extensions()

    @property
    def span_scores_on_access(self) -> bool:
        """Whether reading `span._.cats` of an unscored span scores it (see `factory.make_lstm_sentiment`)."""
        return self._span_scores_on_access

    @span_scores_on_access.setter
    def span_scores_on_access(self, on: bool) -> None:
        self._span_scores_on_access = bool(on)
        score_on_access(self, self._span_scores_on_access)

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Example]],
        *,
        nlp: Optional[Language] = None,
        labels: Optional[Iterable[str]] = None,
        positive_label: Optional[str] = None,
        lexicon: Optional[SentimentLexicon] = None,
        from_pretrained: Optional[bool] = None,
    ) -> None:
        """Take labels from `labels`, else from the examples' cats (beside any added with `add_label`),
        else the ones added with `add_label` alone, else negative/neutral/positive.

        lexicon: the sentiment lexicon a model with `use_lexicon` reads (in a config:
            `[initialize.components.lstm_sentiment.lexicon]`, e.g. `spacy-lstm-sentiment.lexicon.v1`);
            without one, English pipelines read en_social's (and its word vectors, for a model that keeps
            its own and a vocab without any).
        from_pretrained: with pretrained weights, true keeps them (fine-tuning), false starts a fresh
            model; see `pipeline/initialization.py` for what happens when it is not given.
        """
        validate_get_examples(get_examples, "LSTMSentiment.initialize")
        self._require_weights()
        start_weights(self, from_pretrained)
        initial_tables(self, lexicon, nlp)
        labels = initial_labels(self, get_examples, labels)
        with torch_thread_count(self.torch_threads):
            super().initialize(get_examples, nlp=nlp, labels=labels, positive_label=positive_label)

    def pipe(
        self,
        stream: Iterable[Doc],
        *,
        batch_size: int = 128,
        inference_batch_size: Optional[int] = None,
        score_sentences: Optional[bool] = None,
    ) -> Iterator[Doc]:
        """Score a stream of docs, `max(batch_size, inference_batch_size)` at a time, in order.

        inference_batch_size, score_sentences: this call's values instead of the component's, e.g.
            `nlp.pipe(texts, batch_size=8, component_cfg={"lstm_sentiment": {"inference_batch_size": 1}})`
            for low latency on a slow stream.
        The cyclic GC is paused while a batch is pulled from the stream and scored (so upstream
        work, such as tokenizing, runs with it paused too) and restored before the docs are yielded.
        A failing batch goes to the pipeline's error handler, as in spaCy's own pipes.
        """
        error_handler = self.get_error_handler()
        stream = iter(stream)
        if inference_batch_size is None:
            inference_batch_size = self.inference_batch_size
        size = max(batch_size, inference_batch_size)
        while True:
            with paused_cyclic_gc():
                docs = list(itertools.islice(stream, size))
                if not docs:
                    return
                try:
                    self._annotate(docs, self.score_sentences if score_sentences is None else score_sentences)
                    failed = None
                except Exception as error:
                    failed = error
            if failed is None:
                yield from docs
            else:
                error_handler(self.name, self, docs, failed)

    def __call__(self, doc: Doc) -> Doc:
        """Score one doc (and its sentences, with `score_sentences`)."""
        error_handler = self.get_error_handler()
        try:
            self._annotate([doc], self.score_sentences)
            return doc
        except Exception as error:
            error_handler(self.name, self, [doc], error)

    def _annotate(self, docs: List[Doc], score_sentences: bool) -> None:
        """Write the docs' scores, and with `score_sentences` their sentences', from one batch."""
        sentences = sentences_of(docs) if score_sentences else []
        partial = [sent for sent in sentences if len(sent) != len(sent.doc)]
        scores = self.predict(docs + partial)
        self.set_annotations(docs, scores[: len(docs)])
        store_scores(partial, self.labels, self.model.ops.to_numpy(scores[len(docs) :]).tolist())
        for sent in sentences:  # a sentence that is the whole doc has the doc's scores
            if len(sent) == len(sent.doc):
                store_span_cats(sent, dict(sent.doc.cats))

    def score_spans(self, spans: Sequence[Span]) -> List[Dict[str, float]]:
        """Score spans as posts of their own, in one batch; their `span._.cats` keep the result."""
        spans = list(spans)
        rows = self.model.ops.to_numpy(self.predict(spans)).tolist() if spans else []
        return store_scores(spans, self.labels, rows)

    def predict(self, docs: Iterable[Union[Doc, Span]]) -> Floats2d:
        """Label probabilities, one row per doc (or span); empty docs get a defined distribution too."""
        docs = list(docs)
        self._require_weights()
        if not self.labels:
            raise ValueError(f"{self.name} has no labels: call nlp.initialize() before using it")
        if not docs:
            return self.model.ops.alloc2f(0, len(self.labels))
        with torch_thread_count(self.torch_threads):
            return self.model.predict(docs)

    def update(self, examples: Iterable[Example], **kwargs) -> dict:
        """One training step, as `TextCategorizer.update`, with torch at `torch_threads` threads."""
        self._require_weights()
        with torch_thread_count(self.torch_threads):
            return super().update(examples, **kwargs)

    def set_annotations(self, docs: Iterable[Doc], scores: Floats2d) -> None:
        """Write each label's probability to `doc.cats` (`doc._.sentiment` / `doc._.polarity`
        are computed from them when read)."""
        labels = self.labels
        for doc, row in zip(docs, self.model.ops.to_numpy(scores).tolist()):
            doc.cats.update(zip(labels, row))
        if self.span_scores_on_access:  # spans of these docs find this component when read
            for doc in docs:
                mark_scored(doc, self.name)

    def get_loss(self, examples: Iterable[Example], scores: Floats2d) -> Tuple[float, Floats2d]:
        """Mean softmax cross-entropy against the gold distribution (one-hot or soft), and its
        gradient with respect to the logits. Examples without any gold label carry no loss."""
        validate_examples(examples, "LSTMSentiment.get_loss")
        self._validate_categories(examples)
        truths, _ = self._examples_to_truth(examples)
        ops = self.model.ops
        labelled = ops.asarray(truths.sum(axis=1, keepdims=True) > 0, dtype="f")
        n_labelled = max(float(labelled.sum()), 1.0)
        d_logits = (scores - truths) * labelled / n_labelled
        log_probs = ops.xp.log(ops.xp.clip(scores, 1e-12, 1.0))
        loss = -float((truths * log_probs).sum()) / n_labelled
        return loss, d_logits

    def _validate_categories(self, examples: Iterable[Example]) -> None:
        for eg in examples:
            check_gold_distribution(eg.reference.cats, self.name, eg.reference.text)

    # Serialization: cfg (labels), vocab, then the model's one safetensors file; to_bytes/from_bytes are
    # TrainablePipe's, through the same model methods.

    def to_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = tuple()) -> None:
        serializers = {
            "cfg": lambda p: srsly.write_json(p, self.cfg),
            "vocab": lambda p: self.vocab.to_disk(p, exclude=exclude),
            WEIGHTS_FILE: lambda p: self.model.to_disk(p),
        }
        util.to_disk(path, serializers, exclude)

    def from_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = tuple()) -> "LSTMSentiment":
        """Load cfg, vocab and weights, checked (`WeightsError`s naming the file): the vectors are the
        pipeline's `vocab/vectors` beside this folder, loaded before it, unless this folder has its own."""
        path = Path(path)
        self.pretrained_error = None  # the component has weights of its own now
        deserializers = {
            "cfg": lambda p: self.cfg.update(read_cfg(p)),
            "vocab": lambda p: self.vocab.from_disk(p, exclude=exclude),
            WEIGHTS_FILE: lambda p: self.model.from_disk(p),
        }
        util.from_disk(path, deserializers, exclude)
        self._check_label_count(str(path / WEIGHTS_FILE))
        vocab = path / "vocab" if "vocab" not in exclude and (path / "vocab").exists() else path.parent / "vocab"
        self.model.check_static_vectors(self.vocab, str(vocab / "vectors"))
        return self

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = tuple()) -> "LSTMSentiment":
        self.pretrained_error = None
        super().from_bytes(bytes_data, exclude=exclude)
        check_cfg(self.cfg, BYTES_SOURCE)
        self._check_label_count(BYTES_SOURCE)
        self.model.check_static_vectors(self.vocab, "the vocab's vectors")
        return self

    def _require_weights(self) -> None:
        """Refuse to run on weights it never got: the pretrained ones could not be loaded, and none were."""
        if self.pretrained_error is not None:
            raise PretrainedError(self.pretrained_error)

    def _check_label_count(self, source: str) -> None:
        check_label_count(self.labels, self.model.get_dim("nO"), source)
