"""Text clean-up shared by corpus preparation and batch scoring, so both see the same text, and the
record of it a trained pipeline keeps in its meta (written by `training.callbacks`), which scoring
repeats by default."""
import re
from typing import TYPE_CHECKING, Dict

if TYPE_CHECKING:
    from spacy.language import Language

URL_PATTERN = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
USER_PATTERN = re.compile(r"(?<![\w@])@\w{1,30}")
USER_PLACEHOLDER = "@user"
URL_PLACEHOLDER = "http"

META_KEY = "text_normalization"
DEFAULT_NORMALIZATION: Dict[str, bool] = {"fix_encoding": True, "placeholders": False}


def normalize_text(text: str, *, fix_encoding: bool = True, placeholders: bool = False) -> str:
    """Repair mojibake with ftfy and, optionally, replace @mentions and URLs by placeholders.

    The placeholders follow TweetEval's convention (`@user`, `http`), so models trained with them
    also read text preprocessed for TweetEval.
    """
    if fix_encoding:
        import ftfy  # lazy: importing the package must not import ftfy

        text = ftfy.fix_text(text)
    if placeholders:
        text = URL_PATTERN.sub(URL_PLACEHOLDER, text)
        text = USER_PATTERN.sub(USER_PLACEHOLDER, text)
    return text


def pipeline_normalization(nlp: "Language") -> Dict[str, bool]:
    """The normalisation the pipeline was trained with, or `DEFAULT_NORMALIZATION` when unrecorded."""
    recorded = nlp.meta.get(META_KEY)
    if not isinstance(recorded, dict):
        recorded = {}
    return {key: bool(recorded.get(key, default)) for key, default in DEFAULT_NORMALIZATION.items()}
