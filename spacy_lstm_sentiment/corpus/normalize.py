"""Text clean-up shared by corpus preparation and batch scoring, so both see the same text."""
import re

URL_PATTERN = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
USER_PATTERN = re.compile(r"(?<![\w@])@\w{1,30}")
USER_PLACEHOLDER = "@user"
URL_PLACEHOLDER = "http"


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
