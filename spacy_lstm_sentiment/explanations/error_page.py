"""The error-analysis page of a trained pipeline: its most confident errors on a labelled split and
a sample of its correct posts, explained and rendered (`spacy project run explain`)."""
import random
from pathlib import Path
from typing import List, Tuple, Union

from spacy.tokens import DocBin

from ..labels import top_label
from ..pipeline.loading import load_pipeline
from .explain_docs import explain
from .html import DocExtras, render_html


def error_page(
    model: Union[str, Path],
    data: Union[str, Path],
    *,
    errors: int = 100,
    correct: int = 50,
    seed: int = 0,
    steps: int = 16,
) -> Tuple[str, dict]:
    """The page and its counts: the `errors` wrong predictions with the highest probability, then
    `correct` right ones drawn at random (seeded), each card with its gold label and row number.
    PipelineLoadError when the model cannot be loaded."""
    nlp = load_pipeline(model)
    gold_docs = list(DocBin().from_disk(data).get_docs(nlp.vocab))
    rows = [(row, doc.text, top_label(doc.cats)) for row, doc in enumerate(gold_docs, start=1)]
    rows = [row for row in rows if row[2] is not None]
    scored = list(zip(rows, nlp.pipe([text for _, text, _ in rows], batch_size=1024)))
    wrong = [(row, doc) for row, doc in scored if doc._.sentiment != row[2]]
    right = [(row, doc) for row, doc in scored if doc._.sentiment == row[2]]
    wrong.sort(key=lambda item: -item[1].cats[item[1]._.sentiment])
    chosen: List = wrong[:errors] + random.Random(seed).sample(right, min(correct, len(right)))
    docs = list(explain(nlp, [doc for _, doc in chosen], steps=steps))
    extras = [
        DocExtras(id=row, gold=gold, badges=("error",) if doc._.sentiment != gold else ())
        for ((row, _, gold), _), doc in zip(chosen, docs)
    ]
    title = f"Most confident errors and a sample of correct posts: {Path(str(model)).name} on {Path(str(data)).name}"
    counts = {"docs": len(rows), "errors": len(wrong), "shown_errors": min(errors, len(wrong)),
              "shown_correct": min(correct, len(right))}
    return render_html(docs, title=title, extras=extras), counts
