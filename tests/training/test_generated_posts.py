"""Generated training posts: deterministic, valid label distributions, every family, read with the corpus."""
import pytest
import spacy
from spacy.tokens import DocBin

from spacy_lstm_sentiment.training.generated.augmented_corpus import augmented_corpus, check_texts
from spacy_lstm_sentiment.training.generated.templates import FAMILIES, generate_posts, normal_form

from conftest import LABELS, make_texts


def test_the_same_seed_gives_the_same_posts_and_another_seed_others():
    assert generate_posts(200, seed=3) == generate_posts(200, seed=3)
    assert generate_posts(200, seed=3) != generate_posts(200, seed=4)


def test_every_post_has_text_and_a_distribution_over_known_labels():
    for text, distribution in generate_posts(2000, seed=0):
        assert text.strip() and "{" not in text and "  " not in text
        assert set(distribution) <= set(LABELS)
        assert sum(distribution.values()) == pytest.approx(1.0)


POLAR, NOT_POSITIVE = {"positive", "negative"}, {"negative", "neutral"}  # max of a soft label: neutral
EXPECTED_LABELS = {
    "polar_statement": POLAR,
    "negation": NOT_POSITIVE,
    "long_negation": NOT_POSITIVE,
    "negated_neutral": {"neutral"},
    "no_problem": {"neutral"},
    "expectation": NOT_POSITIVE,
    "answered_question": POLAR | {"neutral"},
    "contrast": POLAR,
    "neutral_fact": {"neutral"},
    "neutral_mention": {"neutral"},
    "emoji": POLAR,
    "identity": POLAR | {"neutral"},
    "emphasis": POLAR,
}


def test_every_family_has_its_expected_labels():
    assert set(EXPECTED_LABELS) == set(FAMILIES)


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_each_family_labels_by_what_the_post_says(family):
    import random

    make, _ = FAMILIES[family]
    rng = random.Random(1)
    labels = {max(distribution, key=distribution.get) for _, distribution in (make(rng) for _ in range(300))}
    assert labels == EXPECTED_LABELS[family]


def test_no_generated_training_post_is_a_check_suite_text(tmp_path):
    """Training on the check suite would only teach the suite."""
    nlp = spacy.blank("en")
    DocBin().to_disk(tmp_path / "empty.spacy")
    generated = [eg.reference.text for eg in augmented_corpus(str(tmp_path / "empty.spacy"), generated=20000)(nlp)]
    assert len(generated) == 20000
    assert not {normal_form(text) for text in generated} & check_texts()
    first = normal_form(generate_posts(1)[0][0])
    assert first not in {normal_form(text) for text, _ in generate_posts(50, exclude={first})}  # the guard works


def test_the_reader_yields_the_corpus_then_the_generated_posts(tmp_path):
    nlp = spacy.blank("en")
    bin_ = DocBin()
    for text, gold in make_texts(5):
        doc = nlp.make_doc(text)
        doc.cats = {label: float(label == gold) for label in LABELS}
        bin_.add(doc)
    bin_.to_disk(tmp_path / "train.spacy")
    examples = list(augmented_corpus(str(tmp_path / "train.spacy"), generated=7, seed=2)(nlp))
    assert len(examples) == 12
    assert [eg.reference.text for eg in examples[:5]] == [t for t, _ in make_texts(5)]
    generated = [text for text, _ in generate_posts(7, seed=2, exclude=check_texts())]
    assert [eg.reference.text for eg in examples[5:]] == generated
    assert all(set(eg.reference.cats) == set(LABELS) for eg in examples)
