"""The `benchmark` command: JSON figures, ratios, macro-F1, training speed, report section (no timed asserts)."""
import json
import statistics
from pathlib import Path

import pytest
import spacy
from spacy.scorer import Scorer
from spacy.tokens import DocBin
from spacy.training import Example
from typer.testing import CliRunner

from spacy_lstm_sentiment.benchmark.reporting import (
    END_MARKER,
    START_MARKER,
    replace_section,
    report_section,
    update_report,
)
from spacy_lstm_sentiment.benchmark.run import run_benchmark
from spacy_lstm_sentiment.cli.benchmark import parse_named_paths
from spacy_lstm_sentiment.cli.main import app
from spacy_lstm_sentiment.io.report_files import write_json

from conftest import LABELS, REPO_ROOT, make_texts, write_docbin

MIN_DOCS = 200


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("benchmark-data")
    nlp = spacy.blank("en")
    write_docbin(nlp, make_texts(45, seed=11), path / "test.spacy")
    write_docbin(nlp, make_texts(60, seed=12), path / "train.spacy")
    return path


@pytest.fixture(scope="module")
def results(data_dir, trained_pipeline_dir) -> dict:
    """One benchmark run (inference for two pipelines, training for two configs), read back from its JSON."""
    figures = run_benchmark(
        data_dir / "test.spacy",
        {"tiny": str(trained_pipeline_dir), "again": str(trained_pipeline_dir)},
        min_docs=MIN_DOCS,
        batch_size=32,
        rounds=3,
        train_corpus=data_dir / "train.spacy",
        train_configs={
            "bow": str(REPO_ROOT / "configs" / "baseline_bow.cfg"),
            "lstm": str(trained_pipeline_dir / "config.cfg"),
        },
        train_reference="bow",
        train_steps=4,
        train_batch_size=8,
        train_rounds=2,
        command="spacy-lstm-sentiment benchmark ...",
        output=str(data_dir / "benchmark.json"),
    )
    write_json(figures, data_dir / "benchmark.json")
    return json.loads((data_dir / "benchmark.json").read_text(encoding="utf8"))


def test_every_pipeline_measured_after_the_blank_reference(results):
    inference = results["inference"]
    assert list(inference["pipelines"]) == ["blank", "tiny", "again"]
    assert inference["test_docs"] == 45 and inference["docs_per_pass"] >= MIN_DOCS
    assert inference["docs_per_pass"] == 45 * inference["repeats"]
    for name, entry in inference["pipelines"].items():
        assert len(entry["rounds"]) == 3, name
        assert entry["docs_per_s"] > 0 and entry["words_per_s"] > entry["docs_per_s"], name
        for run in entry["rounds"]:
            assert run["docs"] == inference["docs_per_pass"]
            assert run["scored"] == (0 if name == "blank" else run["docs"])
        assert entry["docs_per_s"] == pytest.approx(statistics.median(r["docs_per_s"] for r in entry["rounds"]))
    assert inference["pipelines"]["blank"]["components"] == []
    assert inference["pipelines"]["tiny"]["components"] == ["lstm_sentiment"]


def test_ratios_are_per_round_against_the_blank_run_of_the_same_round(results):
    pipelines = results["inference"]["pipelines"]
    blank_rounds = [r["docs_per_s"] for r in pipelines["blank"]["rounds"]]
    for name, entry in pipelines.items():
        ratios = [r["docs_per_s"] / blank for r, blank in zip(entry["rounds"], blank_rounds)]
        assert [r["ratio_to_blank"] for r in entry["rounds"]] == pytest.approx(ratios, rel=1e-9), name
        assert entry["ratio_to_blank"] == pytest.approx(statistics.median(ratios), rel=1e-9), name
    assert pipelines["blank"]["ratio_to_blank"] == pytest.approx(1.0)


def test_macro_f1_matches_a_direct_computation(results, data_dir, trained_pipeline_dir):
    nlp = spacy.load(trained_pipeline_dir)
    gold = list(DocBin().from_disk(data_dir / "test.spacy").get_docs(nlp.vocab))
    examples = [Example(nlp(doc.text), doc) for doc in gold]
    expected = Scorer.score_cats(examples, "cats", labels=LABELS, multi_label=False)["cats_macro_f"]
    pipelines = results["inference"]["pipelines"]
    assert pipelines["blank"]["macro_f1"] is None
    for name in ("tiny", "again"):
        assert 0.0 <= pipelines[name]["macro_f1"] <= 1.0
        assert pipelines[name]["macro_f1"] == pytest.approx(expected, abs=1e-9)
        assert set(pipelines[name]["f1_per_label"]) == set(LABELS)


def test_machine_facts_and_memory(results):
    machine = results["machine"]
    assert machine["device"] == "cpu" and machine["torch_threads"] >= 1
    assert machine["cpu_count"] >= 1 and machine["torch_version"]
    assert results["peak_rss_mb"] >= results["peak_rss_mb_inference"] > 0
    assert results["inference"]["pipelines"]["tiny"]["component_torch_threads"] == 1  # the component's default


def test_training_speed_against_the_reference_config(results):
    training = results["training"]
    assert training["reference"] == "bow" and list(training["configs"]) == ["bow", "lstm"]
    assert training["steps_per_config"] == 4 and training["rounds"] == 2
    for name, entry in training["configs"].items():
        assert entry["docs_per_s"] > 0 and entry["words_per_s"] > entry["docs_per_s"], name
        assert [r["docs"] for r in entry["rounds"]] == [16, 16], name
    assert training["configs"]["bow"]["ratio_to_reference"] == pytest.approx(1.0)
    assert training["configs"]["lstm"]["components"] == ["lstm_sentiment"]


def test_report_section_replaces_only_the_text_between_the_markers(results, tmp_path):
    report = tmp_path / "benchmarks.md"
    before = "# Benchmarks\n\nWritten by someone else.\n\n"
    after = "\n\n## Other section\n\nAlso someone else's.\n"
    report.write_text(f"{before}{START_MARKER}\nold figures\n{END_MARKER}{after}", encoding="utf8")
    update_report(report, report_section(results))
    text = report.read_text(encoding="utf8")
    assert text.startswith(before + START_MARKER) and text.endswith(END_MARKER + after)
    assert "old figures" not in text
    inside = text[text.index(START_MARKER) : text.index(END_MARKER)]
    assert "| pipeline | docs/s | words/s | ratio to blank | test macro-F1 |" in inside
    assert "| tiny |" in inside and "| bow (reference) |" in inside and results["command"] in inside
    update_report(report, "second run")  # idempotent: replacing again keeps the outside text
    assert report.read_text(encoding="utf8") == f"{before}{START_MARKER}\nsecond run\n{END_MARKER}{after}"


def test_report_created_or_markers_appended(tmp_path):
    created = tmp_path / "docs" / "benchmarks.md"
    update_report(created, "figures")
    assert created.read_text(encoding="utf8") == f"# Benchmarks\n\n{START_MARKER}\nfigures\n{END_MARKER}\n"
    assert replace_section("# Notes\n", "figures") == f"# Notes\n\n{START_MARKER}\nfigures\n{END_MARKER}\n"
    with pytest.raises(ValueError):
        replace_section(f"{END_MARKER}\n{START_MARKER}\n", "figures")


def test_parse_named_paths():
    assert parse_named_paths(["a=x/model", "configs/efficiency.cfg", "a=x/model"], "--pipeline") == {
        "a": "x/model",
        "efficiency": "configs/efficiency.cfg",
    }
    with pytest.raises(Exception, match="twice"):
        parse_named_paths(["a=x", "a=y"], "--pipeline")


def test_cli_writes_json_report_and_a_table(data_dir, trained_pipeline_dir, tmp_path):
    output, report = tmp_path / "metrics" / "benchmark.json", tmp_path / "docs" / "benchmarks.md"
    args = ["benchmark", "--test", str(data_dir / "test.spacy"), "--pipeline", f"tiny={trained_pipeline_dir}"]
    args += ["--min-docs", "100", "--rounds", "2", "--output", str(output), "--report", str(report)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "ratio to blank" in result.stdout and "blank (tokenizer only)" in result.stdout
    figures = json.loads(output.read_text(encoding="utf8"))
    assert list(figures["inference"]["pipelines"]) == ["blank", "tiny"] and figures["training"] is None
    assert figures["command"].startswith("spacy-lstm-sentiment benchmark --test ")
    assert "--min-docs 100" in figures["command"] and figures["command"] in report.read_text(encoding="utf8")
    bad = CliRunner().invoke(app, ["benchmark", "--test", str(data_dir / "test.spacy"), "--pipeline", "blank=x"])
    assert bad.exit_code != 0


def test_training_pipeline_from_a_config_whose_reader_needs_the_corpus_path(data_dir, trained_pipeline_dir, tmp_path):
    """Like the accuracy config: generated posts through a reader whose `path` must be a string."""
    from spacy.util import load_config

    from spacy_lstm_sentiment.benchmark.training_speed import create_training_pipeline

    config = load_config(trained_pipeline_dir / "config.cfg")
    config["paths"]["train"] = config["paths"]["dev"] = None
    config["corpora"]["train"] = {
        "@readers": "spacy-lstm-sentiment.AugmentedCorpus.v1",
        "path": "${paths.train}",
        "generated": 10,
        "identity_copies": 0,
        "seed": 0,
        "limit": 0,
    }
    config.to_disk(tmp_path / "config.cfg")
    entry = create_training_pipeline(tmp_path / "config.cfg", data_dir / "train.spacy")
    assert len(entry["examples"]) == 60
    assert entry["nlp"].pipe_names == ["lstm_sentiment"]
