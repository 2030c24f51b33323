"""Pretrained models shipped inside the package, and starting a component from one.

`en_social` (English social-media posts) is a saved spaCy pipeline in
``spacy_lstm_sentiment/pretrained/en_social/``, written by `spacy-lstm-sentiment release` from a
pipeline the project trained (`spacy project run release`), with its model card. A component starts
from it when its `pretrained` setting names it (the factory's default); `pretrained` may also be the
path of any saved pipeline with an `lstm_sentiment` component (e.g. a fine-tuned one).

The component's model settings must be the pretrained model's (`check_model_settings`): the weights
only mean something in the network they were trained in. When they differ, or the model is not
installed, the component keeps the reason (`pretrained_error`) and raises it only if it is used
without weights of its own: a saved pipeline (of 0.1 or 0.2, or one whose en_social has since
changed) loads its own weights right after, and never needs the pretrained ones.
"""
import functools
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union

import torch
from spacy.util import load_config

from ..errors import PretrainedError
from ..ml.featurize.lexicon_table import SentimentLexicon
from ..ml.featurize.word_vectors import WordVectorKeys
from ..ml.serialization import WEIGHTS_FILE, WORD_VECTORS, ModelTensors, model_from_bytes, read_weights_file

SHIPPED_DIR = Path(__file__).resolve().parent.parent / "pretrained"
"""Where shipped models live: one saved pipeline folder per model name."""
DEFAULT_PRETRAINED = "en_social"
FACTORY = "lstm_sentiment"
RUNTIME_SETTINGS = frozenset(
    {"nO", "mixed_precision", "grad_scaler", "quantize_inference", "word_dropout", "ngram_dropout"}
)
"""Model settings a component may set differently from its pretrained model's: they change how the
model runs or trains, not what it computes."""


def shipped_models() -> List[str]:
    """The names of the models shipped with the package."""
    if not SHIPPED_DIR.is_dir():
        return []
    return sorted(path.name for path in SHIPPED_DIR.iterdir() if (path / "config.cfg").is_file())


def pretrained_path(name_or_path: Union[str, Path]) -> Path:
    """The saved pipeline folder of a shipped model's name, or of a path to a saved pipeline."""
    if str(name_or_path) in shipped_models():
        return SHIPPED_DIR / str(name_or_path)
    path = Path(name_or_path).expanduser()
    if (path / "config.cfg").is_file():
        return path
    known = ", ".join(shipped_models()) or "none installed"
    raise PretrainedError(
        f"pretrained {str(name_or_path)!r} is neither a model shipped with spacy-lstm-sentiment ({known}) "
        "nor a saved pipeline folder (one with a config.cfg)"
    )


def saved_component(pipeline_dir: Path) -> Tuple[str, Dict[str, Any]]:
    """The name and config block of the `lstm_sentiment` component of a saved pipeline."""
    config = Path(pipeline_dir) / "config.cfg"
    return _saved_component(config, config.stat().st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _saved_component(config_path: Path, modified: int) -> Tuple[str, Dict[str, Any]]:
    """`saved_component`, read once per version of the file (`modified`: its mtime)."""
    config = load_config(config_path, interpolate=False)
    for name in config["nlp"]["pipeline"]:
        block = config["components"].get(name, {})
        if block.get("factory") == FACTORY:
            return name, block
    raise PretrainedError(f"{config_path.parent}: the pipeline has no {FACTORY} component")


def pretrained_model_config(name_or_path: Union[str, Path] = DEFAULT_PRETRAINED) -> Optional[Dict[str, Any]]:
    """The `[model]` block a pretrained model was trained with (None when no such model is installed)."""
    try:
        return dict(saved_component(pretrained_path(name_or_path))[1]["model"])
    except PretrainedError:
        return None


def check_model_settings(settings: Mapping[str, Any], expected: Mapping[str, Any], source: str) -> None:
    """Refuse a component whose model settings differ from its pretrained model's (`RUNTIME_SETTINGS` may)."""
    differ = [
        f"{name} = {_plain(settings.get(name))!r} (pretrained: {_plain(value)!r})"
        for name, value in expected.items()
        if not name.startswith("@") and name not in RUNTIME_SETTINGS and _plain(settings.get(name)) != _plain(value)
    ]
    if differ:
        raise PretrainedError(
            f"{source}: the component's model settings differ from the pretrained model's ({'; '.join(differ)}): "
            "leave [model] at the pretrained model's settings, or set pretrained = null to train a model of your own"
        )


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, (list, tuple)) else value


def start_from_pretrained(component: Any, name_or_path: Union[str, Path]) -> None:
    """Load a pretrained model's labels and weights into `component` (its vocab stays the pipeline's); when
    the model is missing or does not fit the component's settings, keep why in `component.pretrained_error`."""
    try:
        pipeline_dir = pretrained_path(name_or_path)
        name, block = saved_component(pipeline_dir)
        check_model_settings(component.model.attrs["settings"], block["model"], f"pretrained {str(name_or_path)!r}")
    except PretrainedError as err:
        component.pretrained_error = str(err)
        return
    component.from_disk(pipeline_dir / name, exclude=("vocab",))
    component.pretrained, component.pretrained_labels = str(name_or_path), tuple(component.labels)


@functools.lru_cache(maxsize=2)
def _shipped_tables(name: str) -> Tuple[Path, ModelTensors]:
    """A shipped model's weights file, read and checked once: its path and contents."""
    pipeline_dir = pretrained_path(name)
    component, block = saved_component(pipeline_dir)
    path = pipeline_dir / component / WEIGHTS_FILE
    model = block["model"]
    saved = model_from_bytes(
        read_weights_file(path),
        str(path),
        uses_lexicon=bool(model.get("use_lexicon")),
        blinds=bool(model.get("blind_identity_terms")),
        owns_vectors=bool(model.get("vectors_in_model")),
    )
    return path, saved


def shipped_lexicon(name: str = DEFAULT_PRETRAINED) -> SentimentLexicon:
    """The sentiment lexicon inside a shipped model's weights file (English word lists, saved with en_social)."""
    path, saved = _shipped_tables(name)
    if saved.lexicon is None:
        raise PretrainedError(f"{path}: holds no sentiment lexicon")
    return saved.lexicon


def shipped_word_vectors(name: str = DEFAULT_PRETRAINED) -> Tuple[WordVectorKeys, torch.Tensor]:
    """The word vectors inside a shipped model (GloVe rows en_social keeps): its keys and its table."""
    path, saved = _shipped_tables(name)
    if saved.word_vectors is None:
        raise PretrainedError(f"{path}: holds no word vectors")
    return saved.word_vectors, saved.network[WORD_VECTORS]
