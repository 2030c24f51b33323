"""Two rules of English spelling that generated text needs: a capital first letter, and "a" or "an"."""


def cap(text: str) -> str:
    """The text with its first character upper-cased (the rest unchanged)."""
    return text[:1].upper() + text[1:]


def article(word: str) -> str:
    """ "a" or "an" for the word (by its first letter: good enough for the word lists here)."""
    return "an" if word[:1].lower() in "aeiou" else "a"
