"""Text normalisation: ftfy is imported only when encoding repair is asked for."""
import subprocess
import sys

from conftest import REPO_ROOT

PROBE = """
import sys
import spacy_lstm_sentiment, spacy_lstm_sentiment.cli.main, spacy_lstm_sentiment.scoring.api
from spacy_lstm_sentiment.text.normalize import normalize_text
after_import = "ftfy" in sys.modules
assert normalize_text("@bob caf\\u00c3\\u00a9", fix_encoding=False, placeholders=True) == "@user caf\\u00c3\\u00a9"
without_repair = "ftfy" in sys.modules
assert normalize_text("caf\\u00c3\\u00a9") == "caf\\u00e9"
print(after_import, without_repair, "ftfy" in sys.modules)
"""


def test_importing_the_package_does_not_import_ftfy():
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.split() == ["False", "False", "True"]
