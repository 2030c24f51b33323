"""Entry points, registered architecture, `spacy train` without --code, config validation."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from thinc.api import Config

from conftest import LABELS, REPO_ROOT, SMALL_MODEL, make_texts, write_docbin

REPO = REPO_ROOT
EFFICIENCY_CFG = REPO / "configs" / "efficiency.cfg"


def run_python(code: str, cwd: Path, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=timeout)


FRESH_INTERPRETER = r"""
import json, sys
import spacy
before = "spacy_lstm_sentiment" in sys.modules
nlp = spacy.blank("en")
pipe = nlp.add_pipe("lstm_sentiment")
after_add_pipe = "spacy_lstm_sentiment" in sys.modules
arch = spacy.registry.architectures.get("spacy-lstm-sentiment.LSTMSentimentClassifier.v1")
doc = nlp("what a great flight")  # the shipped en_social model: no training, no initialize
print(json.dumps({
    "before": before,
    "after_add_pipe": after_add_pipe,
    "pipe_class": type(pipe).__name__,
    "arch": arch.__module__ + "." + arch.__name__,
    "labels": list(pipe.labels),
    "cats_sum": sum(doc.cats.values()),
    "sentiment": doc._.sentiment,
}))
"""


@pytest.mark.slow
def test_entry_points_work_in_a_fresh_interpreter(tmp_path):
    # cwd outside the repo, so nothing is importable except through the installed package
    result = run_python(FRESH_INTERPRETER, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout.strip().splitlines()[-1])
    assert info["before"] is False  # spacy itself does not import the package...
    assert info["after_add_pipe"] is True  # ...the spacy_factories entry point does
    assert info["pipe_class"] == "LSTMSentiment"
    assert info["arch"] == "spacy_lstm_sentiment.ml.architecture.build_lstm_sentiment_classifier"
    assert info["labels"] == LABELS
    assert info["cats_sum"] == pytest.approx(1.0, abs=1e-5)
    assert info["sentiment"] == "positive"


def small_train_config() -> Config:
    """configs/efficiency.cfg with a tiny model."""
    model = SMALL_MODEL
    return spacy.util.load_config(
        EFFICIENCY_CFG,
        overrides={
            "components.lstm_sentiment.model.rows": model["rows"],
            "components.lstm_sentiment.model.embed_width": model["embed_width"],
            "components.lstm_sentiment.model.hidden_width": model["hidden_width"],
            "components.lstm_sentiment.model.ngram_rows": 1000,
            "training.batcher.size": 16,
            "paths.model_card": None,
        },
    )


@pytest.mark.slow
def test_spacy_train_cli_without_code(tmp_path):
    nlp = spacy.blank("en")
    write_docbin(nlp, make_texts(30, seed=1), tmp_path / "train.spacy")
    write_docbin(nlp, make_texts(9, seed=2), tmp_path / "dev.spacy")
    config_path = tmp_path / "config.cfg"
    small_train_config().to_disk(config_path)
    output = tmp_path / "output"
    cmd = [
        sys.executable, "-m", "spacy", "train", str(config_path),
        "--output", str(output),
        "--paths.train", str(tmp_path / "train.spacy"),
        "--paths.dev", str(tmp_path / "dev.spacy"),
        "--training.max_steps", "4",
        "--training.eval_frequency", "2",
    ]
    result = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    loaded = spacy.load(output / "model-last")
    assert loaded.pipe_names == ["lstm_sentiment"]
    assert list(loaded.get_pipe("lstm_sentiment").labels) == LABELS  # from the DocBins' cats
    saved = loaded.config["components"]["lstm_sentiment"]["model"]
    assert saved["hidden_width"] == SMALL_MODEL["hidden_width"] and saved["rows"] == SMALL_MODEL["rows"]
    doc = loaded("the crew was awesome")
    assert set(doc.cats) == set(LABELS)
    assert sum(doc.cats.values()) == pytest.approx(1.0, abs=1e-5)
    assert doc._.sentiment in LABELS
    meta = json.loads((output / "model-last" / "meta.json").read_text())
    assert "cats_score" in meta["performance"]


def test_config_validates_and_autofills():
    config = small_train_config()
    for key in ("max_length", "ngram_sizes", "depth"):  # filled from the defaults
        del config["components"]["lstm_sentiment"]["model"][key]
    nlp = spacy.util.load_model_from_config(config, validate=True, auto_fill=True)
    assert nlp.pipe_names == ["lstm_sentiment"]
    model_cfg = nlp.config["components"]["lstm_sentiment"]["model"]
    assert model_cfg["max_length"] == 256
    assert list(model_cfg["ngram_sizes"]) == []
    assert model_cfg["depth"] == 1
    assert model_cfg["hidden_width"] == SMALL_MODEL["hidden_width"]


def test_the_factory_default_model_is_en_socials_architecture_with_its_settings():
    """add_pipe without a model config builds v2, whose signature's defaults are the settings the shipped
    en_social model was trained with (its saved config): one source each, kept equal here."""
    import inspect

    from spacy_lstm_sentiment.ml.architecture import build_social_classifier
    from spacy_lstm_sentiment.pipeline.pretrained import RUNTIME_SETTINGS, pretrained_model_config

    nlp = spacy.blank("en")
    nlp.add_pipe("lstm_sentiment")
    filled = nlp.config["components"]["lstm_sentiment"]["model"]
    assert filled["@architectures"] == "spacy-lstm-sentiment.LSTMSentimentClassifier.v2"
    assert nlp.config["components"]["lstm_sentiment"]["pretrained"] == "en_social"
    signature = inspect.signature(build_social_classifier).parameters
    shipped = pretrained_model_config("en_social")
    for name, parameter in signature.items():
        default = list(parameter.default) if isinstance(parameter.default, tuple) else parameter.default
        assert (list(filled[name]) if isinstance(filled[name], tuple) else filled[name]) == default, name
        if name not in RUNTIME_SETTINGS:
            assert shipped[name] == default, name


@pytest.mark.parametrize(
    "key,value,choices",
    [
        ("rnn_type", "transformer", ["lstm", "gru", "peephole"]),
        ("pooling", "median", ["max", "mean", "last", "attention"]),
    ],
)
def test_invalid_choices_raise_an_error_naming_the_choices(key, value, choices):
    config = small_train_config()
    config["components"]["lstm_sentiment"]["model"][key] = value
    with pytest.raises(ValueError) as info:
        spacy.util.load_model_from_config(config, validate=True, auto_fill=True)
    message = str(info.value)
    assert value in message
    for choice in choices:
        assert choice in message


def test_unknown_model_setting_is_rejected():
    config = small_train_config()
    config["components"]["lstm_sentiment"]["model"]["hidden_size"] = 32  # a typo of hidden_width
    with pytest.raises(spacy.util.ConfigValidationError, match="hidden_size"):
        spacy.util.load_model_from_config(config, validate=True, auto_fill=True)


@pytest.mark.parametrize("max_length", [0, -3])
def test_max_length_below_one_is_rejected(max_length):
    config = small_train_config()
    config["components"]["lstm_sentiment"]["model"]["max_length"] = max_length
    with pytest.raises(ValueError, match="max_length"):
        spacy.util.load_model_from_config(config, validate=True, auto_fill=True)


def test_another_architecture_is_refused_with_a_clear_error():
    nlp = spacy.blank("en")
    bow = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 1}
    bow["no_output_layer"] = False
    with pytest.raises(ValueError, match="LSTMSentimentClassifier"):
        nlp.add_pipe("lstm_sentiment", config={"pretrained": None, "model": bow})


def test_loading_the_component_imports_neither_batch_scoring_nor_ftfy(tmp_path):
    code = (
        "import sys, spacy_lstm_sentiment.pipeline.factory\n"
        "print(sorted(m for m in sys.modules if m.startswith('spacy_lstm_sentiment.scoring') or m == 'ftfy'))\n"
        "from spacy_lstm_sentiment import score_records\n"
        "print(score_records.__module__)\n"
    )
    result = run_python(code, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["[]", "spacy_lstm_sentiment.scoring.api"]
