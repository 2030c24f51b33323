"""render_html: the explanation page's structure, escaping and self-containedness."""
import re
from html import unescape
from html.parser import HTMLParser
from typing import Dict, List, Optional

import pytest
import spacy
from spacy.tokens import Doc

from spacy_lstm_sentiment.explanations.explain_docs import explain
from spacy_lstm_sentiment.explanations.html import DocExtras, render_html
from spacy_lstm_sentiment.explanations.html_style import SHADE_LEVELS, label_colour, shade_class
from spacy_lstm_sentiment.pipeline.extensions import register_extensions
from spacy_lstm_sentiment.pipeline.span_scores import store_span_cats

CATS = {"negative": 0.1, "neutral": 0.2, "positive": 0.7}


class _Elements(HTMLParser):
    """Every start tag of a page, with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: List[Dict[str, Optional[str]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append({"tag": tag, **dict(attrs)})


def elements(page: str, css_class: Optional[str] = None, tag: Optional[str] = None) -> List[Dict[str, Optional[str]]]:
    parser = _Elements()
    parser.feed(page)
    return [
        element
        for element in parser.tags
        if (tag is None or element["tag"] == tag)
        and (css_class is None or css_class in (element.get("class") or "").split())
    ]


def hand_doc(text: str, cats=CATS, attributions: Optional[List[Dict[str, float]]] = None) -> Doc:
    register_extensions()
    doc = spacy.blank("en").make_doc(text)
    doc.cats = dict(cats)
    for token, values in zip(doc, attributions or []):
        token._.attribution = values
    return doc


def uniform(value: float) -> Dict[str, float]:
    return {"negative": -value, "neutral": 0.0, "positive": value}


def test_one_card_per_doc_in_order_with_probabilities_and_legend():
    docs = [hand_doc("first post"), hand_doc("second post", {"negative": 0.8, "neutral": 0.15, "positive": 0.05})]
    page = render_html(docs, title="My page")
    cards = elements(page, "card", "article")
    assert [card["id"] for card in cards] == ["doc-0", "doc-1"]
    assert "<title>My page</title>" in page and "<h1>My page</h1>" in page
    assert "70.0%" in page and "80.0%" in page and "15.0%" in page
    assert "polarity +0.60" in page and "polarity −0.75" in page
    assert len(elements(page, "legend")) == 1
    assert len(elements(page, "probs")) == 2


def test_summary_counts_docs_per_predicted_label():
    negative = {"negative": 0.8, "neutral": 0.1, "positive": 0.1}
    page = render_html([hand_doc("a"), hand_doc("b", negative), hand_doc("c", negative), hand_doc("d", {})])
    summary = page[page.index('<div class="summary">') : page.index("</header>")]
    assert "4 posts" in summary
    assert ">negative 2<" in summary and ">positive 1<" in summary and ">not scored 1<" in summary
    assert "neutral" not in summary
    assert "0 explained" in summary


def test_explained_tokens_are_shaded_towards_and_against_the_predicted_label_with_exact_values():
    doc = hand_doc("good bad meh", attributions=[uniform(1.0), uniform(-0.6), uniform(0.001)])
    page = render_html([doc], scale=1.0)
    shaded = elements(page, "att", "span")
    assert [span["class"] for span in shaded] == ["att up5", "att down3", "att zero"]
    assert shaded[0]["title"] == "+1.000 to positive (negative −1.000 · neutral +0.000)"
    assert "attribution to <b>positive</b>" in page
    assert "+1.000 or more" in page and "−1.000 or less" in page


def test_whitespace_tokens_are_shaded_too():
    doc = hand_doc("hate  \n love", attributions=[uniform(-1.0), uniform(-0.8), uniform(1.0)])
    assert [token.is_space for token in doc] == [False, True, False]
    page = render_html([doc], scale=1.0)
    assert [span["class"] for span in elements(page, "att", "span")] == ["att down5", "att down4", "att up5"]


def test_label_argument_shades_every_card_by_that_label():
    doc = hand_doc("good bad", attributions=[uniform(1.0), uniform(-1.0)])
    page = render_html([doc], label="negative", scale=1.0)
    assert [span["class"] for span in elements(page, "att", "span")] == ["att down5", "att up5"]
    assert "attribution to <b>negative</b>" in page and "of negative" in page


def test_unexplained_docs_are_not_shaded():
    page = render_html([hand_doc("plain words here")])
    assert not elements(page, "att")
    assert ">not explained<" in page and "No token on this page moves it" in page
    assert "plain words here" in page


def test_page_scale_follows_the_values_and_a_single_outlier_does_not_set_it():
    attributions = [uniform(0.1)] * 40 + [uniform(50.0)]
    doc = hand_doc(" ".join(["word"] * 41), attributions=attributions)
    page = render_html([doc])
    assert "+0.100 or more" in page
    assert [span["class"] for span in elements(page, "att", "span")].count("att up5") == 41


def test_shade_class_levels():
    assert shade_class(0.0, 1.0) == "att zero"
    assert shade_class(0.3, 1.0) == "att up2"
    assert shade_class(-0.3, 1.0) == "att down2"
    assert shade_class(-7.0, 1.0) == f"att down{SHADE_LEVELS}"
    assert shade_class(1.0, 0.0) == "att zero"


def test_sentence_rows_when_the_doc_has_sentence_boundaries():
    doc = hand_doc("Great crew . Lost my bag .", attributions=[uniform(0.5)] * 7)
    for token in doc:
        token.is_sent_start = token.i in (0, 3)
    first, second = doc.sents
    store_span_cats(first, {"negative": 0.05, "neutral": 0.05, "positive": 0.9})
    store_span_cats(second, {"negative": 0.9, "neutral": 0.05, "positive": 0.05})
    page = render_html([doc])
    rows = page[page.index('<div class="sents">') :]
    assert len(elements(page, "sent")) == 2
    assert rows.index(">positive<") < rows.index("+0.85") < rows.index("Great") < rows.index(">negative<")
    assert rows.index(">negative<") < rows.index("−0.85") < rows.index("Lost")


def test_no_sentence_rows_without_boundaries_and_unscored_sentences_say_so():
    assert not elements(render_html([hand_doc("one two three")]), "sent")
    doc = hand_doc("One . Two .")
    for token in doc:
        token.is_sent_start = token.i in (0, 2)
    page = render_html([doc])
    assert len(elements(page, "sent")) == 2 and page.count(">not scored<") == 2


def test_markup_in_posts_and_extras_stays_text():
    post = "<script>alert(1)</script> &lt; <img src=x onerror=alert(2)> \"quoted\""
    doc = hand_doc(post, attributions=[uniform(0.2)] * 20)
    extras = [{"id": "<b>7</b>", "gold": "<i>neg</i>", "badges": ["<script>x</script>"], "note": "a & b <u>"}]
    page = render_html([doc], title="<script>t</script>", extras=extras)
    assert "<script" not in page.lower() and "<img" not in page and "<b>7" not in page and "<u>" not in page
    assert "<title>&lt;script&gt;t&lt;/script&gt;</title>" in page and ">&lt;script&gt;x&lt;/script&gt;<" in page
    text = page[page.index('<div class="text">') : page.index("</article>")]
    assert unescape(re.sub(r"<[^>]*>", "", text)) == post
    assert "#&lt;b&gt;7&lt;/b&gt;" in page and "a &amp; b &lt;u&gt;" in page
    assert not elements(page, tag="img") and not elements(page, tag="script")


def test_page_is_self_contained():
    docs = [hand_doc("visit https://example.com //cdn.example.com/x.js", attributions=[uniform(0.3)] * 6)]
    page = render_html(docs, extras=[{"note": "see http://example.org"}])
    for reference in re.findall(r"""(?:src|href)\s*=\s*["']?([^"'\s>]*)|url\(\s*["']?([^"')]*)""", page, re.I):
        assert not any(part.startswith(("http:", "https:", "//")) for part in reference), reference
    assert not re.search(r"<(?:link|script|img|iframe|object|embed)\b|@import", page, re.I)


def test_extras_mark_gold_mismatches_and_show_ids_badges_and_notes():
    docs = [hand_doc("a"), hand_doc("b"), hand_doc("c")]
    extras = [
        {"id": 7, "gold": "negative", "badges": ["error"]},
        DocExtras(id="x1", gold="positive", note="looks right"),
        None,
    ]
    page = render_html(docs, extras=extras)
    cards = elements(page, "card", "article")
    assert [card["class"] for card in cards] == ["card mismatch", "card", "card"]
    assert "#7" in page and "#x1" in page and ">gold: negative<" in page and ">error<" in page and "looks right" in page
    assert "gold for 2, 1 predicted otherwise" in page
    unscored = render_html([hand_doc("a", {})], extras=[{"gold": "negative"}])
    assert 'class="card"' in unscored and "gold for 1, 0 predicted otherwise" in unscored


def test_extras_must_align_with_the_docs():
    with pytest.raises(ValueError, match="2 entries for 3 docs"):
        render_html([hand_doc("a")] * 3, extras=[None, None])
    with pytest.raises(ValueError, match="4 entries for 3 docs"):
        render_html([hand_doc("a")] * 3, extras=[None] * 4, max_docs=2)
    with pytest.raises(TypeError):
        render_html([hand_doc("a")], extras=[{"gold_label": "negative"}])
    with pytest.raises(ValueError, match="scale must be positive"):
        render_html([hand_doc("a")], scale=0)


def test_a_lone_badge_string_is_one_badge():
    assert DocExtras(badges="error").badges == ("error",)


def test_max_docs_shows_the_first_docs_and_reads_a_stream_no_further():
    taken = []

    def stream():
        for index in range(10):
            taken.append(index)
            yield hand_doc(f"post {index}")

    page = render_html(stream(), max_docs=3)
    assert len(elements(page, "card")) == 3 and taken == [0, 1, 2]
    assert "3 of 10 posts" in render_html([hand_doc("a")] * 10, max_docs=3)


def test_labels_outside_the_defaults_get_a_stable_colour():
    assert label_colour("sarcastic") == label_colour("sarcastic")
    assert label_colour("positive") != label_colour("negative")
    page = render_html([hand_doc("a", {"joy": 0.9, "anger": 0.1})])
    assert ">joy<" in page and label_colour("joy") in page


def test_docs_explained_by_the_trained_pipeline(trained_nlp):
    texts = ["love the crew , thanks", "my flight is delayed again", "when is the gate"]
    docs = list(explain(trained_nlp, texts))
    page = render_html(docs, extras=[{"gold": gold} for gold in ("positive", "negative", "neutral")])
    assert len(elements(page, "card")) == 3
    assert len(elements(page, "att", "span")) == sum(len(doc) for doc in docs)
    assert page.count('class="totals"') == 3 and ">not explained<" not in page
    for doc in docs:
        assert f">{doc._.sentiment}<" in page


def test_sentences_scored_by_the_trained_pipeline(trained_nlp):
    doc = trained_nlp.make_doc("love the crew . my flight is delayed")
    for token in doc:
        token.is_sent_start = token.i in (0, 4)
    (explained,) = explain(trained_nlp, [doc])
    page = render_html([explained])
    assert len(elements(page, "sent")) == 2 and ">not scored<" not in page
    for sentence in explained.sents:
        assert f"{sentence._.polarity:+.2f}".replace("-", "−") in page


def test_empty_blank_and_emoji_only_docs_render(trained_nlp):
    docs = list(explain(trained_nlp, ["", "   ", "😀🎉", "😡"]))
    page = render_html(docs)
    assert len(elements(page, "card")) == 4
    assert page.count("(empty post)") == 2
    assert "😀" in page and "🎉" in page and "😡" in page
    assert render_html([]).count("<article") == 0 and "0 posts" in render_html([])


def test_the_error_page_shows_the_most_confident_errors_then_correct_posts(trained_pipeline_dir, tmp_path):
    import spacy
    from spacy.tokens import DocBin

    from spacy_lstm_sentiment.explanations.error_page import error_page

    from conftest import LABELS, make_texts

    nlp = spacy.blank("en")
    texts = make_texts(30, seed=9)
    wrong_gold = {0, 1, 2}  # mislabel three posts so some errors exist
    bin_ = DocBin()
    for i, (text, gold) in enumerate(texts):
        doc = nlp.make_doc(text)
        label = LABELS[(LABELS.index(gold) + 1) % 3] if i in wrong_gold else gold
        doc.cats = {name: float(name == label) for name in LABELS}
        bin_.add(doc)
    bin_.to_disk(tmp_path / "test.spacy")
    page, counts = error_page(trained_pipeline_dir, tmp_path / "test.spacy", errors=2, correct=4, steps=2)
    assert counts["docs"] == 30 and counts["shown_errors"] == min(2, counts["errors"])
    assert page.count("<article class=\"card") == counts["shown_errors"] + counts["shown_correct"]
    assert page.count('class="badge flag">error<') == counts["shown_errors"]
