"""The `benchmark-scoring` command: batch-scoring throughput of each backend vs the tokenizer."""
import shlex
from pathlib import Path

import typer

from ..scoring.api import DEFAULT_BATCH_SIZE
from .app import app


@app.command("benchmark-scoring")
def benchmark_scoring_command(
    model: str = typer.Argument(..., help="Pipeline directory or installed pipeline package."),
    test: Path = typer.Option(..., "--test", exists=True, dir_okay=False, help="DocBin whose texts are scored."),
    records: int = typer.Option(20_000, "--records", min=1, help="Records per timed run (texts repeated)."),
    batch_size: int = typer.Option(DEFAULT_BATCH_SIZE, "--batch-size", min=1),
    n_process: int = typer.Option(2, "--n-process", min=2, help="Processes of the multi-process local run."),
    dask_workers: int = typer.Option(2, "--dask-workers", min=1, help="Workers of the Dask LocalCluster."),
    rounds: int = typer.Option(3, "--rounds", min=1, help="Timed rounds per backend (medians reported)."),
    output: Path = typer.Option(Path("metrics/scoring_benchmark.json"), "--output"),
    report: Path = typer.Option(Path("docs/benchmarks.md"), "--report"),
) -> None:
    """Records/s of score_records with 1 process, --n-process N and a Dask LocalCluster, each beside
    spacy.blank's docs/s measured just before it; writes --output and the report's scoring section."""
    from ..benchmark.batch_scoring import HEADERS, SECTION, benchmark_scoring, scoring_rows
    from ..benchmark.inference import load_test_set
    from ..benchmark.machine import machine_facts, utc_now
    from ..benchmark.reporting import markdown_table, text_table, update_report
    from ..io.report_files import write_json

    command = shlex.join(
        ["spacy-lstm-sentiment", "benchmark-scoring", model, "--test", str(test), "--records", str(records),
         "--batch-size", str(batch_size), "--n-process", str(n_process), "--dask-workers", str(dask_workers),
         "--rounds", str(rounds)]
    )
    results = benchmark_scoring(
        model, load_test_set(test).texts, min_records=records, batch_size=batch_size,
        n_process=n_process, dask_workers=dask_workers, rounds=rounds,
    )
    results.update(command=command, date=utc_now(), machine=machine_facts(-1))
    write_json(results, output)
    rows = scoring_rows(results)
    typer.echo(text_table(HEADERS, rows))
    cores = results["machine"].get("usable_cores")
    normalization = ", ".join(
        f"{name} {'on' if on else 'off'}" for name, on in results["text_normalization"].items()
    )
    section = (
        f"Batch scoring of `{model}` ({results['records']:,} records, batch size {batch_size}, {normalization}; "
        f"medians of {rounds} rounds, each backend timed right after a blank pass; {results['date']}, "
        f"{cores} cores):\n\n{markdown_table(HEADERS, rows)}\n\nReproduce: `{command}`"
    )
    update_report(report, section, name=SECTION)
