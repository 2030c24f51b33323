"""The model card of a shipped model (``MODEL_CARD.md`` beside its files): a Markdown template's prose
(what it is, its data, weaknesses, licences: ``configs/en_social_card.md``) filled with the figures
measured on these very files, the commands that measured them, and the sha256 of every file (a test
checks them).
"""
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import Any, Dict, Optional

from spacy.util import load_config

CARD_FILE = "MODEL_CARD.md"


@dataclass
class Figures:
    """The measured figures a card reports; each comes from one metrics file a project command wrote."""

    report: Dict[str, Any]  # evaluate-report JSON of the shipped files on the test split
    check: Dict[str, Any]  # check JSON of the shipped files
    topic_shift: Optional[Dict[str, Any]] = None  # topic-shift JSON of the shipped config
    benchmark: Optional[Dict[str, Any]] = None  # benchmark JSON with the shipped model among its pipelines
    finetune: Optional[Dict[str, Any]] = None  # benchmark-finetune JSON

    @classmethod
    def from_files(cls, **paths: Optional[Path]) -> "Figures":
        return cls(**{name: _read_json(path) for name, path in paths.items()})


def _read_json(path: Optional[Path]) -> Optional[Dict[str, Any]]:
    return json.loads(Path(path).read_text(encoding="utf8")) if path else None


def file_hashes(folder: Path) -> Dict[str, str]:
    """{path relative to `folder`: sha256} of every file but the card, in sorted order."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != CARD_FILE
    }


def listed_hashes(card: str) -> Dict[str, str]:
    """The {file: sha256} a card lists (the table of its "Files" section)."""
    files = card.split("\n## Files", 1)[-1] if "\n## Files" in card else ""
    rows = [line.split("|") for line in files.splitlines() if line.startswith("| `")]
    return {row[1].strip().strip("`"): row[2].strip().strip("`") for row in rows if len(row) > 3}


def write_model_card(folder: Path, template: Path, figures: Figures, commands: Dict[str, str]) -> Path:
    """Write ``folder/MODEL_CARD.md`` from the Markdown `template` (``$name``, ``$version``, ``$model``,
    ``$normalization``, ``$figures``, ``$topics``, ``$files``) and `figures` (`commands`: figure -> the
    command that measured it)."""
    meta = json.loads((folder / "meta.json").read_text(encoding="utf8"))
    config = load_config(folder / "config.cfg", interpolate=False)
    name = next(n for n in config["nlp"]["pipeline"] if config["components"][n].get("factory") == "lstm_sentiment")
    files = "\n".join(f"| `{path}` | `{digest}` |" for path, digest in file_hashes(folder).items())
    card = Template(template.read_text(encoding="utf8")).substitute(
        name=meta["name"],
        version=meta["version"],
        model=_model(config["components"][name]["model"]),
        normalization=json.dumps(meta.get("text_normalization", {})),
        figures=_figures(figures, commands),
        topics=_topics(figures.topic_shift),
        files="| file | sha256 |\n|---|---|\n" + files,
    )
    path = folder / CARD_FILE
    path.write_text(card, encoding="utf8")
    return path


def _model(model: Dict[str, Any]) -> str:
    direction = "bidirectional" if model.get("bidirectional") else "unidirectional"
    ngrams = ", ".join(map(str, model.get("ngram_sizes", [])))
    return (
        f"A {direction} LSTM ({model.get('hidden_width')} wide) over hashed embeddings of "
        f"{', '.join(model.get('attrs', []))}, beside a linear bag of word n-grams ({ngrams} words) and a linear "
        "head over "
        "sentiment-lexicon features (each token's prior polarity in context: negation scope, intensifiers, "
        "contrast, caps, elongation, emoji); identity terms (race, religion, nationality, sexual orientation, "
        "gender identity) are read as one placeholder."
    )


def _figures(figures: Figures, commands: Dict[str, str]) -> str:
    report, check = figures.report, figures.check["summary"]
    rows = [
        ("test macro-F1 (fixed split, 3,646 tweets)", f"{report['macro_f1']:.3f}", "evaluate"),
        ("test accuracy / ECE (15 bins)", f"{report['accuracy']:.3f} / {report['ece']:.3f}", "evaluate"),
        ("`check`: mean failure over {} tests".format(check["n_tests"]), _pct(check["mean_failure_rate"]), "check"),
        ("`check`: negation tests", _pct(check["negation_failure_rate"]), "check"),
        ("`check`: identity-term tests", _pct(check["identity_failure_rate"]), "check"),
    ]
    for experiment in (figures.topic_shift or {}).get("experiments", []):
        if experiment.get("kind") == "holdout":
            rows.append((f"topic shift: {experiment['topic']} tweets, none in training (macro-F1)",
                         f"{experiment['model']['macro_f1']:.3f}", "topic-shift"))
    speed = _speed(figures.benchmark)
    if speed is not None:
        rows.append(("speed: docs/s ÷ spaCy's blank tokenizer, same run", f"{speed:.3f}×", "benchmark"))
    table = "| figure | value | command |\n|---|---:|---|\n" + "\n".join(
        f"| {label} | {value} | `{commands.get(key, key)}` |" for label, value, key in rows
    )
    per_label = "\n".join(
        f"| {row['label']} | {row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f} | {row['support']} |"
        for row in report["per_label"]
    )
    parts = [table, "", "| label | precision | recall | F1 | support |\n|---|---:|---:|---:|---:|\n" + per_label, ""]
    if figures.finetune:
        parts += [_finetune(figures.finetune, commands.get("finetune", "benchmark-finetune")), ""]
    return "\n".join(parts)


def _speed(benchmark: Optional[Dict[str, Any]]) -> Optional[float]:
    pipelines = ((benchmark or {}).get("inference") or {}).get("pipelines", {})
    return next((p["ratio_to_blank"] for name, p in pipelines.items() if name != "blank"), None)


def _finetune(results: Dict[str, Any], command: str) -> str:
    lines = [
        f"Fine-tuning on a topic held out of training ({results['topic']} tweets; `{command}`): macro-F1 on that "
        "topic's test tweets, and the `check` mean failure rate.\n",
        "| labelled posts of the topic | base model, not fine-tuned | fine-tuned | trained on those posts alone "
        "| check: base / fine-tuned |",
        "|---:|---:|---:|---:|---|",
    ]
    for row in results["rows"]:
        lines.append(
            f"| {row['n_posts']:,} | {results['base']['macro_f1']:.3f} | {row['finetuned']['macro_f1']:.3f} "
            f"| {row['scratch']['macro_f1']:.3f} | {_pct(results['base']['check'])} / "
            f"{_pct(row['finetuned']['check'])} |"
        )
    return "\n".join(lines)


def _topics(topic_shift: Optional[Dict[str, Any]]) -> str:
    """The training split's annotation jobs and their label mixes, as topic-shift counted them."""
    topics = ((topic_shift or {}).get("topics") or {}).get("train", {})
    rows = [
        f"| {topic} | {row['n_docs']:,} | "
        + " / ".join(f"{row['label_mix'].get(label, 0.0):.0%}" for label in ("negative", "neutral", "positive"))
        + " |"
        for topic, row in topics.items()
    ]
    return "| annotation job | train tweets | negative / neutral / positive |\n|---|---:|---|\n" + "\n".join(rows)


def _pct(value: float) -> str:
    return f"{100 * value:.1f}%"
