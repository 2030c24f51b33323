"""Explaining records and files: `score`'s record loop and durable output, plus each post's token attributions.

Every input record comes out exactly once, in input order, as `score` writes it (input fields,
`sentiment`, `scores`, `error`), plus `attributions`: a list of `[token, {label: contribution}]`
pairs (None for a record that could not be scored). Records go through `scoring.api.score_records`
(text normalisation as in training, ``max_chars``, memory zones), which hands each batch's docs to
the explainer inside the batch's memory zone; `explain_file` writes through the same durable output
as `score_file` (``OUTPUT.partial``, committed at the end, ``resume``).
"""
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple, Union

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import OptionError
from ..io.base import STDIO
from ..io.registry import get_format, listed, output_format, output_formats
from ..scoring.api import score_records
from ..scoring.file_job import (
    FileJobResult,
    check_input_options,
    load_model,
    open_job_output,
    open_records,
    remaining,
    write_records,
)
from ..scoring.summary import ScoreSummary
from .explain_docs import attribute_docs, first_component

ATTRIBUTIONS_FIELD = "attributions"
DEFAULT_EXPLAIN_BATCH_SIZE = 64


def token_attributions(doc: Doc) -> List[List[Any]]:
    """`[token text, {label: contribution}]` for every token, rounded to 6 decimals."""
    return [
        [token.text, {label: round(value, 6) for label, value in (token._.attribution or {}).items()}]
        for token in doc
    ]


@dataclass
class PageDocs:
    """The first ``limit`` explained docs of a run, kept as bytes (a memory zone frees the docs
    themselves), with the id each card shows; `docs(vocab)` restores them after the run."""

    limit: int
    id_field: Optional[str] = None
    kept: List[Tuple[bytes, Any]] = field(default_factory=list)

    def add(self, record: Dict[str, Any], doc: Doc, number: int) -> None:
        if len(self.kept) < self.limit:
            self.kept.append((doc.to_bytes(), record.get(self.id_field) if self.id_field else number))

    def docs(self, vocab: Any) -> Tuple[List[Doc], List[Any]]:
        return [Doc(vocab).from_bytes(data) for data, _ in self.kept], [card_id for _, card_id in self.kept]


def explain_records(
    nlp: Language,
    records: Iterable[Any],
    *,
    text_field: str = "text",
    id_field: Optional[str] = None,
    batch_size: int = DEFAULT_EXPLAIN_BATCH_SIZE,
    steps: int = 16,
    max_chars: Optional[int] = None,
    summary: Optional[ScoreSummary] = None,
    offset: int = 0,
    page: Optional[PageDocs] = None,
) -> Iterator[Dict[str, Any]]:
    """Yield the output records, in input order, each with its `attributions`; `page` keeps the first
    explained docs for an HTML page. The pipeline runs whole, as `explain` runs it."""
    pipe = nlp.get_pipe(first_component(nlp))
    position = offset

    def explain_batch(batch: List[Tuple[Dict[str, Any], Optional[Doc]]]) -> None:
        nonlocal position
        attribute_docs(pipe, [doc for _, doc in batch if doc is not None], steps=steps, batch_size=batch_size)
        for record, doc in batch:
            position += 1
            record[ATTRIBUTIONS_FIELD] = token_attributions(doc) if doc is not None else None
            if doc is not None and page is not None:
                page.add(record, doc, position)

    yield from score_records(
        nlp,
        records,
        text_field=text_field,
        id_field=id_field,
        batch_size=batch_size,
        max_chars=max_chars,
        disable_other_components=False,
        summary=summary,
        offset=offset,
        on_batch=explain_batch,
    )


def check_explain_options(input_path: str, output_path: str, *, input_format: Optional[str] = None,
                          resume: bool = False) -> None:
    """Refuse outputs that cannot hold attributions, and resuming stdout."""
    fmt = output_format(output_path)
    if fmt is None or not get_format(fmt).nested:
        raise OptionError(
            f"must be a {listed(output_formats(nested=True))} file or - (attributions are nested)", "OUTPUT"
        )
    if resume and output_path == STDIO:
        raise OptionError("cannot resume output written to stdout", "--resume")
    check_input_options(input_path, input_format)


def explain_file(
    model: str,
    input_path: str,
    output_path: str,
    *,
    html: Optional[Union[str, Path]] = None,
    html_max: int = 500,
    input_format: Optional[str] = None,
    text_field: str = "text",
    id_field: Optional[str] = None,
    steps: int = 16,
    batch_size: int = DEFAULT_EXPLAIN_BATCH_SIZE,
    max_chars: Optional[int] = None,
    resume: bool = False,
    chunk_size: int = DEFAULT_EXPLAIN_BATCH_SIZE,
    progress: bool = False,
    log: Optional[Any] = None,
) -> FileJobResult:
    """Explain every record of ``input_path`` into ``output_path`` (JSONL or ``-``), durably; with
    ``html``, also write the first ``html_max`` posts of this run as one page."""
    from ..io.report_files import write_text
    from .html import DocExtras, render_html

    check_explain_options(input_path, output_path, input_format=input_format, resume=resume)
    reader = open_records(input_path, input_format, text_field, id_field)
    nlp, labels = load_model(model)
    summary = ScoreSummary()
    output = open_job_output(output_path, labels, reader, resume)
    if output.done and log is not None:
        log(f"Resuming after {output.done} records already in {output_path}.partial")
    page = PageDocs(html_max, id_field) if html is not None else None
    try:
        records = explain_records(
            nlp, reader, text_field=text_field, id_field=id_field, batch_size=batch_size, steps=steps,
            max_chars=max_chars, summary=summary, offset=output.done, page=page,
        )
        write_records(records, output, chunk_size, remaining(reader, output), progress)
        output.commit()
    except BaseException:
        output.close()
        raise
    if page is not None:
        docs, ids = page.docs(nlp.vocab)
        extras = [DocExtras(id=card_id) for card_id in ids]
        write_text(html, render_html(docs, title=f"Explained: {input_path}", extras=extras))  # type: ignore[arg-type]
    return FileJobResult(summary, output.done, output.done_errors, reader.blank_lines, reader.name)
