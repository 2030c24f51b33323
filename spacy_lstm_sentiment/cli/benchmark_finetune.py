"""The `benchmark-finetune` command: fine-tuning a pretrained model on 100 / 300 / 1,000 posts of an unseen topic."""
import shlex
from pathlib import Path
from typing import Annotated, List, Optional

import typer

from .app import app
from .exits import EXIT_MODEL, fail

SECTION = "finetune"


@app.command("benchmark-finetune")
def benchmark_finetune_command(
    corpus_dir: Annotated[Path, typer.Argument(help="Folder with train/dev/test .spacy files (and stats.json).")],
    base: Annotated[str, typer.Option("--base", help="The model to fine-tune, trained without --topic.")],
    topic: Annotated[str, typer.Option("--topic", help="The held-out topic (corpus/topics.py).")] = "airline",
    size: Annotated[Optional[List[int]], typer.Option("--size", help="Posts to fine-tune on, repeatable.")] = None,
    finetune_config: Annotated[Path, typer.Option("--finetune-config", exists=True)] = Path("configs/finetune.cfg"),
    scratch_config: Annotated[Path, typer.Option("--scratch-config", exists=True)] = Path("configs/en_social.cfg"),
    output_dir: Annotated[Path, typer.Option("--output-dir")] = Path("training/finetune_curve"),
    output: Annotated[Path, typer.Option("--output", help="JSON results.")] = Path("metrics/finetune.json"),
    report: Annotated[Optional[Path], typer.Option("--report", help="Markdown report to update.")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the samples.")] = 0,
    gpu_id: Annotated[int, typer.Option("--gpu-id")] = -1,
    force: Annotated[bool, typer.Option("--force", help="Retrain even when a matching training exists.")] = False,
) -> None:
    """Fine-tune BASE (trained without TOPIC, e.g. by topic-shift) on N of TOPIC's training posts for each
    --size, and score TOPIC's test posts with the base, the fine-tuned models and models trained on the N
    posts alone (SCRATCH_CONFIG); the behavioural suite on the base and each fine-tuned model."""
    from ..benchmark.finetune_curve import finetune_markdown, run_finetune_curve
    from ..benchmark.reporting import update_report
    from ..errors import PipelineLoadError, TrainingError
    from ..io.report_files import write_json

    sizes = size or [100, 300, 1000]
    command = ["spacy-lstm-sentiment", "benchmark-finetune", str(corpus_dir), "--base", base, "--topic", topic]
    command += [arg for n in sizes for arg in ("--size", str(n))]
    try:
        results = run_finetune_curve(
            corpus_dir, base, topic, finetune_config=finetune_config, scratch_config=scratch_config,
            output_dir=output_dir, sizes=sizes, seed=seed, gpu_id=gpu_id, force=force, log=typer.echo,
        )
    except PipelineLoadError as err:
        fail(EXIT_MODEL, str(err))
    except (TrainingError, ValueError, FileNotFoundError) as err:
        fail(1, f"{err}\n{getattr(err, 'log_tail', '')}".rstrip())
    results["command"] = shlex.join(command)
    write_json(results, output)
    markdown = finetune_markdown(results, results["command"])
    typer.echo(markdown)
    if report is not None:
        update_report(report, markdown, name=SECTION)
