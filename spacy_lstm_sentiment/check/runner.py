"""Running the suite on a pipeline: score every distinct text once, in large batches, then evaluate each test."""
from typing import Dict, Iterable, List, Mapping, Optional, Sequence

from spacy.language import Language

from ..pipeline.loading import PipelineLoadError, cats_labels
from ..scoring.api import DEFAULT_BATCH_SIZE, score_records
from .evaluate import DEFAULT_DIR_TOLERANCE, DEFAULT_N_EXAMPLES, Prediction, Settings, evaluate_test
from .label_map import LabelError, rename_scores, resolve_label_map
from .report import CheckReport
from .suite import build_suite
from .types import Suite


def model_labels(nlp: Language) -> List[str]:
    """The labels of the component that writes ``doc.cats`` (`cats_labels`); LabelError when there is none."""
    try:
        return cats_labels(nlp)
    except PipelineLoadError as err:
        raise LabelError(str(err)) from err


def score_texts(
    nlp: Language, texts: Sequence[str], mapping: Mapping[str, str], batch_size: int = DEFAULT_BATCH_SIZE
) -> Dict[str, Prediction]:
    """{text: Prediction} for distinct texts, scored like the `score` command does (batched, with the text
    normalisation the pipeline was trained with, only the components doc.cats needs)."""
    predictions = {}
    for i, record in enumerate(score_records(nlp, texts, batch_size=batch_size)):
        predictions[texts[i]] = Prediction(rename_scores(record["scores"] or {}, mapping))
    return predictions


def run_checks(
    nlp: Language,
    suite: Optional[Suite] = None,
    *,
    seed: int = 0,
    capabilities: Optional[Iterable[str]] = None,
    tests: Optional[Iterable[str]] = None,
    label_map: Optional[Mapping[str, str]] = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    inv_tolerance: Optional[float] = None,
    dir_tolerance: float = DEFAULT_DIR_TOLERANCE,
    n_examples: int = DEFAULT_N_EXAMPLES,
    model_name: Optional[str] = None,
) -> CheckReport:
    """Run the behavioural suite (``build_suite(seed)`` unless given) on ``nlp`` and report every test.

    capabilities / tests: run only these (None: all). label_map: {model label: negative|neutral|positive}
    when the model's names differ (short forms such as NEG or Positive are found without one).
    Raises LabelError when the model has no doc.cats component or lacks one of the three labels.
    """
    labels = model_labels(nlp)
    mapping = resolve_label_map(labels, label_map)
    suite = (suite or build_suite(seed)).select(capabilities, tests)
    settings = Settings(inv_tolerance=inv_tolerance, dir_tolerance=dir_tolerance)
    texts = suite.all_texts()
    predictions = score_texts(nlp, texts, mapping, batch_size)
    results = [evaluate_test(test, predictions, settings, n_examples) for test in suite.tests]
    name = model_name or f"{nlp.meta.get('lang', '?')}_{nlp.meta.get('name', 'pipeline')}"
    return CheckReport(model=name, labels=labels, label_map=mapping, suite=suite,
                       settings=settings, results=results)
