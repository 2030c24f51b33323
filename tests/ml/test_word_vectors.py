"""Word vectors the model owns (`vectors_in_model`): copied from the vocab at initialize, then read from
the model alone, in any pipeline, through the fused kernel as through the training path."""
import numpy
import pytest
import spacy
import torch
from thinc.api import fix_random_seed

from spacy_lstm_sentiment.ml.featurize.features import featurize
from spacy_lstm_sentiment.ml.nn.batch import TorchBatch

from conftest import SMALL_MODEL, make_examples, make_texts

WIDTH = 5
WORDS = ["love", "great", "hate", "awful", "gate", "when", "rare"]  # vocab order: "rare" is the least frequent
PROBES = ["I love this gate", "awful, just awful", "words without vectors", "", "   ", "LOVE"]


@pytest.fixture(scope="module")
def owner():
    fix_random_seed(0)
    nlp = spacy.blank("en")
    rng = numpy.random.default_rng(0)
    for word in WORDS:
        nlp.vocab.set_vector(word, rng.normal(size=WIDTH).astype("float32"))
    nlp.add_pipe("lstm_sentiment", config={"pretrained": None, "model": {**SMALL_MODEL, "vectors_in_model": 6}})
    examples = make_examples(nlp, make_texts(30))
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(5):
        nlp.update(examples, sgd=optimizer)
    return nlp


def test_the_most_frequent_words_are_copied_into_the_model_and_stay_frozen(owner):
    model = owner.get_pipe("lstm_sentiment").model
    table = model.net.word_vectors.weight
    assert tuple(table.shape) == (7, WIDTH) and not table.requires_grad and not table[0].any()
    keys = model.get_ref("featurizer").attrs["word_vectors"]
    rows = keys.lookup(numpy.asarray([owner.vocab.strings[w] for w in [*WORDS, "unseen"]], dtype=numpy.uint64))
    assert rows.tolist()[:6] != [0] * 6 and rows[-2:].tolist() == [0, 0]  # "rare" (7th) and unseen: no vector
    vocab_love = owner.vocab.get_vector("love")
    assert numpy.allclose(table[rows[0]].numpy(), vocab_love)


def test_a_saved_model_scores_the_same_in_a_pipeline_without_vectors(owner, tmp_path):
    owner.to_disk(tmp_path / "p")
    elsewhere = spacy.blank("en")  # no vectors in this vocab: the model brings its own
    elsewhere.add_pipe("lstm_sentiment", config={"pretrained": str(tmp_path / "p"), "model": {
        **SMALL_MODEL, "vectors_in_model": 6}})
    for text in PROBES:
        assert elsewhere(text).cats == pytest.approx(owner(text).cats, abs=1e-6)
    owner.vocab.set_vector("love", numpy.full(WIDTH, 3.0, dtype="float32"))  # the vocab's vectors no longer matter
    assert owner("I love this gate").cats == pytest.approx(elsewhere("I love this gate").cats, abs=1e-6)


def test_the_fused_kernel_reads_the_vectors_as_the_training_path_does(owner):
    model = owner.get_pipe("lstm_sentiment").model
    docs = [owner.make_doc(text) for text in PROBES]
    batch = TorchBatch.from_features(featurize(model.get_ref("featurizer"), docs), torch.device("cpu"))
    net = model.net
    net.eval()
    with torch.no_grad():
        fused, plain = net(batch, fast_inference=True), net(batch, fast_inference=False)
    net.train()
    assert torch.allclose(fused, plain, atol=1e-5)


def test_initializing_without_vectors_in_the_vocab_says_what_to_do_or_reads_en_socials_in_english():
    german = spacy.blank("de")
    model = {**SMALL_MODEL, "vectors_in_model": 10}
    german.add_pipe("lstm_sentiment", config={"pretrained": None, "model": model})
    with pytest.raises(ValueError, match=r"\[initialize\] vectors"):
        german.initialize(lambda: make_examples(german, make_texts(6)))
    english = spacy.blank("en")
    english.add_pipe("lstm_sentiment", config={"pretrained": None, "model": model})
    english.initialize(lambda: make_examples(english, make_texts(6)))
    shipped = spacy.blank("en").add_pipe("lstm_sentiment").model.net.word_vectors.weight
    assert torch.equal(english.get_pipe("lstm_sentiment").model.net.word_vectors.weight, shipped)
