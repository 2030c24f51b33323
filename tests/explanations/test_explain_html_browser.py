"""The explanation page in headless Chromium (scripts/screenshot_html.py): it loads with no console
message and no network request, and every post's card is in the rendered DOM. Skipped without Chromium."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from spacy_lstm_sentiment.explanations.explain_docs import explain
from spacy_lstm_sentiment.explanations.html import render_html

from conftest import REPO_ROOT, make_texts

SCRIPT = REPO_ROOT / "scripts" / "screenshot_html.py"
CHROMIUM = next((shutil.which(name) for name in ("chromium", "chromium-browser") if shutil.which(name)), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not on PATH")

SPECIAL_POSTS = ["<script>alert(1)</script> &lt; oops", "😀🎉", "", "Great crew. Lost my bag!", "a\nnew line"]


def screenshot(page: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, str(SCRIPT), str(page), str(tmp_path / "page.png"), "--height", "900"]
    command += ["--dump-dom", str(tmp_path / "dom.html"), "--chromium", CHROMIUM]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)


def test_page_of_fifty_posts_loads_cleanly_and_shows_every_card(trained_nlp, tmp_path):
    texts = [text for text, _ in make_texts(45, seed=3)] + SPECIAL_POSTS
    docs = list(explain(trained_nlp, texts))
    page = tmp_path / "explained.html"
    page.write_text(render_html(docs, extras=[{"id": index} for index in range(len(docs))]), encoding="utf-8")
    result = screenshot(page, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "console:" not in result.stderr and "request:" not in result.stderr
    assert (tmp_path / "page.png").stat().st_size > 0
    dom = (tmp_path / "dom.html").read_text(encoding="utf-8")
    assert dom.count("<article") == len(texts) == 50
    for index in range(len(texts)):
        assert f'id="doc-{index}"' in dom and f">#{index}<" in dom
    assert "<script" not in dom and "&lt;" in dom and "😀" in dom


def test_the_checker_reports_script_errors_and_network_requests(tmp_path):
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html><body><img src="https://example.com/x.png"><script>missing();</script></body></html>',
        encoding="utf-8",
    )
    result = screenshot(page, tmp_path)
    assert result.returncode == 1
    assert "console:" in result.stderr and "missing is not defined" in result.stderr
    assert "request: https://example.com/x.png" in result.stderr
