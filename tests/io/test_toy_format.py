"""Adding an output format is one module and one registry line: `toy_format.py` (a `.lines` output) and
`FORMATS + (toy_format.FORMAT,)`. `score` then writes it durably and resumes it like any format."""
import json

import pytest
import toy_format
from typer.testing import CliRunner

from spacy_lstm_sentiment.cli.main import app
from spacy_lstm_sentiment.io import registry


@pytest.fixture
def with_toy_format(monkeypatch):
    monkeypatch.setattr(registry, "FORMATS", registry.FORMATS + (toy_format.FORMAT,))


def test_a_registered_format_is_written_and_resumed_by_score(with_toy_format, trained_pipeline_dir, tmp_path):
    assert "lines" in registry.output_formats() and registry.output_format("out.lines") == "lines"
    source = tmp_path / "in.jsonl"
    records = [{"id": i, "text": f"great crew {i}" if i != 3 else None} for i in range(6)]
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    output = tmp_path / "out.lines"
    partial = tmp_path / "out.lines.partial"
    partial.write_text("positive\tgreat crew 0\npositive\tgreat crew 1\nnegat", encoding="utf-8")  # a killed run
    result = CliRunner().invoke(app, ["score", str(trained_pipeline_dir), str(source), str(output), "--resume"])
    assert result.exit_code == 5, result.output  # record 3 has no text
    lines = output.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 6 and lines[:2] == ["positive\tgreat crew 0", "positive\tgreat crew 1"]
    assert lines[3] == "ERROR\tNone"
    texts = [line.split("\t")[1] for i, line in enumerate(lines) if i != 3]
    assert texts == [f"great crew {i}" for i in (0, 1, 2, 4, 5)]
    assert not partial.exists()


def test_an_unregistered_suffix_is_refused_with_the_registered_ones(trained_pipeline_dir, tmp_path):
    source = tmp_path / "in.txt"
    source.write_text("fine\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["score", str(trained_pipeline_dir), str(source), str(tmp_path / "out.lines")])
    assert result.exit_code == 2 and ".jsonl, .csv or .parquet" in result.output
