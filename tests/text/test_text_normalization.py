"""The training text's normalisation travels in the pipeline's meta, and scoring repeats it."""
import json
import shutil

import pytest
import spacy

from spacy_lstm_sentiment.scoring.api import score_records
from spacy_lstm_sentiment.scoring.process_pool import score_records_multiprocess
from spacy_lstm_sentiment.text.normalize import DEFAULT_NORMALIZATION, META_KEY, pipeline_normalization
from spacy_lstm_sentiment.training.callbacks import record_text_normalization

from conftest import REPO_ROOT, assert_same_scored_records

MENTION_TEXT = "@united lost my bag again http://t.co/x"
PLACEHOLDER_TEXT = "@user lost my bag again http"


def write_stats(path, **settings):
    path.write_text(json.dumps({"input": "x.csv", **DEFAULT_NORMALIZATION, **settings}))
    return path


@pytest.fixture
def placeholder_nlp(trained_nlp):
    """The session's trained pipeline with a recorded normalisation; restored afterwards."""
    before = trained_nlp.meta.pop(META_KEY, None)
    trained_nlp.meta[META_KEY] = {"fix_encoding": True, "placeholders": True}
    yield trained_nlp
    trained_nlp.meta.pop(META_KEY)
    if before is not None:
        trained_nlp.meta[META_KEY] = before


def test_callback_copies_the_corpus_settings_into_meta(tmp_path):
    nlp = spacy.blank("en")
    stats = write_stats(tmp_path / "stats.json", placeholders=True, fix_encoding=False)
    assert record_text_normalization(str(stats))(nlp) is nlp
    assert nlp.meta[META_KEY] == {"fix_encoding": False, "placeholders": True}
    assert pipeline_normalization(nlp) == {"fix_encoding": False, "placeholders": True}


def test_without_stats_nothing_is_recorded_and_defaults_apply():
    nlp = record_text_normalization(None)(spacy.blank("en"))
    assert META_KEY not in nlp.meta
    assert pipeline_normalization(nlp) == DEFAULT_NORMALIZATION


@pytest.mark.parametrize(
    "content",
    [None, "{not json", json.dumps({"input": "x.csv"}), json.dumps({"fix_encoding": "false", "placeholders": None})],
    ids=["missing", "broken", "no-settings", "not-booleans"],
)
def test_unusable_stats_file_is_named_in_one_line(tmp_path, content):
    stats = tmp_path / "stats.json"
    if content is not None:
        stats.write_text(content)
    with pytest.raises(ValueError, match="stats.json") as err:
        record_text_normalization(str(stats))  # when training starts, not at the first save
    assert "\n" not in str(err.value) and "--paths.corpus_stats" in str(err.value)


def test_scoring_repeats_the_recorded_normalisation(placeholder_nlp):
    [record] = score_records(placeholder_nlp, [MENTION_TEXT])
    assert record["scores"] == pytest.approx(placeholder_nlp(PLACEHOLDER_TEXT).cats, abs=1e-6)
    assert record["scores"] != pytest.approx(placeholder_nlp(MENTION_TEXT).cats, abs=1e-6)


def test_explicit_arguments_override_the_record(placeholder_nlp):
    [record] = score_records(placeholder_nlp, [MENTION_TEXT], placeholders=False)
    assert record["scores"] == pytest.approx(placeholder_nlp(MENTION_TEXT).cats, abs=1e-6)


@pytest.mark.parametrize("name", ["accuracy", "efficiency"])
def test_shipped_configs_record_the_corpus_settings(tmp_path, name):
    path = REPO_ROOT / "configs" / f"{name}.cfg"
    assert spacy.util.load_config(path)["paths"]["corpus_stats"] is None
    stats = write_stats(tmp_path / "stats.json", placeholders=True)
    config = spacy.util.load_config(path, overrides={"paths.corpus_stats": str(stats)}, interpolate=True)
    callback = spacy.util.registry.resolve({"cb": config["training"]["before_to_disk"]})["cb"]
    assert callback(spacy.blank("en")).meta[META_KEY] == {"fix_encoding": True, "placeholders": True}


def test_worker_processes_read_the_record_from_the_saved_pipeline(trained_pipeline_dir, tmp_path):
    """`--n-process` and Dask workers load the pipeline from disk: the record in meta.json counts."""
    model = tmp_path / "model"
    shutil.copytree(trained_pipeline_dir, model)
    meta = json.loads((model / "meta.json").read_text())
    (model / "meta.json").write_text(json.dumps({**meta, META_KEY: {"fix_encoding": True, "placeholders": True}}))
    records = [MENTION_TEXT, "great crew @JetBlue", "http://t.co/y awful"] * 10
    scored = list(score_records_multiprocess(str(model), records, n_process=2, chunk_size=8))
    nlp = spacy.load(model)
    assert_same_scored_records(scored, list(score_records(nlp, records)))
    assert_same_scored_records(scored, list(score_records(nlp, records, placeholders=True)))
    without = next(score_records(nlp, records[:1], placeholders=False))
    assert scored[0]["scores"] != pytest.approx(without["scores"], abs=1e-6)
