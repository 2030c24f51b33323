"""`explain` on files: every record once, in order, with attributions; bad records kept; the page."""
import json

import pytest
from typer.testing import CliRunner

from spacy_lstm_sentiment.cli.main import app


def test_explain_writes_every_record_with_attributions_and_a_page(trained_pipeline_dir, tmp_path):
    source = tmp_path / "in.jsonl"
    records = [{"id": 1, "text": "great crew, thanks"}, {"id": 2, "text": None}, {"id": 3, "text": ""},
               {"id": 4, "text": "<script>alert(1)</script> so delayed 😡"}]
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    output, page = tmp_path / "out.jsonl", tmp_path / "page.html"
    result = CliRunner().invoke(
        app, ["explain", str(trained_pipeline_dir), str(source), str(output), "--html", str(page), "--id-field", "id"]
    )
    assert result.exit_code == 5, result.output  # one record has no text
    lines = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == [1, 2, 3, 4]
    assert lines[1]["error"] and lines[1]["attributions"] is None and lines[1]["scores"] is None
    first = lines[0]
    assert [token for token, _ in first["attributions"]] == ["great", "crew", ",", "thanks"]
    assert set(first["attributions"][0][1]) == set(first["scores"])
    assert lines[2]["attributions"] == [] and lines[2]["error"] is None
    html = page.read_text(encoding="utf-8")
    assert html.count("<article class=\"card") == 3 and "<script" not in html and "&lt;" in html


def test_explain_refuses_table_outputs(trained_pipeline_dir, tmp_path):
    source = tmp_path / "in.txt"
    source.write_text("fine\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["explain", str(trained_pipeline_dir), str(source), str(tmp_path / "o.csv")])
    assert result.exit_code == 2 and ".jsonl" in result.output


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def test_explain_writes_through_a_partial_file_and_resumes(trained_pipeline_dir, tmp_path):
    """The same durable output as score: OUTPUT.partial, complete records kept by --resume, the rest added."""
    source, output = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(source, [{"id": i, "text": f"great crew number {i}"} for i in range(5)])
    full = CliRunner().invoke(app, ["explain", str(trained_pipeline_dir), str(source), str(tmp_path / "all.jsonl")])
    assert full.exit_code == 0, full.output
    expected = (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()
    partial = tmp_path / "out.jsonl.partial"
    partial.write_text("\n".join(expected[:2]) + "\n" + expected[2][:20], encoding="utf-8")  # killed mid-line
    result = CliRunner().invoke(app, ["explain", str(trained_pipeline_dir), str(source), str(output), "--resume"])
    assert result.exit_code == 0, result.output
    assert "Resuming after 2 records" in result.output and not partial.exists()
    got = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [record["id"] for record in got] == [0, 1, 2, 3, 4]
    for mine, theirs in zip(got, map(json.loads, expected)):
        assert mine["attributions"] == theirs["attributions"] and mine["sentiment"] == theirs["sentiment"]
    refused = CliRunner().invoke(app, ["explain", str(trained_pipeline_dir), str(source), "-", "--resume"])
    assert refused.exit_code == 2


def test_explain_cuts_texts_at_max_chars(trained_pipeline_dir, tmp_path):
    source, output = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(source, [{"text": "great crew " * 50}])
    result = CliRunner().invoke(
        app, ["explain", str(trained_pipeline_dir), str(source), str(output), "--max-chars", "16"]
    )
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert "".join(token for token, _ in record["attributions"]).replace(" ", "") == "greatcrewgreat"
    assert "truncated 1" in result.output


def test_explained_records_leave_no_new_words_in_the_vocab_after_the_warm_up(trained_pipeline_dir, monkeypatch):
    """explain's records go through score_records: batches after the warm-up run in memory zones, yet the
    attributions and the page's docs (kept as bytes) are complete."""
    from spacy_lstm_sentiment.explanations.explain_records import PageDocs, explain_records
    from spacy_lstm_sentiment.pipeline.loading import load_pipeline
    from spacy_lstm_sentiment.scoring import api

    monkeypatch.setattr(api, "WARM_UP_DOCS", 0)
    nlp = load_pipeline(trained_pipeline_dir)
    nlp("warm up the tokenizer")
    strings = len(nlp.vocab.strings)
    page = PageDocs(limit=3)
    records = [{"text": f"great flight zq{i}xj #tag{i}"} for i in range(40)]
    out = list(explain_records(nlp, records, batch_size=8, page=page))
    assert len(nlp.vocab.strings) == strings  # every new word was freed with its zone
    assert [token for token, _ in out[7]["attributions"]] == ["great", "flight", "zq7xj", "#", "tag7"]
    docs, ids = page.docs(nlp.vocab)
    assert [doc.text for doc in docs] == [r["text"] for r in records[:3]] and ids == [1, 2, 3]
    assert docs[2][2]._.attribution == pytest.approx(out[2]["attributions"][2][1], abs=1e-6)
