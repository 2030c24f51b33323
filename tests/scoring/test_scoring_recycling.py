"""Long runs reload the pipeline every RECYCLE_AFTER records: same records, bounded vocab tables."""
import shutil

from spacy_lstm_sentiment.pipeline.loading import load_pipeline
from spacy_lstm_sentiment.scoring import api, chunked, recycling
from spacy_lstm_sentiment.scoring.api import score_records
from spacy_lstm_sentiment.scoring.recycling import score_records_recycled
from spacy_lstm_sentiment.scoring.summary import ScoreSummary

from conftest import assert_same_scored_records


def fresh_words(n):
    """Records whose mentions, hashtags and URLs are new words, as in a stream of real posts."""
    texts = (None if i % 50 == 7 else f"great crew @user{i * 7919} #day{i} t.co/{i:x}z" for i in range(n))
    return [{"id": i, "text": text} for i, text in enumerate(texts)]


def test_recycled_scoring_gives_the_same_records_and_counts_with_a_fresh_pipeline_per_segment(trained_pipeline_dir):
    records = fresh_words(700)
    loads = []

    def load():
        loads.append(1)
        return load_pipeline(trained_pipeline_dir)

    summary, expected_summary = ScoreSummary(), ScoreSummary()
    got = list(score_records_recycled(load, records, recycle_after=200, summary=summary, offset=5, batch_size=64))
    expected = list(score_records(load_pipeline(trained_pipeline_dir), records, summary=expected_summary, offset=5))
    assert_same_scored_records(got, expected)
    assert len(loads) == 4  # 200 + 200 + 200 + 100 records
    assert (summary.scored, summary.errored, summary.first_errors) == (
        expected_summary.scored,
        expected_summary.errored,
        expected_summary.first_errors,
    )
    given = load_pipeline(trained_pipeline_dir)
    loads.clear()
    assert len(list(score_records_recycled(load, records[:400], nlp=given, recycle_after=200))) == 400
    assert len(loads) == 1  # the given pipeline served the first 200; no load for an empty segment


def test_a_fresh_pipeline_starts_with_small_vocab_tables(trained_pipeline_dir, monkeypatch):
    """What recycling is for: memory zones free new words, but their tables only ever grow."""
    monkeypatch.setattr(api, "WARM_UP_DOCS", 0)  # every batch in a zone
    records = fresh_words(6000)
    one = load_pipeline(trained_pipeline_dir)
    start = one.vocab.strings._map.capacity
    list(score_records(one, records, batch_size=256))
    assert one.vocab.strings._map.capacity >= 4 * start  # grown, although the strings were freed
    pipelines = []

    def load():
        pipelines.append(load_pipeline(trained_pipeline_dir))
        return pipelines[-1]

    list(score_records_recycled(load, records, recycle_after=1000, batch_size=256))
    assert len(pipelines) == 6 and pipelines[-1].vocab.strings._map.capacity < one.vocab.strings._map.capacity


def test_workers_load_the_pipeline_again_after_recycle_after_records(trained_pipeline_dir, tmp_path, monkeypatch):
    model = str(tmp_path / "model")  # a path of its own, so no other test's cached pipeline counts
    shutil.copytree(trained_pipeline_dir, model)
    monkeypatch.setattr(recycling, "RECYCLE_AFTER", 50)
    before = chunked.load_count()
    for call in range(4):
        scored, _ = chunked.score_chunk(model, fresh_words(30), call * 30, {})
        assert len(scored) == 30
    assert chunked.load_count() - before == 2  # loaded for chunk 1, again for chunk 3 (after 60 records)
