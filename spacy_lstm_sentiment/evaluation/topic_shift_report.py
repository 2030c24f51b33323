"""The topic-shift results as Markdown tables and as JSON."""
from pathlib import Path
from typing import Any, List, Mapping, Sequence, Union

from ..corpus.topic_splits import SPLITS
from ..corpus.topics import TOPICS
from ..io.report_files import write_text
from .topic_shift_experiments import ONLY

PathLike = Union[str, Path]


def _mix(mix: Mapping[str, float]) -> str:
    return "/".join(f"{share:.0%}" for share in mix.values())


def _score(value: Any) -> str:
    return "" if value is None else f"{value:.3f}"


def _scores(scores: Mapping[str, Any]) -> str:
    return " | ".join(_score(scores[name]) for name in ("macro_f1", "accuracy", "ece"))


def _seen_topics(experiment: Mapping[str, Any]) -> str:
    """Held-out model / reference macro-F1 on the test docs of the topics the held-out model was trained on."""
    model, reference = experiment.get("model_on_seen_topics"), experiment.get("reference_on_seen_topics")
    return f"{_score(model['macro_f1'])} / {_score(reference['macro_f1'])}" if model and reference else ""


def _scored_on(experiment: Mapping[str, Any]) -> str:
    if experiment["kind"] == ONLY:
        return f"all but {experiment['topic']}"
    return ", ".join(experiment["scored_on"])


def _labels(results: Mapping[str, Any]) -> List[str]:
    """The label names, in the corpus's order (read off the topic table)."""
    for rows in results["topics"].values():
        for row in rows.values():
            return list(row["label_mix"])
    return []


def experiments_table(results: Mapping[str, Any]) -> List[str]:
    """One row per experiment: who scored what on the topics the held-out model never saw."""
    mix_header = "/".join(label[:3] for label in _labels(results))
    lines = [
        f"| experiment | scored on | n docs | label mix ({mix_header}) | held-out model macro-F1 | accuracy | ECE "
        "| reference macro-F1 | accuracy | ECE | macro-F1 drop | seen topics: held-out / reference macro-F1 |",
        "|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for e in results["experiments"]:
        seen = _seen_topics(e)
        lines.append(
            f"| {e['name']} | {_scored_on(e)} | {e['n_docs']} | {_mix(e['label_mix'])} | {_scores(e['model'])} "
            f"| {_scores(e['reference'])} | **{_score(e['macro_f1_drop'])}** | {seen} |"
        )
    return lines


def per_label_table(results: Mapping[str, Any]) -> List[str]:
    """Per-label F1 of the held-out model and of the reference, on the same unseen-topic docs."""
    lines = ["| experiment | label | support | held-out model F1 | reference F1 |", "|---|---|---:|---:|---:|"]
    for e in results["experiments"]:
        model, reference = e["model"], e["reference"]
        for label, f1 in model["per_label_f1"].items():
            support, reference_f1 = model["per_label_support"][label], reference["per_label_f1"][label]
            lines.append(f"| {e['name']} | {label} | {support} | {f1:.3f} | {reference_f1:.3f} |")
    return lines


def topics_table(topics: Mapping[str, Mapping[str, Mapping[str, Any]]], labels: Sequence[str]) -> List[str]:
    """Docs and label mix of each topic in each split."""
    mix_header = "/".join(label[:3] for label in labels)
    header = " | ".join(f"{split} n | {split} {mix_header}" for split in SPLITS)
    lines = [f"| topic | {header} |", "|---|" + "---:|---|" * len(SPLITS)]
    for topic in TOPICS:
        cells = []
        for split in SPLITS:
            row = topics.get(split, {}).get(topic)
            cells += [str(row["n_docs"]), _mix(row["label_mix"])] if row else ["0", ""]
        lines.append(f"| {topic} | {' | '.join(cells)} |")
    return lines


def format_markdown(results: Mapping[str, Any]) -> str:
    """The whole report: the experiments, per-label F1, the topics of the corpus and any warnings."""
    overrides = " ".join(results["overrides"]) or "none"
    lines = [
        "## Topic shift",
        "",
        f"Config `{results['config']}` (overrides: {overrides}); reference model `{results['reference']}`, "
        "trained on every topic. Each held-out model is scored on the test docs of the topics it never saw, "
        "and so is the reference; the drop is reference macro-F1 minus held-out model macro-F1. ECE: expected "
        "calibration error of the top-label probability, 15 bins.",
        "",
        *experiments_table(results),
        "",
        "### Per-label F1 on the unseen topics",
        "",
        *per_label_table(results),
        "",
        f"### Topics of the corpus (`{results['corpus']}`)",
        "",
        *topics_table(results["topics"], _labels(results)),
    ]
    if results["warnings"]:
        lines += ["", *(f"Warning: {w}" for w in results["warnings"])]
    return "\n".join(lines) + "\n"


def write_markdown(results: Mapping[str, Any], path: PathLike) -> Path:
    """Write `format_markdown(results)`."""
    return write_text(path, format_markdown(results))
