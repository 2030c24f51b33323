"""A scoring job on files: INPUT -> scored OUTPUT, durable and resumable. The `score` command only wraps it.

>>> from spacy_lstm_sentiment.scoring.file_job import score_file
>>> result = score_file("training/model-best", "posts.jsonl", "scored.parquet", id_field="id", resume=True)
>>> result.summary.format(), result.kept, result.has_errors

The job checks its options (`OptionError`, naming the option), opens the input (`InputError`), loads
the model (`PipelineLoadError`), opens the durable output, resuming from ``OUTPUT.partial`` when
asked (`OutputError`), scores on the chosen backend, writes every ``chunk_size`` records (each write
flushed) and commits. On any failure or interruption the output is closed, not committed: run the
same job with ``resume=True`` to continue. Each error's message is one line for the user; the CLI maps
the classes to its exit codes.
"""
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterator, List, Optional, Tuple

from ..errors import OptionError, PipelineLoadError
from ..io.base import STDIO
from ..io.durable import DurableOutput
from ..io.reader import RecordReader
from ..io.registry import get_format, input_formats, listed, open_output, output_format, output_formats
from ..pipeline.loading import cats_labels, load_pipeline
from .api import DEFAULT_BATCH_SIZE
from .chunked import DEFAULT_CHUNK_SIZE
from .summary import ScoreSummary

if TYPE_CHECKING:
    from spacy.language import Language

BACKENDS = ("local", "dask")
Log = Callable[[str], None]


@dataclass
class FileJobResult:
    """What a finished job did: this run's counts, the records kept from an interrupted run, and the
    blank lines of the input that were skipped (they are not records)."""

    summary: ScoreSummary
    kept: int = 0
    kept_errors: int = 0
    blank_lines: int = 0
    input_name: str = ""

    @property
    def has_errors(self) -> bool:
        """Some record of the output (this run's or a kept one) has an ``error``."""
        return bool(self.summary.errored or self.kept_errors)


def check_input_options(input_path: str, input_format: Optional[str]) -> None:
    """Refuse an input format that cannot be read from stdin (Parquet)."""
    if input_format is not None and input_format not in input_formats():
        raise OptionError(f"unknown input format {input_format!r}", "--input-format")
    if input_path == STDIO and input_format is not None and not get_format(input_format).from_stdin:
        raise OptionError(
            f"{input_format.capitalize()} cannot be read from stdin: give its path", "--input-format"
        )


def check_score_options(
    input_path: str,
    output_path: str,
    *,
    input_format: Optional[str] = None,
    sentences: bool = False,
    resume: bool = False,
    backend: str = "local",
    scheduler: Optional[str] = None,
    n_process: int = 1,
    gpu_id: int = -1,
) -> None:
    """Refuse options that do not go together, before anything is opened or loaded."""
    if backend not in BACKENDS:
        raise OptionError(f"unknown backend {backend!r}: choose {' or '.join(BACKENDS)}", "--backend")
    if scheduler and backend != "dask":
        raise OptionError("needs --backend dask", "--scheduler")
    fmt = output_format(output_path)
    if fmt is None:
        raise OptionError(f"must end in {listed(output_formats())}, or be -", "OUTPUT")
    if resume and output_path == STDIO:
        raise OptionError("cannot resume output written to stdout", "--resume")
    if sentences and not get_format(fmt).nested:
        raise OptionError(
            f"needs a {listed(output_formats(nested=True))} output or - (sentences are nested)", "--sentences"
        )
    if n_process > 1 and backend == "dask":
        raise OptionError("is for the local backend; a Dask cluster takes --n-workers", "--n-process")
    if gpu_id >= 0 and backend == "dask":
        raise OptionError("set up GPUs on the Dask workers themselves", "--gpu-id")
    check_input_options(input_path, input_format)


def open_records(
    input_path: str, input_format: Optional[str], text_field: str, id_field: Optional[str]
) -> RecordReader:
    """The input's reader; InputError when it cannot be opened or its columns lack the text or id field."""
    reader = RecordReader(input_path, fmt=input_format, text_field=text_field)
    if input_format is None and reader.format == "jsonl":
        # plain text first: text piped in is what most often gets read as JSONL by mistake
        others = sorted((name for name in input_formats() if name != "jsonl"), key=lambda name: name != "txt")
        reader.bad_json_hint = (
            f" ({reader.name} is read as JSONL, one JSON object per line; for other input use "
            f"--input-format {', '.join(others[:-1])} or {others[-1]})"
        )
    reader.require_column(text_field, "--text-field")
    if id_field is not None:
        reader.require_column(id_field, "--id-field")
    return reader


def load_model(model: str, gpu_id: int = -1) -> Tuple["Language", List[str]]:
    """Select the device, then load the pipeline and its labels; PipelineLoadError on failure."""
    import spacy

    if gpu_id >= 0:
        try:
            spacy.require_gpu(gpu_id)  # before loading, so the model's weights go to the GPU
        except Exception as err:  # noqa: BLE001 - no CUDA, no cupy, bad id
            raise PipelineLoadError(f"cannot use GPU {gpu_id}: {err}") from err
    nlp = load_pipeline(model)
    return nlp, cats_labels(nlp)


def open_job_output(output_path: str, labels: List[str], reader: RecordReader, resume: bool) -> DurableOutput:
    """The durable output, resumed when asked; the reader then skips the records it already holds."""
    output = open_output(
        output_path,
        labels,
        resume=resume,
        input_fields=lambda: reader.fieldnames,
        input_schema=lambda: reader.schema,
    )
    reader.skip = output.done
    return output


def write_records(
    records: Iterator[dict], output: DurableOutput, chunk_size: int, total: Optional[int], progress: bool
) -> None:
    """Write the records in batches of ``chunk_size`` (each flushed), with a progress bar on stderr."""
    from spacy.util import minibatch
    from tqdm import tqdm

    with tqdm(total=total, unit="doc", disable=not progress, file=sys.stderr, dynamic_ncols=True) as bar:
        for batch in minibatch(records, size=chunk_size):
            output.write_batch(batch)
            bar.update(len(batch))


def remaining(reader: RecordReader, output: DurableOutput) -> Optional[int]:
    """Records left to score, when the input knows its length (Parquet)."""
    return reader.total - output.done if reader.total is not None else None


def score_file(
    model: str,
    input_path: str,
    output_path: str,
    *,
    input_format: Optional[str] = None,
    text_field: str = "text",
    id_field: Optional[str] = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = 1,
    torch_threads: int = 1,
    gpu_id: int = -1,
    fix_encoding: Optional[bool] = None,
    placeholders: Optional[bool] = None,
    max_chars: Optional[int] = None,
    sentences: bool = False,
    resume: bool = False,
    backend: str = "local",
    scheduler: Optional[str] = None,
    n_workers: int = 2,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    progress: bool = False,
    log: Optional[Log] = None,
) -> FileJobResult:
    """Score every record of ``input_path`` with ``model`` into ``output_path`` (see the module docstring
    and the `score` command's help for each option). ``log`` gets progress messages for a person
    (e.g. "Resuming after N records"); ``progress`` shows a progress bar on stderr."""
    import torch

    check_score_options(
        input_path, output_path, input_format=input_format, sentences=sentences, resume=resume,
        backend=backend, scheduler=scheduler, n_process=n_process, gpu_id=gpu_id,
    )
    reader = open_records(input_path, input_format, text_field, id_field)
    nlp, labels = load_model(model, gpu_id)
    torch.set_num_threads(torch_threads)
    summary = ScoreSummary()
    output = open_job_output(output_path, labels, reader, resume)
    if output.done and log is not None:
        log(f"Resuming after {output.done} records already in {output_path}.partial")
    options: Any = dict(
        text_field=text_field, id_field=id_field, batch_size=batch_size, fix_encoding=fix_encoding,
        placeholders=placeholders, max_chars=max_chars, sentences=sentences, summary=summary, offset=output.done,
    )
    total = remaining(reader, output)
    try:
        if backend == "dask":
            from .dask_backend import dask_client, score_records_dask

            with dask_client(scheduler, n_workers) as client:
                scored = score_records_dask(model, reader, client=client, chunk_size=chunk_size, **options)
                write_records(scored, output, chunk_size, total, progress)
        elif n_process > 1:
            from .process_pool import score_records_multiprocess

            scored = score_records_multiprocess(
                model, reader, n_process=n_process, gpu_id=gpu_id, chunk_size=chunk_size, **options
            )
            write_records(scored, output, chunk_size, total, progress)
        else:
            from .recycling import score_records_recycled

            scored = score_records_recycled(lambda: load_pipeline(model), reader, nlp=nlp, **options)
            del nlp  # the generator drops it after its first RECYCLE_AFTER records
            write_records(scored, output, chunk_size, total, progress)
        output.commit()
    except BaseException:
        output.close()
        raise
    return FileJobResult(summary, output.done, output.done_errors, reader.blank_lines, reader.name)
