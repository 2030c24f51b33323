"""Topic shift: topic subsets of a corpus, the experiment plan, reuse of trainings, the report, the command."""
import json
import subprocess
from pathlib import Path

import pytest
from stand_in_assets import stand_in_overrides
from topic_corpus_data import write_topic_corpus
from typer.testing import CliRunner

from spacy_lstm_sentiment.cli.main import app
from spacy_lstm_sentiment.corpus.topic_splits import label_counts, label_mix, load_topic_corpus, topic_table
from spacy_lstm_sentiment.evaluation import training_run
from spacy_lstm_sentiment.evaluation.topic_shift_experiments import HOLDOUT, ONLY, corpus_warnings, plan_experiments
from spacy_lstm_sentiment.evaluation.topic_shift_report import format_markdown

from conftest import REPO_ROOT

TINY_TRAINING = (
    "--training.max_steps 6 --training.eval_frequency 3 --training.batcher.size 16 "
    "--components.lstm_sentiment.model.rows [200,50,50,20] --components.lstm_sentiment.model.embed_width 8 "
    "--components.lstm_sentiment.model.hidden_width 8 --components.lstm_sentiment.model.ngram_rows 1024"
).split()


def test_topic_table_counts_docs_and_label_mix_per_split(tmp_path):
    write_topic_corpus(tmp_path)
    corpus = load_topic_corpus(tmp_path)
    table = topic_table(corpus)
    assert {split: {t: row["n_docs"] for t, row in rows.items()} for split, rows in table.items()} == {
        "train": {"airline": 12, "self_driving": 12, "coachella": 12},
        "dev": {"airline": 4, "self_driving": 4, "coachella": 4},
        "test": {"airline": 6, "self_driving": 6, "coachella": 6},
    }
    assert table["train"]["airline"]["label_counts"] == {"negative": 6, "neutral": 3, "positive": 3}
    assert table["train"]["airline"]["label_mix"] == {"negative": 0.5, "neutral": 0.25, "positive": 0.25}
    assert corpus.largest_topic() == "airline"  # ties: the first topic in TOPICS order
    no_airline = corpus.select("test", lambda topic: topic != "airline")
    assert len(no_airline) == 12 and not any("@united" in doc.text for doc in no_airline)
    assert label_mix(label_counts([])) == {}


def test_plan_experiments_holds_out_each_topic_and_adds_the_reverse_one():
    plan = plan_experiments(["airline", "self_driving", "airline"], reverse_topic="airline")
    assert [(e.kind, e.topic, e.name) for e in plan] == [
        (HOLDOUT, "airline", "without_airline"),
        (HOLDOUT, "self_driving", "without_self_driving"),
        (ONLY, "airline", "only_airline"),
    ]
    assert not plan[0].trains_on("airline") and plan[0].trains_on("apple") and plan[0].scores_on("airline")
    assert plan[2].trains_on("airline") and plan[2].scores_on("apple") and not plan[2].scores_on("airline")
    with pytest.raises(ValueError, match="unknown topic"):
        plan_experiments(["cars"])


def _fake_spacy_train(calls):
    """Stands in for `spacy train`: records the command and writes an (empty) model-best."""

    def call(command, stdout=None, stderr=None):
        calls.append(command)
        output = Path(command[command.index("--output") + 1])
        (output / "model-best").mkdir(parents=True, exist_ok=True)
        return 0

    return call


def test_training_is_reused_until_an_input_changes_or_force(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(subprocess, "call", _fake_spacy_train(calls))
    config, train, dev = (tmp_path / name for name in ("c.cfg", "train.spacy", "dev.spacy"))
    for path in (config, train, dev):
        path.write_bytes(path.name.encode())
    five, six = (training_run.TrainingSettings(config, overrides=("--training.max_steps", n)) for n in "56")
    args = (tmp_path / "out", train, dev)

    first = training_run.train_or_reuse(five, *args)
    again = training_run.train_or_reuse(five, *args)
    assert (first.reused, again.reused, len(calls)) == (False, True, 1)
    assert calls[0][-4:] == ["--gpu-id", "-1", "--training.max_steps", "5"]
    assert not training_run.train_or_reuse(six, *args).reused
    train.write_bytes(b"other docs")
    assert not training_run.train_or_reuse(six, *args).reused
    assert training_run.train_or_reuse(six, *args).reused
    assert not training_run.train_or_reuse(six, *args, force=True).reused
    assert len(calls) == 4


def test_failed_training_raises_with_the_tail_of_its_log(tmp_path, monkeypatch):
    def failing(command, stdout=None, stderr=None):
        stdout.write("line 1\nValueError: bad config\n")
        return 1

    monkeypatch.setattr(subprocess, "call", failing)
    for name in ("c.cfg", "train.spacy", "dev.spacy"):
        (tmp_path / name).write_text(name)
    with pytest.raises(training_run.TrainingError, match="exit code 1") as info:
        settings = training_run.TrainingSettings(tmp_path / "c.cfg")
        training_run.train_or_reuse(settings, tmp_path / "out", tmp_path / "train.spacy", tmp_path / "dev.spacy")
    assert "\n" not in str(info.value) and "bad config" in info.value.log_tail
    assert not (tmp_path / "out" / training_run.RUN_FILE).exists()


def test_placeholders_in_stats_give_a_warning(tmp_path):
    assert corpus_warnings(tmp_path) == []
    (tmp_path / "stats.json").write_text(json.dumps({"placeholders": True}))
    assert "--placeholders" in corpus_warnings(tmp_path)[0]


def _scores(macro_f1, ece):
    return {
        "n_docs": 4,
        "macro_f1": macro_f1,
        "accuracy": 0.5,
        "ece": ece,
        "calibration_bins": [],
        "per_label_f1": {"negative": 0.1, "positive": 0.2},
        "per_label_support": {"negative": 1, "positive": 3},
    }


def test_markdown_report_rows():
    experiment = {
        "name": "without_airline",
        "kind": HOLDOUT,
        "topic": "airline",
        "scored_on": ["airline"],
        "n_docs": 4,
        "label_mix": {"negative": 0.25, "positive": 0.75},
        "model": _scores(0.4, 0.2),
        "reference": _scores(0.7, 0.05),
        "model_on_seen_topics": _scores(0.65, 0.03),
        "reference_on_seen_topics": _scores(0.75, 0.03),
        "macro_f1_drop": 0.3,
    }
    reverse = {**experiment, "name": "only_airline", "kind": ONLY, "model_on_seen_topics": None}
    del reverse["reference_on_seen_topics"]
    topics = {"test": {"airline": {"n_docs": 4, "label_mix": {"negative": 0.25, "positive": 0.75}}}}
    results = {
        "config": "c.cfg",
        "reference": "ref",
        "overrides": [],
        "corpus": "corpus",
        "topics": topics,
        "experiments": [experiment, reverse],
        "warnings": ["careful"],
    }
    markdown = format_markdown(results)
    row = "| without_airline | airline | 4 | 25%/75% | 0.400 | 0.500 | 0.200 | 0.700 | 0.500 | 0.050 | **0.300** |"
    assert row in markdown
    assert row + " 0.650 / 0.750 |" in markdown and "| only_airline | all but airline | 4 |" in markdown
    assert "| **0.300** |  |" in markdown  # the reverse experiment has no seen-topic scores here
    assert "| without_airline | positive | 3 | 0.200 | 0.200 |" in markdown
    assert "| airline | 0 |  | 0 |  | 4 | 25%/75% |" in markdown
    assert markdown.rstrip().endswith("Warning: careful")


@pytest.mark.slow
def test_topic_shift_command_end_to_end(tmp_path, trained_pipeline_dir):
    corpus = tmp_path / "corpus"
    write_topic_corpus(corpus)
    out = tmp_path / "metrics"
    args = [
        "topic-shift",
        str(corpus),
        str(REPO_ROOT / "configs" / "accuracy.cfg"),
        "--holdout",
        "self_driving",
        "--reverse",
        "--reference",
        str(trained_pipeline_dir),
        "--output-dir",
        str(tmp_path / "runs"),
        "--output-json",
        str(out / "ts.json"),
        "--output-md",
        str(out / "ts.md"),
        *TINY_TRAINING,
        *stand_in_overrides(tmp_path / "assets"),
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    results = json.loads((out / "ts.json").read_text())
    held_out, reverse = results["experiments"]
    assert (held_out["name"], held_out["n_docs"], held_out["n_train_docs"]) == ("without_self_driving", 6, 24)
    assert held_out["scored_on"] == ["self_driving"] and held_out["model_on_seen_topics"]["n_docs"] == 12
    assert held_out["reference_on_seen_topics"]["n_docs"] == 12
    assert (reverse["name"], reverse["trained_on"], reverse["n_docs"]) == ("only_airline", ["airline"], 12)
    for experiment in results["experiments"]:
        assert not experiment["training"]["reused"]
        assert Path(experiment["training"]["model"], "config.cfg").is_file()
        for scores in (experiment["model"], experiment["reference"]):
            assert 0.0 <= scores["macro_f1"] <= 1.0 and 0.0 <= scores["ece"] <= 1.0
            assert sum(b["count"] for b in scores["calibration_bins"]) == scores["n_docs"]
        assert experiment["accuracy_drop"] == pytest.approx(
            experiment["reference"]["accuracy"] - experiment["model"]["accuracy"]
        )
        assert experiment["macro_f1_drop"] == pytest.approx(
            experiment["reference"]["macro_f1"] - experiment["model"]["macro_f1"]
        )
    assert "| without_self_driving | self_driving | 6 |" in (out / "ts.md").read_text()
    rerun = CliRunner().invoke(app, args)
    assert rerun.exit_code == 0, rerun.output
    assert all(e["training"]["reused"] for e in json.loads((out / "ts.json").read_text())["experiments"])


def test_topic_shift_command_rejects_unknown_topics_and_missing_reference(tmp_path):
    write_topic_corpus(tmp_path / "corpus")
    config = str(REPO_ROOT / "configs" / "accuracy.cfg")
    bad_topic = CliRunner().invoke(app, ["topic-shift", str(tmp_path / "corpus"), config, "--holdout", "cars"])
    assert bad_topic.exit_code != 0 and "unknown topic" in bad_topic.output
    no_reference = CliRunner().invoke(
        app, ["topic-shift", str(tmp_path / "corpus"), config, "--reference", str(tmp_path / "missing")]
    )
    assert no_reference.exit_code == 1 and "reference model" in no_reference.output
