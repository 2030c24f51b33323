"""Turning a pipeline the project trained into a model shipped inside the package.

`release_pipeline` writes a saved spaCy pipeline folder (``spacy_lstm_sentiment/pretrained/<name>/``)
that holds only what scoring needs: the config (with ``pretrained = null``: the weights are its own),
meta.json, the tokenizer, a vocab without the training corpus's strings, and the component's cfg and
weights, stored compactly (`ml/compact_weights.py`). The model card is written beside it afterwards,
from figures measured on these very files (`evaluation/model_card.py`).
"""
import importlib.metadata
import shutil
from pathlib import Path
from typing import Any, Dict, Union

import spacy
from spacy.language import Language
from spacy.util import load_model_from_config

from ..ml.serialization import WEIGHTS_FILE
from ..pipeline.loading import lstm_sentiment_components


def release_pipeline(
    trained: Union[str, Path], output: Union[str, Path], name: str, version: str, description: str = ""
) -> Path:
    """Write the shipped folder of the trained pipeline `trained` to `output` (replacing it); its path."""
    source = spacy.load(trained)
    components = lstm_sentiment_components(source)
    if len(components) != 1:
        raise ValueError(f"{trained}: a shipped model has one lstm_sentiment component, this has {len(components)}")
    component = components[0]
    shipped = _fresh_pipeline(source, component)
    shipped.get_pipe(component).from_bytes(source.get_pipe(component).to_bytes(exclude=["vocab"]), exclude=["vocab"])
    shipped.meta.update(_meta(source.meta, name, version, description))
    output = Path(output)
    if output.exists():
        shutil.rmtree(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    shipped.to_disk(output)
    weights = output / component / WEIGHTS_FILE
    weights.write_bytes(shipped.get_pipe(component).model.to_bytes(compact=True))
    return output


def _fresh_pipeline(source: Language, component: str) -> Language:
    """A pipeline built from `source`'s config alone (no training strings), its component without a
    pretrained model of its own to start from."""
    config = source.config.copy()
    config["components"][component]["pretrained"] = None
    return load_model_from_config(config, auto_fill=True, validate=True)


def _meta(meta: Dict[str, Any], name: str, version: str, description: str) -> Dict[str, Any]:
    """The shipped meta: the trained pipeline's, declared for every spaCy this package supports (the
    files hold nothing of one spaCy version: no pin like eng_spacysentiment's)."""
    keys = ("lang", "sources", "license", "text_normalization")
    kept = {key: meta[key] for key in keys if key in meta}
    description = description or meta.get("description", "")
    return {**kept, "name": name, "version": version, "spacy_version": _supported_spacy(), "description": description}


def _supported_spacy() -> str:
    """The spaCy range this package's own requirements allow, e.g. ">=3.7.2,<4.0.0"."""
    requirement = next(r for r in importlib.metadata.requires("spacy-lstm-sentiment") or [] if r.startswith("spacy"))
    return requirement[len("spacy") :].split(";")[0].strip()
