"""Text that UTF-8 cannot encode, made encodable: lone surrogates (left by a JSON "\\ud83d" escape, or by
decoding invalid UTF-8 with ``surrogateescape``) become U+FFFD, split surrogate pairs their character.

One definition for batch scoring (``scoring.records``) and the surrogate-safe tokenizer
(``tokenizer``), so a direct ``nlp(text)`` reads the text that ``score`` scores and writes.
"""
import re

_SURROGATE = re.compile("[\ud800-\udfff]")


def has_surrogates(text: str) -> bool:
    """Whether ``text`` holds lone surrogate code points (which cannot be encoded as UTF-8)."""
    return not text.isascii() and _SURROGATE.search(text) is not None


def replace_surrogates(text: str) -> str:
    """Join valid surrogate pairs into their character and replace lone surrogates by U+FFFD."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def repair_surrogates(text: str) -> str:
    """``replace_surrogates(text)`` when it has surrogates, else ``text`` itself (the cheap common case)."""
    return replace_surrogates(text) if has_surrogates(text) else text
