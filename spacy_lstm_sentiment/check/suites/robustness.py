"""Social-media noise that must not change a prediction: URLs, handles, hashtags, typos, case, punctuation."""
import random
import re
import string
from typing import Callable, Dict, Optional

from ..generate import TestSpec, cap
from ..sentences import labelled_sentence
from ..types import INVCase, TestType
from ..wordlists.people import HANDLES, HASHTAGS, URL_FORMS
from .negation import NEGATED_NEGATIVE, NEGATED_POSITIVE, mixed_negation

CAPABILITY = "robustness"
ORDER = 11
Perturb = Callable[[random.Random, str], Optional[str]]

CONTRACTIONS = {
    "wasn't": "was not", "weren't": "were not", "isn't": "is not", "aren't": "are not", "don't": "do not",
    "didn't": "did not", "doesn't": "does not", "can't": "cannot", "won't": "will not", "wouldn't": "would not",
    "I'm": "I am", "it's": "it is", "I'll": "I will", "we're": "we are", "There's": "There is", "I've": "I have",
}
EXPANSIONS = {long: short for short, long in CONTRACTIONS.items()}


def add_url(rng: random.Random, text: str) -> str:
    code = "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(rng.randint(6, 10)))
    url = rng.choice(URL_FORMS).format(code=code)
    return f"{text} {url}" if rng.random() < 0.8 else f"{url} {text}"


def add_handle(rng: random.Random, text: str) -> str:
    handles = " ".join(rng.sample(HANDLES, rng.randint(1, 2)))
    return f"{handles} {text}" if rng.random() < 0.7 else f"{text} {handles}"


def add_hashtags(rng: random.Random, text: str) -> str:
    return f"{text} {' '.join(rng.sample(HASHTAGS, rng.randint(1, 3)))}"


def add_typo(rng: random.Random, text: str) -> Optional[str]:
    """Swap two neighbouring letters, drop one or double one, in one word of four or more letters."""
    words = [m for m in re.finditer(r"[A-Za-z]{4,}", text)]
    if not words:
        return None
    word = rng.choice(words)
    w, i = word.group(), rng.randrange(1, len(word.group()) - 1)
    kind = rng.choice(("swap", "drop", "double"))
    if kind == "swap":
        typo = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
    elif kind == "drop":
        typo = w[:i] + w[i + 1 :]
    else:
        typo = w[:i] + w[i] + w[i:]
    return None if typo == w else text[: word.start()] + typo + text[word.end() :]


def change_case(rng: random.Random, text: str) -> Optional[str]:
    """All lower case, all upper case, or a capitalised first letter."""
    options = {text.lower(), text.upper(), cap(text)} - {text}
    return rng.choice(sorted(options)) if options else None


def change_punctuation(rng: random.Random, text: str) -> str:
    """Drop the final punctuation, or add / replace it with '.', '!' or '!!'."""
    stripped = text.rstrip(".!?")
    if stripped != text and rng.random() < 0.5:
        return stripped
    ending = rng.choice([e for e in (".", "!", "!!") if stripped + e != text])
    return stripped + ending


def _replace_all(table: Dict[str, str], text: str) -> Optional[str]:
    """Every key of the table in the text replaced by its value; None when there is none."""
    pattern = re.compile(r"\b(" + "|".join(re.escape(k) for k in table) + r")(?![\w'])")
    return pattern.sub(lambda m: table[m.group(1)], text) if pattern.search(text) else None


def swap_contractions(rng: random.Random, text: str) -> Optional[str]:
    """Expand every contraction ("wasn't" -> "was not"), or contract every expandable pair."""
    tables = (CONTRACTIONS, EXPANSIONS) if rng.random() < 0.5 else (EXPANSIONS, CONTRACTIONS)
    first = _replace_all(tables[0], text)
    return first if first is not None else _replace_all(tables[1], text)


def _contraction_base(rng: random.Random) -> str:
    return mixed_negation(NEGATED_POSITIVE, NEGATED_NEGATIVE)(rng).text


def _perturbed(perturb: Perturb, base: Callable[[random.Random], str] = lambda rng: labelled_sentence(rng)[0]):
    def make(rng: random.Random) -> Optional[INVCase]:
        text = base(rng)
        changed = perturb(rng, text)
        return None if changed is None or changed == text else INVCase((text, changed))

    return make


SPECS = tuple(
    TestSpec(name, CAPABILITY, TestType.INV, make, description)
    for name, make, description in (
        ("add_url", _perturbed(add_url), "Adding a link (https://t.co/...) before or after the post."),
        ("add_handle", _perturbed(add_handle), "Adding one or two @handles before or after the post."),
        ("add_hashtags", _perturbed(add_hashtags), "Appending one to three neutral hashtags (#travel, #tuesday)."),
        ("typos", _perturbed(add_typo), "One typo: two neighbouring letters swapped, one dropped or one doubled."),
        ("casing", _perturbed(change_case), "The post lower-cased, upper-cased, or its first letter capitalised."),
        ("punctuation", _perturbed(change_punctuation), "The final punctuation dropped, added or changed (. ! !!)."),
        ("contractions", _perturbed(swap_contractions, _contraction_base),
         "Contractions expanded or made ('wasn't' <-> 'was not', 'I'm' <-> 'I am')."),
    )
)
