"""What a trained pipeline says about itself: name, version, description and model card, sources,
licence, and the training text's normalisation (`nlp.meta`, written to every saved pipeline's
meta.json, which `spacy package` turns into the package's README)."""
from pathlib import Path
from typing import Callable, Dict, Optional, Sequence

from spacy.language import Language
from spacy.util import registry

from .text_normalization import record_text_normalization


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
