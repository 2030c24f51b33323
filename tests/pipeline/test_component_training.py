"""Training: overfitting every cell and pooling, seeds, dropout forwarding, the CE loss, precision, averages."""
import numpy
import pytest
import spacy
import torch
from spacy.training import Example
from thinc.api import Adam, fix_random_seed, set_dropout_rate
from torch.nn import functional as F

from spacy_lstm_sentiment.ml.nn.batch import TorchBatch

from conftest import LABELS, SMALL_MODEL, make_examples, make_texts, train_small_pipeline

PROBE_TEXTS = [t for t, _ in make_texts(9, seed=42)] + ["", "not bad at all", "😀"]


def scores_of(nlp, texts=PROBE_TEXTS) -> numpy.ndarray:
    return numpy.array([[doc.cats[label] for label in LABELS] for doc in nlp.pipe(texts)])


@pytest.mark.parametrize("pooling", ["max", "mean", "last", "attention"])
@pytest.mark.parametrize("rnn_type", ["lstm", "gru", "peephole"])
def test_overfits_a_tiny_dataset(rnn_type, pooling):
    fix_random_seed(0)
    nlp = spacy.blank("en")
    model = {**SMALL_MODEL, "rnn_type": rnn_type, "pooling": pooling}
    nlp.add_pipe("lstm_sentiment", config={"pretrained": None, "model": model})
    texts = make_texts(15, seed=1)
    examples = make_examples(nlp, texts)
    optimizer = nlp.initialize(lambda: examples, sgd=Adam(0.01))
    losses = []
    for _ in range(40):
        step = {}
        nlp.update(examples, sgd=optimizer, drop=0.0, losses=step)
        losses.append(step["lstm_sentiment"])
    predicted = [doc._.sentiment for doc in nlp.pipe(t for t, _ in texts)]
    assert predicted == [gold for _, gold in texts]
    assert losses[0] == pytest.approx(numpy.log(3), abs=0.1)  # starts near uniform
    assert losses[-1] < 0.05 * losses[0]
    assert numpy.mean(losses[-5:]) < numpy.mean(losses[:5])


def test_same_seed_same_scores_different_seed_different_scores():
    first = scores_of(train_small_pipeline(n_steps=5, seed=3))
    second = scores_of(train_small_pipeline(n_steps=5, seed=3))
    other = scores_of(train_small_pipeline(n_steps=5, seed=4))
    numpy.testing.assert_array_equal(first, second)
    assert numpy.abs(first - other).max() > 1e-3


# --- dropout ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fresh_nlp():
    """A pipeline of this module's own: the dropout tests change its model's dropout rate."""
    return train_small_pipeline(n_steps=2, seed=5)


def train_mode_outputs(nlp, rate: float, texts=PROBE_TEXTS[:6]):
    model = nlp.get_pipe("lstm_sentiment").model
    set_dropout_rate(model, rate)
    docs = [nlp.make_doc(t) for t in texts]
    first, _ = model.begin_update(docs)
    second, _ = model.begin_update(docs)
    return model.ops.to_numpy(first), model.ops.to_numpy(second)


def test_dropout_rate_reaches_torch(fresh_nlp):
    first, second = train_mode_outputs(fresh_nlp, 0.5)
    assert numpy.abs(first - second).max() > 1e-4


def test_zero_dropout_train_mode_is_deterministic_and_equals_predict(fresh_nlp):
    first, second = train_mode_outputs(fresh_nlp, 0.0)
    numpy.testing.assert_array_equal(first, second)
    pipe = fresh_nlp.get_pipe("lstm_sentiment")
    predicted = pipe.predict([fresh_nlp.make_doc(t) for t in PROBE_TEXTS[:6]])
    numpy.testing.assert_allclose(first, predicted, atol=1e-6)


def test_prediction_ignores_the_dropout_rate(fresh_nlp):
    pipe = fresh_nlp.get_pipe("lstm_sentiment")
    docs = [fresh_nlp.make_doc(t) for t in PROBE_TEXTS[:6]]
    set_dropout_rate(pipe.model, 0.0)
    reference = pipe.predict(docs)
    set_dropout_rate(pipe.model, 0.7)
    numpy.testing.assert_array_equal(pipe.predict(docs), reference)
    numpy.testing.assert_array_equal(pipe.predict(docs), reference)
    set_dropout_rate(pipe.model, 0.0)


def test_word_dropout_acts_in_training_only():
    nlp = train_small_pipeline(n_steps=1, seed=6, word_dropout=0.5)
    first, second = train_mode_outputs(nlp, 0.0)
    assert numpy.abs(first - second).max() > 1e-5
    pipe = nlp.get_pipe("lstm_sentiment")
    docs = [nlp.make_doc(t) for t in PROBE_TEXTS[:6]]
    numpy.testing.assert_array_equal(pipe.predict(docs), pipe.predict(docs))


# --- loss and gradient ---------------------------------------------------------------------


def test_get_loss_is_mean_cross_entropy_with_its_logit_gradient(trained_nlp):
    pipe = trained_nlp.get_pipe("lstm_sentiment")
    texts = make_texts(7, seed=9)
    examples = make_examples(trained_nlp, texts)
    probs = pipe.predict([eg.predicted for eg in examples])
    truths = numpy.array([[float(label == gold) for label in pipe.labels] for _, gold in texts], dtype="f")
    loss, grad = pipe.get_loss(examples, probs)
    n = len(examples)
    numpy.testing.assert_allclose(grad, (probs - truths) / n, atol=1e-7)
    expected_loss = -numpy.log(probs[truths.astype(bool)]).sum() / n
    assert loss == pytest.approx(expected_loss, rel=1e-5)


def test_examples_without_a_gold_label_carry_no_loss(trained_nlp):
    pipe = trained_nlp.get_pipe("lstm_sentiment")
    texts = make_texts(4, seed=10)
    examples = make_examples(trained_nlp, texts)
    examples.insert(1, Example.from_dict(trained_nlp.make_doc("no gold here"), {"cats": {}}))
    probs = pipe.predict([eg.predicted for eg in examples])
    loss, grad = pipe.get_loss(examples, probs)
    assert not grad[1].any()
    labelled = [0, 2, 3, 4]
    truths = numpy.array([[float(label == gold) for label in pipe.labels] for _, gold in texts], dtype="f")
    numpy.testing.assert_allclose(grad[labelled], (probs[labelled] - truths) / 4, atol=1e-7)
    assert loss == pytest.approx(-numpy.log(probs[labelled][truths.astype(bool)]).sum() / 4, rel=1e-5)


@pytest.mark.parametrize(
    "model",
    [{}, {"rnn_type": "peephole", "pooling": "attention", "ngram_sizes": [1, 2], "ngram_rows": 500}],
    ids=["lstm-max", "peephole-attention-ngrams"],
)
def test_backprop_gives_torch_the_cross_entropy_gradient(model):
    """The parameter gradients of update's path equal those of torch's own cross-entropy on the logits."""
    nlp = train_small_pipeline(n_steps=2, seed=7, **model)
    pipe = nlp.get_pipe("lstm_sentiment")
    model, net = pipe.model, pipe.model.net
    examples = make_examples(nlp, make_texts(6, seed=11))
    docs = [eg.predicted for eg in examples]
    set_dropout_rate(model, 0.0)

    net.zero_grad()
    probs, backprop = model.begin_update(docs)
    loss, d_scores = pipe.get_loss(examples, probs)
    backprop(d_scores)
    ours = {name: p.grad.clone() for name, p in net.named_parameters() if p.grad is not None}

    net.zero_grad()
    features = model.get_ref("featurizer").predict(docs)
    logits = net(TorchBatch.from_features(features, torch.device("cpu")), dropout=0.0)
    gold = torch.tensor([pipe.labels.index(max(eg.reference.cats, key=eg.reference.cats.get)) for eg in examples])
    torch_loss = F.cross_entropy(logits, gold)
    torch_loss.backward()
    assert loss == pytest.approx(torch_loss.item(), rel=1e-5)
    assert ours.keys() == {name for name, p in net.named_parameters() if p.grad is not None}
    for name, p in net.named_parameters():
        if p.grad is not None:
            torch.testing.assert_close(ours[name], p.grad, atol=1e-6, rtol=1e-4, msg=name)
    net.zero_grad()


# --- mixed_precision on a CPU ----------------------------------------------------------------


def test_mixed_precision_predicts_on_cpu_like_full_precision():
    plain = spacy.blank("en")
    plain.add_pipe("lstm_sentiment", config={"pretrained": None, "model": SMALL_MODEL})
    fix_random_seed(0)
    plain.initialize()
    mixed = spacy.blank("en")
    mixed.add_pipe("lstm_sentiment", config={"pretrained": None, "model": {**SMALL_MODEL, "mixed_precision": True}})
    fix_random_seed(0)
    mixed.initialize()
    mixed.from_bytes(plain.to_bytes())
    numpy.testing.assert_allclose(scores_of(mixed), scores_of(plain), atol=1e-6)


def test_mixed_precision_is_ignored_when_training_on_cpu():
    mixed = scores_of(train_small_pipeline(n_steps=3, seed=0, mixed_precision=True))
    plain = scores_of(train_small_pipeline(n_steps=3, seed=0))
    numpy.testing.assert_allclose(mixed, plain, atol=1e-6)


def test_optimizer_parameter_averages_reach_the_torch_weights_and_are_restored():
    """spaCy evaluates and saves model-best inside nlp.use_params(optimizer.averages)."""
    fix_random_seed(0)
    nlp = spacy.blank("en")
    nlp.add_pipe("lstm_sentiment", config={"pretrained": None, "model": SMALL_MODEL})
    examples = make_examples(nlp, make_texts(20, seed=5))
    optimizer = nlp.initialize(lambda: examples, sgd=Adam(0.01, use_averages=True))
    for _ in range(15):
        nlp.update(examples, sgd=optimizer)
    net = nlp.get_pipe("lstm_sentiment").model.net
    raw_weights = {name: param.detach().clone() for name, param in net.named_parameters()}
    raw_scores = scores_of(nlp)
    with nlp.use_params(optimizer.averages):
        averaged_scores = scores_of(nlp)
        shim_id = nlp.get_pipe("lstm_sentiment").model.get_ref("torch_layer").shims[0].id
        for name, param in net.named_parameters():
            numpy.testing.assert_allclose(param.detach().numpy(), optimizer.averages[(shim_id, name)], atol=1e-6)
    assert numpy.abs(averaged_scores - raw_scores).max() > 1e-3
    for name, param in net.named_parameters():
        assert torch.equal(param, raw_weights[name])
    numpy.testing.assert_allclose(scores_of(nlp), raw_scores, atol=1e-6)
