"""`explain` on files: every record once, in order, with attributions; bad records kept; the page."""
import json

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
