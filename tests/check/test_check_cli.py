"""`spacy-lstm-sentiment check` on the small trained pipeline: every capability, stable JSON and Markdown."""
import json

import pytest
from typer.testing import CliRunner

from spacy_lstm_sentiment.check import CAPABILITIES, SCHEMA_VERSION, build_suite, run_checks
from spacy_lstm_sentiment.cli.main import app

TOP_KEYS = {"schema_version", "suite", "model", "settings", "summary", "capabilities", "tests"}
SUMMARY_KEYS = {"n_tests", "n_cases", "n_failures", "mean_failure_rate", "negation_failure_rate",
                "identity_failure_rate", "failure_rate_by_type"}
TEST_KEYS = {"name", "capability", "type", "description", "n_cases", "n_failures", "failure_rate", "examples"}


@pytest.fixture(scope="module")
def checked(trained_pipeline_dir, tmp_path_factory):
    """The command's result and the JSON and Markdown it wrote, for the whole suite."""
    out = tmp_path_factory.mktemp("check")
    args = ["check", str(trained_pipeline_dir), "--output-md", str(out / "check.md"),
            "--output-json", str(out / "metrics" / "check.json")]
    result = CliRunner().invoke(app, args)
    report = json.loads((out / "metrics" / "check.json").read_text(encoding="utf-8"))
    return result, report, (out / "check.md").read_text(encoding="utf-8")


def test_check_reports_every_capability_and_exits_0(checked):
    result, report, _ = checked
    assert result.exit_code == 0, result.output
    for capability in CAPABILITIES:
        assert capability in result.stdout
    assert "Mean failure rate:" in result.stdout and "negation" in result.stdout
    assert [c["capability"] for c in report["capabilities"]] == list(CAPABILITIES)


def test_json_layout_is_stable(checked):
    _, report, _ = checked
    assert set(report) == TOP_KEYS and report["schema_version"] == SCHEMA_VERSION
    assert set(report["summary"]) == SUMMARY_KEYS
    assert set(report["summary"]["failure_rate_by_type"]) == {"MFT", "INV", "DIR"}
    assert set(report["suite"]) == {"version", "seed", "n_tests", "n_cases", "n_texts"}
    assert set(report["settings"]) == {"inv_tolerance", "dir_tolerance", "failure_rules"}
    assert [t["name"] for t in report["tests"]] == [t.name for t in build_suite(0).tests]
    for test in report["tests"]:
        assert set(test) == TEST_KEYS
        assert 0 <= test["failure_rate"] <= 1 and len(test["examples"]) <= 3
        assert len(test["examples"]) == min(3, test["n_failures"])
        for example in test["examples"]:
            assert set(example) == {"texts", "expected", "predictions"}
            assert len(example["predictions"]) == len(example["texts"])
            assert set(example["predictions"][0]) == {"label", "scores"}
    rates = [t["failure_rate"] for t in report["tests"]]
    assert report["summary"]["mean_failure_rate"] == pytest.approx(sum(rates) / len(rates), abs=1e-3)


def test_markdown_has_the_summary_capability_and_test_tables(checked):
    _, report, markdown = checked
    assert markdown.startswith("# Behavioural check: ")
    for heading in ("## Summary", "## Capabilities", "## Tests", "## Example failures"):
        assert f"\n{heading}\n" in markdown
    assert "| test | capability | type | cases | failures | failure rate | description |" in markdown
    assert "| identity-term invariance tests |" in markdown and "| negation tests |" in markdown
    rows = [line for line in markdown.splitlines() if line.startswith("| ") and " | MFT | " in line]
    assert len(rows) == sum(t["type"] == "MFT" for t in report["tests"])


def test_the_api_and_the_command_agree(trained_nlp, checked):
    _, report, _ = checked
    api = run_checks(trained_nlp).to_dict()
    assert [t["n_failures"] for t in api["tests"]] == [t["n_failures"] for t in report["tests"]]


def test_max_failure_rate_sets_the_exit_code(trained_pipeline_dir, checked):
    rate = checked[1]["summary"]["mean_failure_rate"]
    runner = CliRunner()
    base = ["check", str(trained_pipeline_dir), "-q"]
    assert runner.invoke(app, [*base, "--max-failure-rate", str(max(rate - 0.01, 0))]).exit_code == 1
    assert runner.invoke(app, [*base, "--max-failure-rate", "1"]).exit_code == 0


def test_capability_filter_and_usage_errors(trained_pipeline_dir, tmp_path):
    runner = CliRunner()
    out = tmp_path / "negation.json"
    result = runner.invoke(app, ["check", str(trained_pipeline_dir), "--capability", "negation", "-q",
                                 "--output-json", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert {t["capability"] for t in report["tests"]} == {"negation"}
    assert report["summary"]["identity_failure_rate"] is None
    assert runner.invoke(app, ["check", str(trained_pipeline_dir), "--capability", "sarcasm"]).exit_code == 2
    missing = runner.invoke(app, ["check", str(tmp_path / "no-such-model")])
    assert missing.exit_code == 3 and "cannot load model" in missing.output
