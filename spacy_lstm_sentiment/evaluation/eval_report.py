"""Evaluation report for an exclusive text classifier: confusion matrix (PNG), per-label table (Markdown), JSON.

It complements the JSON of `spacy evaluate`: gold label = top label of the gold `doc.cats`, predicted
label = argmax of the predicted `doc.cats` (the rule spaCy's exclusive-class scorer uses, so the
macro-F1 here equals spaCy's `cats_macro_f`; the two are cross-checked when that JSON is given).
"""
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from ..io.report_files import write_json
from ..labels import top_label
from .calibration import DEFAULT_N_BINS, calibration_bins, ece_from_bins

if TYPE_CHECKING:
    from spacy.language import Language

PathLike = Union[str, Path]
MACRO_F_TOLERANCE = 1e-6


@dataclass
class LabelScores:
    """Precision, recall, F1 and gold support of one label."""

    label: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass
class EvalReport:
    """Confusion matrix (rows: gold, columns: predicted, in `labels` order) and the scores derived from it."""

    labels: List[str]
    confusion: List[List[int]]
    per_label: List[LabelScores]
    macro_precision: float
    macro_recall: float
    macro_f1: float
    accuracy: float
    n_docs: int
    docs_without_gold: int = 0
    ece: Optional[float] = None
    """Expected calibration error of the top-label probability (`calibration.py`); None when not scored."""
    calibration_bins: List[Dict[str, Any]] = field(default_factory=list)
    model: str = ""
    data: str = ""
    spacy_metrics: Dict[str, Any] = field(default_factory=dict)
    warnings: List[str] = field(default_factory=list)

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)


def compute_report(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> EvalReport:
    """Confusion matrix, per-label P/R/F1, macro averages and accuracy from paired gold/predicted labels."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    labels = list(labels)
    for label in [*gold, *predicted]:
        if label not in labels:
            labels.append(label)
    index = {label: i for i, label in enumerate(labels)}
    confusion = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, predicted):
        confusion[index[g]][index[p]] += 1
    per_label = []
    for i, label in enumerate(labels):
        tp = confusion[i][i]
        support = sum(confusion[i])
        predicted_n = sum(row[i] for row in confusion)
        precision = tp / predicted_n if predicted_n else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label.append(LabelScores(label, precision, recall, f1, support))
    n = len(gold)
    return EvalReport(
        labels=labels,
        confusion=confusion,
        per_label=per_label,
        macro_precision=_mean(s.precision for s in per_label),
        macro_recall=_mean(s.recall for s in per_label),
        macro_f1=_mean(s.f1 for s in per_label),
        accuracy=sum(confusion[i][i] for i in range(len(labels))) / n if n else 0.0,
        n_docs=n,
    )


def predict_labels(
    model: Union[PathLike, "Language"], data: PathLike, *, gpu_id: int = -1, batch_size: int = 256
) -> Tuple[List[str], List[str], List[str], int, List[float]]:
    """Run a pipeline (a path, or one already loaded) over the texts of a `.spacy` file.

    Returns (gold, predicted, labels, docs without gold, confidences: the predicted label's score).
    """
    import spacy
    from spacy.language import Language
    from spacy.tokens import DocBin

    from ..pipeline.loading import load_pipeline

    if isinstance(model, Language):
        nlp = model
    else:
        if gpu_id >= 0:
            spacy.require_gpu(gpu_id)
        nlp = load_pipeline(model)
    gold_docs = list(DocBin().from_disk(data).get_docs(nlp.vocab))
    labels: List[str] = []
    gold: List[str] = []
    texts: List[str] = []
    missing = 0
    for doc in gold_docs:
        for label in doc.cats:
            if label not in labels:
                labels.append(label)
        label = top_label(doc.cats)
        if label is None:
            missing += 1
            continue
        gold.append(label)
        texts.append(doc.text)
    predicted, confidences = [], []
    for doc in nlp.pipe(texts, batch_size=batch_size):
        cats = {k: v for k, v in doc.cats.items() if not labels or k in labels}
        if not cats:
            raise ValueError(f"The pipeline at {model} sets no doc.cats: is there a text classifier in it?")
        # spaCy's scorer takes the first label when every score is zero (its textcat on an empty doc)
        predicted.append(top_label(cats) or next(iter(cats)))
        confidences.append(float(cats[predicted[-1]]))
    return gold, predicted, labels, missing, confidences


def build_report(
    model: Union[PathLike, "Language"],
    data: PathLike,
    *,
    metrics_json: Optional[PathLike] = None,
    gpu_id: int = -1,
    batch_size: int = 256,
) -> EvalReport:
    """Score `model` (a path, or a pipeline already loaded) on `data`.

    With `metrics_json` (written by `spacy evaluate`), keep its figures and cross-check its macro-F1.
    """
    gold, predicted, labels, missing, confidences = predict_labels(model, data, gpu_id=gpu_id, batch_size=batch_size)
    report = compute_report(gold, predicted, labels)
    bins = calibration_bins(confidences, [gold[i] == predicted[i] for i in range(len(gold))], DEFAULT_N_BINS)
    report.ece, report.calibration_bins = ece_from_bins(bins), [b.to_dict() for b in bins]
    report.model, report.data, report.docs_without_gold = _model_name(model), str(data), missing
    if missing:
        report.warnings.append(f"{missing} docs in {data} have no positive gold label and were not scored")
    if metrics_json is not None:
        metrics = json.loads(Path(metrics_json).read_text("utf8"))
        report.spacy_metrics = {k: metrics[k] for k in ("cats_macro_f", "cats_score", "speed") if k in metrics}
        spacy_f = metrics.get("cats_macro_f")
        if spacy_f is not None and abs(spacy_f - report.macro_f1) > MACRO_F_TOLERANCE:
            report.warnings.append(
                f"macro-F1 {report.macro_f1:.6f} differs from spacy evaluate's cats_macro_f {spacy_f:.6f} "
                f"({metrics_json}): were they computed on the same model and data?"
            )
    return report


def _model_name(model: Union[PathLike, "Language"]) -> str:
    """A path as given; a loaded pipeline's directory, else its meta name."""
    if isinstance(model, (str, Path)):
        return str(model)
    path = getattr(model, "path", None)
    return str(path) if path is not None else str(model.meta.get("name", "?"))


def format_markdown_table(report: EvalReport, title: str = "") -> str:
    """Per-label precision/recall/F1/support, then macro-F1 and accuracy, as a Markdown table."""
    lines = [f"### {title}", ""] if title else []
    lines += ["| label | precision | recall | F1 | support |", "|---|---:|---:|---:|---:|"]
    for s in report.per_label:
        lines.append(f"| {s.label} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.support} |")
    lines.append(
        f"| **macro avg** | {report.macro_precision:.3f} | {report.macro_recall:.3f} | "
        f"**{report.macro_f1:.3f}** | {report.n_docs} |"
    )
    lines.append(f"| **accuracy** | | | **{report.accuracy:.3f}** | {report.n_docs} |")
    if report.ece is not None:
        lines.append(f"| **ECE** ({len(report.calibration_bins)} bins) | | | {report.ece:.3f} | {report.n_docs} |")
    lines.append("")
    if "speed" in report.spacy_metrics:
        lines.append(f"Speed (spacy evaluate): {report.spacy_metrics['speed']:.0f} words/s.")
    lines.extend(f"Warning: {w}" for w in report.warnings)
    return "\n".join(lines).rstrip() + "\n"


def write_confusion_png(report: EvalReport, path: PathLike, title: str = "") -> Path:
    """Draw the confusion matrix (counts, shaded by row share) to a PNG with matplotlib's Agg backend."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    n = len(report.labels)
    shares = [[c / max(1, sum(row)) for c in row] for row in report.confusion]
    size = 1.6 + 1.1 * n
    fig, ax = plt.subplots(figsize=(size, size * 0.9))
    image = ax.imshow(shares, cmap="Blues", vmin=0.0, vmax=1.0)
    for i in range(n):
        for j in range(n):
            colour = "white" if shares[i][j] > 0.5 else "black"
            ax.text(j, i, f"{report.confusion[i][j]}\n{shares[i][j]:.0%}", ha="center", va="center", color=colour)
    ax.set_xticks(range(n), report.labels, rotation=30, ha="right")
    ax.set_yticks(range(n), report.labels)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    subtitle = f"macro-F1 {report.macro_f1:.3f}, accuracy {report.accuracy:.3f}, n={report.n_docs}"
    ax.set_title(f"{title}\n{subtitle}" if title else subtitle, fontsize=10)
    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04, label="share of gold row")
    fig.tight_layout()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def write_report_json(report: EvalReport, path: PathLike) -> Path:
    """Write the report as JSON."""
    return write_json(report.to_dict(), path)


def _mean(values: Iterable[float]) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0
