"""Benchmark output: the JSON file, a plain-text table for the terminal and the Markdown report section."""
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

from ..io.report_files import write_text

NEW_REPORT = "# Benchmarks\n"
INFERENCE_HEADERS = ["pipeline", "docs/s", "words/s", "ratio to blank", "test macro-F1", "load RSS +MiB"]
TRAINING_HEADERS = ["config", "docs/s", "words/s", "ratio to reference"]


def _markers(name: str) -> Tuple[str, str]:
    """The comment lines that enclose the report section `name`."""
    return f"<!-- {name}:start -->", f"<!-- {name}:end -->"


START_MARKER, END_MARKER = _markers("benchmark")


def _number(value: Optional[float], digits: int = 0) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def inference_rows(results: Dict[str, Any]) -> List[List[str]]:
    """One row of formatted cells per pipeline, the blank reference first."""
    rows = []
    for name, entry in results["inference"]["pipelines"].items():
        label = f"{name} (tokenizer only)" if not entry["components"] else name
        rows.append(
            [
                label,
                _number(entry["docs_per_s"]),
                _number(entry["words_per_s"]),
                f"{entry['ratio_to_blank']:.3f}",
                _number(entry["macro_f1"], 3),
                _number(entry["rss_load_delta_mb"], 1),
            ]
        )
    return rows


def training_rows(results: Dict[str, Any]) -> List[List[str]]:
    """One row of formatted cells per training config."""
    training = results.get("training")
    if not training:
        return []
    rows = []
    for name, entry in training["configs"].items():
        label = f"{name} (reference)" if name == training["reference"] else name
        ratio = entry["ratio_to_reference"]
        rows.append(
            [
                label,
                _number(entry["docs_per_s"]),
                _number(entry["words_per_s"]),
                "–" if ratio is None else f"{ratio:.3f}",
            ]
        )
    return rows


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table, numeric columns right-aligned."""
    align = ["---"] + ["---:"] * (len(headers) - 1)
    lines = [headers, align, *rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def text_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """An aligned plain-text table for the terminal."""
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        first = cells[0].ljust(widths[0])
        return "  ".join([first, *(cell.rjust(width) for cell, width in zip(cells[1:], widths[1:]))])

    return "\n".join([line(headers), "  ".join("-" * w for w in widths), *(line(row) for row in rows)])


def format_stdout(results: Dict[str, Any]) -> str:
    """The terminal summary: inference table, training table (if any), peak RSS."""
    inference = results["inference"]
    parts = [
        f"Inference: {inference['docs_per_pass']:,} docs per pass ({inference['test_docs']:,} test docs "
        f"x{inference['repeats']}), batch size {inference['batch_size']}, median of {inference['rounds']} rounds",
        text_table(INFERENCE_HEADERS, inference_rows(results)),
    ]
    if results.get("training"):
        training = results["training"]
        parts += [
            f"\nTraining: {training['steps_per_config']} steps of {training['batch_size']} docs per config, "
            f"median of {training['rounds']} rounds",
            text_table(TRAINING_HEADERS, training_rows(results)),
        ]
    machine = results["machine"]
    parts.append(
        f"\nDevice {machine['device']}, {machine['usable_cores']} cores, "
        f"process torch threads {machine['torch_threads']}, "
        f"peak RSS {results['peak_rss_mb_inference']:,.0f} MiB after inference, "
        f"{results['peak_rss_mb']:,.0f} MiB at the end"
    )
    return "\n".join(parts)


def report_section(results: Dict[str, Any]) -> str:
    """The Markdown that goes between the report markers."""
    inference = results["inference"]
    machine = results["machine"]
    lines = [
        "## Speed and accuracy (`benchmark`)",
        "",
        f"Measured {results['date']} on {machine['device']}: {machine['usable_cores']} usable cores "
        f"({machine['cpu_model'] or 'unknown CPU'}), torch {machine['torch_version']} with "
        f"{machine['torch_threads']} thread(s) for the process (the lstm_sentiment component runs with its own "
        f"`torch_threads`, 1 by default), spaCy {machine['spacy_version']}; "
        f"1-minute load average {_number(results['load_average_1m_start'], 2)} at the start.",
        "",
        f"`nlp.pipe(texts, batch_size={inference['batch_size']})` over the test split ({inference['test_docs']:,} "
        f"docs) repeated to {inference['docs_per_pass']:,} docs; after a warm-up pass (which also gives the "
        f"macro-F1), the pipelines take turns in {inference['rounds']} rounds. docs/s and words/s are medians "
        "over the rounds; the ratio is the median of each round's docs/s divided by the blank tokenizer's "
        "docs/s in the same round. Load RSS is the resident memory the pipeline added when loaded.",
        "",
        markdown_table(INFERENCE_HEADERS, inference_rows(results)),
        "",
    ]
    if results.get("training"):
        training = results["training"]
        lines += [
            f"Training: `nlp.update` on batches of {training['batch_size']} docs from `{training['train_corpus']}`, "
            f"{training['steps_per_config']} timed steps per config after {training['warmup_steps']} warm-up steps, "
            f"interleaved over {training['rounds']} rounds (medians).",
            "",
            markdown_table(TRAINING_HEADERS, training_rows(results)),
            "",
        ]
    lines += [
        f"Peak RSS of the benchmark process: {results['peak_rss_mb_inference']:,.0f} MiB after the inference "
        f"figures, {results['peak_rss_mb']:,.0f} MiB at the end. All figures: "
        f"`{results['output']}`. Reproduce with:",
        "",
        "```",
        results["command"],
        "```",
    ]
    return "\n".join(lines)


def replace_section(text: str, section: str, name: str = "benchmark") -> str:
    """`text` with everything between the `name` markers replaced by `section` (markers appended
    if absent)."""
    start_marker, end_marker = _markers(name)
    start = text.find(start_marker)
    end = text.find(end_marker)
    if start == -1 and end == -1:
        return f"{text.rstrip()}\n\n{start_marker}\n{section}\n{end_marker}\n"
    if start == -1 or end < start or text.count(start_marker) != 1 or text.count(end_marker) != 1:
        raise ValueError(f"expected one {start_marker} followed by one {end_marker}")
    return f"{text[: start + len(start_marker)]}\n{section}\n{text[end:]}"


def update_report(path: Union[str, Path], section: str, name: str = "benchmark") -> None:
    """Replace the `name` section of the Markdown report, creating the file if missing."""
    path = Path(path)
    text = path.read_text(encoding="utf8") if path.exists() else NEW_REPORT
    write_text(path, replace_section(text, section, name))
