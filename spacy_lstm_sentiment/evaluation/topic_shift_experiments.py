"""Topic shift: how a model scores on a topic it never saw in training, against one that saw every topic.

For each held-out topic T (`corpus/topics.py`): train with the given config on the train/dev docs of the
other topics, then score the test docs of T with that model and with the reference model (trained on
everything). A large drop says the reference's score on T leans on having seen T (its label mix, its
vocabulary): that part does not carry over to tweets about something else. The reverse experiment trains
on the largest topic alone and scores the test docs of all the others. Both models are also scored on the
test docs of the topics the held-out model did see, so a drop can be told apart from a model that is
weaker everywhere (it had less data).
"""
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Union

import spacy
from spacy.language import Language

from ..corpus.topic_splits import TopicCorpus, label_counts, label_mix, load_topic_corpus, topic_table, write_docs
from ..corpus.topics import AIRLINE, APPLE, SELF_DRIVING, TOPICS, check_topics
from ..pipeline.loading import load_pipeline, resolve_model
from .eval_report import EvalReport, build_report
from .training_run import TrainingSettings, train_or_reuse

PathLike = Union[str, Path]
HOLDOUT, ONLY = "holdout", "only"
DEFAULT_HOLDOUTS = (AIRLINE, SELF_DRIVING)
HANDLE_TOPICS = (AIRLINE, APPLE)


@dataclass(frozen=True)
class ShiftExperiment:
    """Train on some topics, score on the others: `holdout` leaves `topic` out, `only` keeps just `topic`."""

    kind: str
    topic: str

    @property
    def name(self) -> str:
        return f"without_{self.topic}" if self.kind == HOLDOUT else f"only_{self.topic}"

    def trains_on(self, topic: str) -> bool:
        return (topic != self.topic) if self.kind == HOLDOUT else (topic == self.topic)

    def scores_on(self, topic: str) -> bool:
        return not self.trains_on(topic)


def plan_experiments(holdouts: Sequence[str], reverse_topic: Optional[str] = None) -> List[ShiftExperiment]:
    """One `holdout` experiment per topic (duplicates dropped), then the `only` one when `reverse_topic` is set."""
    check_topics([*holdouts, *([reverse_topic] if reverse_topic else [])])
    experiments = [ShiftExperiment(HOLDOUT, topic) for topic in dict.fromkeys(holdouts)]
    return experiments + ([ShiftExperiment(ONLY, reverse_topic)] if reverse_topic else [])


def score_summary(report: EvalReport) -> Dict[str, Any]:
    """The figures of one scoring that the topic-shift output keeps."""
    return {
        "n_docs": report.n_docs,
        "macro_f1": report.macro_f1,
        "accuracy": report.accuracy,
        "ece": report.ece,
        "per_label_f1": {s.label: s.f1 for s in report.per_label},
        "per_label_support": {s.label: s.support for s in report.per_label},
        "calibration_bins": report.calibration_bins,
    }


def run_experiment(
    corpus: TopicCorpus,
    experiment: ShiftExperiment,
    *,
    training: TrainingSettings,
    reference: Language,
    output_dir: PathLike,
    force: bool = False,
    log: Callable[[str], None] = lambda message: None,
) -> Dict[str, Any]:
    """Write the experiment's DocBins under OUTPUT_DIR/NAME, train (or reuse) its model, score it and the
    (loaded) reference pipeline."""
    folder = Path(output_dir) / experiment.name
    train = corpus.select("train", experiment.trains_on)
    dev = corpus.select("dev", experiment.trains_on)
    unseen_test = corpus.select("test", experiment.scores_on)
    seen_test = corpus.select("test", experiment.trains_on)
    for what, docs in (("training", train), ("dev", dev), ("held-out test", unseen_test)):
        if not docs:
            raise ValueError(f"{experiment.name}: no {what} docs")
    paths = {
        name: write_docs(docs, folder / f"{name}.spacy")
        for name, docs in (("train", train), ("dev", dev), ("test_unseen", unseen_test), ("test_seen", seen_test))
        if docs
    }
    run = train_or_reuse(training, folder / "training", paths["train"], paths["dev"], force=force, log=log)
    log(f"{experiment.name}: scoring {len(unseen_test)} test docs of unseen topics")
    held_out = spacy.load(run.model)
    model = score_summary(build_report(held_out, paths["test_unseen"]))
    ref = score_summary(build_report(reference, paths["test_unseen"]))
    seen = score_summary(build_report(held_out, paths["test_seen"])) if seen_test else None
    ref_seen = score_summary(build_report(reference, paths["test_seen"])) if seen_test else None
    counts = label_counts(unseen_test)
    return {
        "name": experiment.name,
        "kind": experiment.kind,
        "topic": experiment.topic,
        "trained_on": [t for t in TOPICS if experiment.trains_on(t)],
        "scored_on": [t for t in TOPICS if experiment.scores_on(t)],
        "n_train_docs": len(train),
        "n_dev_docs": len(dev),
        "n_docs": len(unseen_test),
        "label_counts": counts,
        "label_mix": label_mix(counts),
        "training": asdict(run),
        "model": model,
        "reference": ref,
        "model_on_seen_topics": seen,
        "reference_on_seen_topics": ref_seen,
        "macro_f1_drop": ref["macro_f1"] - model["macro_f1"],
        "accuracy_drop": ref["accuracy"] - model["accuracy"],
        "ece_rise": model["ece"] - ref["ece"],
    }


def corpus_warnings(corpus_dir: PathLike) -> List[str]:
    """What the preprocess stats say about how far the topic rules can be trusted on this corpus."""
    path = Path(corpus_dir) / "stats.json"
    if not path.is_file():
        return []
    stats = json.loads(path.read_text("utf8"))
    if stats.get("placeholders"):
        return [
            f"{path}: the corpus was preprocessed with --placeholders, so @handles read '@user'; the "
            f"{' and '.join(HANDLE_TOPICS)} topics fall back on their weaker keywords and many of their "
            "tweets count as 'other'"
        ]
    return []


def run_topic_shift(
    corpus_dir: PathLike,
    config: PathLike,
    *,
    reference: PathLike,
    output_dir: PathLike,
    holdouts: Sequence[str] = DEFAULT_HOLDOUTS,
    reverse: bool = False,
    gpu_id: int = -1,
    overrides: Sequence[str] = (),
    force: bool = False,
    log: Callable[[str], None] = lambda message: None,
) -> Dict[str, Any]:
    """All experiments (one per held-out topic, plus the reverse one), with the corpus's topic table."""
    if not Path(resolve_model(reference)).exists():
        raise FileNotFoundError(f"reference model {reference} not found: train it first (`spacy project run train`)")
    corpus = load_topic_corpus(corpus_dir)
    experiments = plan_experiments(holdouts, corpus.largest_topic("train") if reverse else None)
    stats = Path(corpus_dir) / "stats.json"
    training = TrainingSettings(config, stats if stats.is_file() else None, gpu_id, tuple(overrides))
    if gpu_id >= 0:
        spacy.require_gpu(gpu_id)  # before loading, so the pipelines' weights go to the GPU
    reference_nlp = load_pipeline(reference)
    results = [
        run_experiment(
            corpus, e, training=training, reference=reference_nlp, output_dir=output_dir, force=force, log=log
        )
        for e in experiments
    ]
    return {
        "corpus": str(corpus_dir),
        "config": str(config),
        "reference": str(reference),
        "overrides": list(overrides),
        "topics": topic_table(corpus),
        "experiments": results,
        "warnings": corpus_warnings(corpus_dir),
    }
