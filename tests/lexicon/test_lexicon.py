"""The sentiment lexicon: reading word lists, the table and its lookups, context features."""
import numpy
import pytest
import spacy
import torch
from spacy.attrs import NORM

from spacy_lstm_sentiment.lexicon.build import sentiment_lexicon
from spacy_lstm_sentiment.lexicon.function_words import english_function_words
from spacy_lstm_sentiment.lexicon.readers import (
    LexiconFormatError,
    read_emoji_ranking,
    read_tsv_lexicon,
    read_vader_emoji,
    read_vader_lexicon,
)
from spacy_lstm_sentiment.ml.featurize.lexicon_features import (
    DOC_FEATURES,
    NEGATION_WINDOW,
    TOKEN_FEATURES,
    _modifier_boost,
    _negation_scope,
    lexicon_features,
)
from spacy_lstm_sentiment.ml.featurize.lexicon_kinds import CONTRAST, DIMINISHER, EMOJI, INTENSIFIER, NEGATOR
from spacy_lstm_sentiment.ml.featurize.lexicon_table import SentimentLexicon
from spacy_lstm_sentiment.ml.serialization import WeightsError


@pytest.fixture
def lexicon_files(tmp_path):
    vader = tmp_path / "vader_lexicon.txt"
    vader.write_text(
        "good\t2.0\t0.5\t[2, 2]\nbad\t-2.4\t0.5\t[-2]\njoy\t3.2\t0.4\t[3]\nface\t0.0\t0\t[0]\n:)\t2.0\t0\t[2]\n"
    )
    names = tmp_path / "emoji_utf8_lexicon.txt"
    names.write_text("😂\tface with tears of joy\n🙂\tslightly smiling face\n")
    ranking = tmp_path / "ranking.csv"
    ranking.write_text(
        "Emoji,Unicode codepoint,Occurrences,Position,Negative,Neutral,Positive,Unicode name,Unicode block\n"
        "😡,0x1f621,97,0.5,70,17,10,POUTING FACE,Emoticons\n🦄,0x1f984,3,0.5,0,0,3,UNICORN,X\n"
    )
    return vader, names, ranking


def test_readers_scale_and_merge_the_word_lists(lexicon_files):
    vader, names, ranking = lexicon_files
    words = read_vader_lexicon(vader)
    assert words["good"] == pytest.approx(0.5) and words["bad"] == pytest.approx(-0.6) and words[":)"] == 0.5
    assert read_vader_emoji(names, words) == {"😂": pytest.approx(0.8)}  # "joy" is the only rated word
    assert read_emoji_ranking(ranking) == {"😡": pytest.approx((10 - 70) / 100)}  # the unicorn is too rare


def test_a_malformed_line_names_the_file_and_line(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text("great\t3\n# a comment\n\nawful\tvery bad\n")
    with pytest.raises(LexiconFormatError, match=r"mine\.tsv:4"):
        read_tsv_lexicon(path)
    path.write_text("GREAT\t5\nawful\t-10\n")
    assert read_tsv_lexicon(path, scale=5) == {"great": 1.0, "awful": -1.0}  # lowercased, clipped


def test_the_registered_builder_merges_sources_and_function_words(lexicon_files, tmp_path):
    vader, names, ranking = lexicon_files
    mine = tmp_path / "mine.tsv"
    mine.write_text("good\t-1\n")  # a user's list wins over VADER
    lexicon = sentiment_lexicon(vader=str(vader), vader_emoji=str(names), emoji_ranking=str(ranking), tsv=[str(mine)])
    strings = spacy.blank("en").vocab.strings
    polarity, kinds, _ = lexicon.lookup(_ids(["good", "😡", "not", "but", "zebra"]), strings)
    assert polarity.tolist() == pytest.approx([-1.0, -0.6, 0.0, 0.0, 0.0])
    vader.write_text(vader.read_text() + "truly\t1.8\t0.5\t[2]\n")  # a function word keeps no rating
    assert sentiment_lexicon(vader=str(vader)).lookup(_ids(["truly"]), strings)[0].tolist() == [0.0]
    assert kinds[1] & EMOJI and kinds[2] & NEGATOR and kinds[3] & CONTRAST and kinds[4] == 0
    with pytest.raises(ValueError, match="function words"):
        sentiment_lexicon(function_words="xx")


def _ids(forms):
    return numpy.asarray([spacy.strings.get_string_id(form) for form in forms], dtype=numpy.uint64)


def test_elongated_spellings_read_as_their_short_form_and_are_flagged():
    lexicon = SentimentLexicon.from_entries({"good": 0.5, "so": 0.0, "love": 0.8}, {"so": 2})
    nlp = spacy.blank("en")
    doc = nlp("soooo goooood i looooove it")
    polarity, kinds, elongated = lexicon.lookup(doc.to_array([NORM]).astype(numpy.uint64), nlp.vocab.strings)
    assert polarity.tolist() == pytest.approx([0.0, 0.5, 0.0, 0.8, 0.0])
    assert elongated.tolist() == [True, True, False, True, False]
    assert kinds[0] == 2


def test_the_table_round_trips_through_tensors_and_refuses_tampered_ones():
    lexicon = SentimentLexicon.from_entries({"good": 0.5, "bad": -0.6}, {"not": NEGATOR})
    tensors = lexicon.to_tensors()
    again = SentimentLexicon.from_tensors(tensors, "f.safetensors")
    assert numpy.array_equal(again.keys, lexicon.keys) and numpy.array_equal(again.polarity, lexicon.polarity)
    broken = [
        {k: t for k, t in tensors.items() if k != "lexicon.kinds"},
        {**tensors, "lexicon.polarity": tensors["lexicon.polarity"][:1]},
        {**tensors, "lexicon.polarity": tensors["lexicon.polarity"].double()},
        {**tensors, "lexicon.polarity": tensors["lexicon.polarity"] * 5},
        {**tensors, "lexicon.keys": tensors["lexicon.keys"].reshape(1, -1)},
    ]
    for case in broken:
        with pytest.raises(WeightsError, match="f.safetensors") as info:
            SentimentLexicon.from_tensors(case, "f.safetensors")
        assert "\n" not in str(info.value)


def features_of(words, polarity, docs):
    """Token features for whitespace-separated words with the given polarities, split into docs."""
    kinds_of = english_function_words()
    kinds = numpy.asarray([kinds_of.get(w, 0) for w in words], dtype=numpy.uint8)
    token_doc = numpy.repeat(numpy.arange(len(docs)), docs)
    first = numpy.concatenate(([0], numpy.cumsum(docs)[:-1]))
    is_punct = numpy.asarray([w in {",", ".", "!"} for w in words])
    is_comma = numpy.asarray([w == "," for w in words])
    is_caps = numpy.asarray([w.isupper() and len(w) > 1 for w in words])
    token, doc = lexicon_features(
        numpy.asarray(polarity, dtype=numpy.float32), kinds, numpy.zeros(len(words), bool), is_punct, is_comma,
        is_caps, token_doc, first,
    )
    return {name: token[:, i].tolist() for i, name in enumerate(TOKEN_FEATURES)}, doc


def test_negation_scope_stops_at_punctuation_contrast_words_the_window_and_the_doc():
    words = "not at all good , good but good not a b c d e good".split()
    polarity = [0.5 if w == "good" else 0.0 for w in words]
    features, _ = features_of(words, polarity, [14, 1])
    #        not at  all good ,  good but good not a  b  c  d  e  good(next doc)
    assert features["negated"] == [0, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0]
    assert features["negated_positive"][3] == 0.5 and features["negated_positive"][5] == 0.0
    assert features["negated_past_comma"] == [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]  # an aside
    aside, _ = features_of("not , frankly , good . good".split(), [0, 0, 0, 0, 0.5, 0, 0.5], [7])
    assert aside["negated_past_comma_positive"] == [0, 0, 0, 0, 0.5, 0, 0]  # a full stop ends it


def test_intensifiers_contrast_and_caps():
    words = "very good but slightly bad".split()
    features, _ = features_of(words, [0, 0.5, 0, 0, -0.6], [5])
    assert features["boosted"] == pytest.approx([0, 0.5, 0, 0, -0.6])
    assert features["before_contrast"] == pytest.approx([0, 0.5, 0, 0, 0])
    assert features["after_contrast"] == pytest.approx([0, 0, 0, 0, -0.6])
    shouting, _ = features_of("GOOD day".split(), [0.5, 0], [2])
    all_caps, _ = features_of("GOOD DAY".split(), [0.5, 0], [2])
    assert shouting["caps"][0] == 0.5 and all_caps["caps"][0] == 0.0  # caps count only against lower case


def test_doc_features_sum_per_doc_and_an_empty_position_is_all_zero():
    _, doc = features_of("good good x".split(), [0.5, 0.5, 0.0], [2, 1])
    names = list(DOC_FEATURES)
    assert doc.shape == (2, len(DOC_FEATURES))
    assert doc[0, names.index("sum_positive")] == pytest.approx(1.0 / numpy.sqrt(2))
    assert doc[0, names.index("compound")] > 0.5
    assert not doc[1].any()


def test_lexicon_tensors_are_plain_safetensors_types():
    tensors = SentimentLexicon.from_entries({"good": 0.5}, {}).to_tensors()
    assert {t.dtype for t in tensors.values()} == {torch.int64, torch.float32, torch.uint8}


def test_the_lookup_cache_stays_bounded_and_correct():
    from spacy_lstm_sentiment.ml.featurize.id_cache import IdCache

    cache = IdCache(max_size=100)  # 128 slots
    resolved = []

    def resolve(new):
        resolved.extend(new.tolist())
        return new.astype(numpy.int64) * 2

    for start in range(0, 1000, 60):
        ids = numpy.arange(start, start + 60, dtype=numpy.uint64)
        codes = cache.lookup(numpy.concatenate((ids, ids[::-1])), resolve)
        assert codes.tolist() == (numpy.concatenate((ids, ids[::-1])).astype(numpy.int64) * 2).tolist()
        assert len(cache) <= 128
    assert sorted(resolved) == list(range(1020))  # every id resolved once, though it came twice
    again = numpy.arange(960, 1020, dtype=numpy.uint64)  # still held: nothing to resolve
    assert cache.lookup(again, resolve).tolist() == (again.astype(numpy.int64) * 2).tolist()
    assert len(resolved) == 1020


def _scope_by_rule(negator, boundary, token_doc, window=NEGATION_WINDOW):
    """The negation-scope rule, token by token: a negator among the `window` tokens before, in the
    same doc, with no boundary strictly in between; boundary tokens are never negated."""
    negated = []
    for i in range(len(negator)):
        hit = False
        for d in range(1, window + 1):
            p = i - d
            if p < 0 or token_doc[p] != token_doc[i]:
                break
            if negator[p] and not boundary[p + 1 : i].any():
                hit = True
        negated.append(hit and not boundary[i])
    return numpy.array(negated, dtype=bool)


def _boost_by_rule(kinds, token_doc):
    """+1 after an intensifier, -1 after a diminisher (one or two tokens before, same doc); the nearer wins."""
    boost = numpy.zeros(len(kinds), dtype=numpy.float32)
    for i in range(len(kinds)):
        for d in (1, 2):
            p = i - d
            if p < 0 or token_doc[p] != token_doc[i]:
                break
            value = float(bool(kinds[p] & INTENSIFIER)) - float(bool(kinds[p] & DIMINISHER))
            if value:
                boost[i] = value
                break
    return boost


def test_negation_scope_and_modifiers_follow_their_rules_on_random_batches():
    rng = numpy.random.default_rng(0)
    flags = [0, 0, 0, NEGATOR, INTENSIFIER, DIMINISHER, CONTRAST, INTENSIFIER | DIMINISHER]
    for _ in range(200):
        n = int(rng.integers(1, 120))
        n_docs = int(rng.integers(1, min(n, 12) + 1))
        cuts = numpy.sort(rng.choice(numpy.arange(1, n), size=n_docs - 1, replace=False)) if n_docs > 1 else []
        first = numpy.concatenate(([0], cuts)).astype(numpy.int64)
        token_doc = numpy.repeat(numpy.arange(n_docs), numpy.diff(numpy.append(first, n)))
        kinds = rng.choice(flags, size=n).astype(numpy.uint8)
        negator, boundary = (kinds & NEGATOR) > 0, rng.random(n) < 0.2
        scope = _negation_scope(negator, boundary, token_doc)
        assert numpy.array_equal(scope, _scope_by_rule(negator, boundary, token_doc))
        assert numpy.array_equal(_modifier_boost(kinds, token_doc), _boost_by_rule(kinds, token_doc))
