"""How the training text was normalised, kept in the trained pipeline's meta so scoring repeats it.

`preprocess` writes its settings to `stats.json`; the training callback below copies them into
`nlp.meta["text_normalization"]` of every saved pipeline (`model-best`, `model-last`, packages);
`score_records` and `score` read them back as their defaults.
"""
import json
from pathlib import Path
from typing import Callable, Dict, Optional

from spacy.language import Language
from spacy.util import registry

META_KEY = "text_normalization"
DEFAULT_NORMALIZATION: Dict[str, bool] = {"fix_encoding": True, "placeholders": False}


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


def pipeline_normalization(nlp: Language) -> Dict[str, bool]:
    """The normalisation the pipeline was trained with, or `DEFAULT_NORMALIZATION` when unrecorded."""
    recorded = nlp.meta.get(META_KEY)
    if not isinstance(recorded, dict):
        recorded = {}
    return {key: bool(recorded.get(key, default)) for key, default in DEFAULT_NORMALIZATION.items()}
