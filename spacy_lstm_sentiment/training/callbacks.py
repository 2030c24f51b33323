"""`[training.before_to_disk]` callbacks: what a trained pipeline says about itself in `nlp.meta`.

- `spacy-lstm-sentiment.describe_pipeline.v1`: name, version, description and model card, sources,
  licence (written to every saved pipeline's meta.json, which `spacy package` turns into the
  package's README), and the training text's normalisation;
- `spacy-lstm-sentiment.record_text_normalization.v1`: the normalisation alone.

`preprocess` writes its normalisation settings to `stats.json`; the callbacks copy them into
`nlp.meta["text_normalization"]` of every saved pipeline (`model-best`, `model-last`, packages), and
`score_records` and `score` read them back as their defaults (`text.normalize.pipeline_normalization`).
"""
import json
from pathlib import Path
from typing import Callable, Dict, Optional, Sequence

from spacy.language import Language
from spacy.util import registry

from ..text.normalize import DEFAULT_NORMALIZATION, META_KEY


@registry.callbacks("spacy-lstm-sentiment.record_text_normalization.v1")
def record_text_normalization(corpus_stats: Optional[str] = None) -> Callable[[Language], Language]:
    """`[training.before_to_disk]` callback: record the corpus's normalisation in `nlp.meta`.

    corpus_stats: the `stats.json` that `preprocess` wrote, read when training starts (a missing or
    unusable file stops it before the first step); null records nothing (scoring then uses
    `DEFAULT_NORMALIZATION`).
    """
    settings = None if corpus_stats is None else read_corpus_normalization(Path(corpus_stats))

    def record(nlp: Language) -> Language:
        if settings is not None:
            nlp.meta[META_KEY] = dict(settings)
        return nlp

    return record


def read_corpus_normalization(stats_path: Path) -> Dict[str, bool]:
    """The normalisation settings in a `preprocess` stats.json; a one-line error when there are none."""
    try:
        stats = json.loads(stats_path.read_text(encoding="utf8"))
        settings = {key: stats[key] for key in DEFAULT_NORMALIZATION}
    except (OSError, ValueError, KeyError, TypeError) as err:
        problem = f"{type(err).__name__}: {err}"
    else:
        if all(isinstance(value, bool) for value in settings.values()):
            return settings
        problem = f"settings are not true/false: {settings}"
    raise ValueError(
        f"{stats_path}: not a preprocess stats.json with {list(DEFAULT_NORMALIZATION)} ({problem}); "
        "point --paths.corpus_stats at the corpus's stats.json, or set it to null to record nothing"
    )


@registry.callbacks("spacy-lstm-sentiment.describe_pipeline.v1")
def describe_pipeline(
    corpus_stats: Optional[str] = None,
    name: str = "lstm_sentiment",
    version: str = "0.0.0",
    description: str = "",
    model_card: Optional[str] = None,
    license: Optional[str] = None,
    sources: Sequence[Dict[str, str]] = (),
) -> Callable[[Language], Language]:
    """`[training.before_to_disk]` callback: fill in `nlp.meta` before each save.

    corpus_stats: as `record_text_normalization.v1` (the corpus's normalisation is recorded too).
    model_card: a Markdown file appended to `description` (read when training starts, so a missing
        file stops training before the first step).
    sources: e.g. [{"name": "...", "url": "...", "license": "..."}], spaCy's meta format.
    """
    record = record_text_normalization(corpus_stats)
    card = _read_card(Path(model_card)) if model_card else ""
    text = "\n\n".join(part for part in (description.strip(), card) if part)

    def describe(nlp: Language) -> Language:
        record(nlp)
        nlp.meta.update(name=name, version=version, description=text, sources=[dict(s) for s in sources])
        if license:
            nlp.meta["license"] = license
        return nlp

    return describe


def _read_card(path: Path) -> str:
    try:
        return path.read_text(encoding="utf8").strip()
    except OSError as err:
        raise ValueError(
            f"{path}: cannot read the model card ({err.strerror}); point --paths.model_card at a Markdown file "
            "or set it to null"
        ) from None
