"""Loading a pipeline for scoring and finding the component that writes ``doc.cats``."""
import importlib
from pathlib import Path
from typing import List, Union

import spacy
from spacy.language import Language

from ..errors import PipelineLoadError, one_line
from .pretrained import pretrained_path, shipped_models

CATS_FACTORIES = ("lstm_sentiment", "textcat", "textcat_multilabel")



def _register_component() -> None:
    """Import the component module so its factory is registered even without entry points."""
    try:
        importlib.import_module("spacy_lstm_sentiment.pipeline.factory")
    except ModuleNotFoundError as err:
        if err.name not in ("spacy_lstm_sentiment.pipeline.factory", "spacy_lstm_sentiment"):
            raise


def resolve_model(model: Union[str, Path]) -> str:
    """An absolute path for an existing directory or a shipped model's name (`en_social`), else the name
    unchanged (an installed pipeline package)."""
    path = Path(model).expanduser()
    if not path.exists() and str(model) in shipped_models():
        path = pretrained_path(str(model))
    return str(path.resolve()) if path.exists() else str(model)


def load_pipeline(model: Union[str, Path]) -> Language:
    """Load a pipeline directory, a shipped model by name (`en_social`) or an installed pipeline package,
    raising PipelineLoadError."""
    _register_component()
    try:
        return spacy.load(resolve_model(model))
    except Exception as err:  # noqa: BLE001 - any failure means "cannot be loaded"
        raise PipelineLoadError(f"cannot load model {str(model)!r}: {one_line(err)}") from err


def cats_component(nlp: Language) -> str:
    """The name of the component that writes ``doc.cats`` (the last one if there are several)."""
    found = [
        name
        for name in nlp.pipe_names
        if "doc.cats" in nlp.get_pipe_meta(name).assigns
        or nlp.get_pipe_meta(name).factory in CATS_FACTORIES
    ]
    if not found:
        raise PipelineLoadError(
            f"pipeline {nlp.meta.get('name', '?')!r} has no component that writes doc.cats "
            f"(components: {', '.join(nlp.pipe_names) or 'none'})"
        )
    return found[-1]


def cats_labels(nlp: Language) -> List[str]:
    """The labels of the ``doc.cats`` component, in its order; for a component without ``labels`` (a
    function component), those of a scored probe text."""
    labels = list(getattr(nlp.get_pipe(cats_component(nlp)), "labels", None) or ())
    return labels or list(nlp("ok").cats)


def components_to_disable(nlp: Language) -> List[str]:
    """Components that the sentiment component does not need.

    Kept: the ``doc.cats`` component, the components whose output it declares in ``requires``,
    and the embedding components it listens to (tok2vec / transformer listeners).
    """
    target = cats_component(nlp)
    requires = set(nlp.get_pipe_meta(target).requires)
    keep = {target}
    for name, proc in nlp.pipeline:
        if name == target:
            continue
        if requires & set(nlp.get_pipe_meta(name).assigns):
            keep.add(name)
        if target in getattr(proc, "listening_components", ()):
            keep.add(name)
    return [name for name in nlp.pipe_names if name not in keep]


def sentence_setters(nlp: Language) -> List[str]:
    """The components that set sentence boundaries (sentencizer, senter, parser, ...)."""
    return [name for name in nlp.pipe_names if "token.is_sent_start" in nlp.get_pipe_meta(name).assigns]


def lstm_sentiment_components(nlp: Language) -> List[str]:
    """The names of the pipeline's lstm_sentiment components, in pipeline order."""
    return [name for name in nlp.pipe_names if nlp.get_pipe_meta(name).factory == "lstm_sentiment"]
