"""The fused CPU inference kernel computes what embeddings + nn.LSTM compute, and follows the weights."""
import numpy
import pytest
import torch

from spacy_lstm_sentiment.ml.featurize.features import DocFeatures
from spacy_lstm_sentiment.ml.featurize.packing import layout_batch
from spacy_lstm_sentiment.ml.nn.batch import TorchBatch
from spacy_lstm_sentiment.ml.nn.network import SentimentNet

ROWS = (50, 20, 7)
STATIC_WIDTH = 5


def make_net(seed: int, *, depth: int = 1, bidirectional: bool = False, static_width: int = 0, rnn_type: str = "lstm"):
    torch.manual_seed(seed)
    net = SentimentNet(
        n_labels=3,
        rows=ROWS,
        embed_width=6,
        static_width=static_width,
        rnn_type=rnn_type,
        hidden_width=8,
        depth=depth,
        bidirectional=bidirectional,
        pooling="max",
        word_dropout=0.0,
        ngram_rows=30,
    )
    with torch.no_grad():  # biases and n-gram weights start at zero: give them values worth checking
        for param in net.parameters():
            param.add_(torch.randn_like(param) * 0.3)
    return net.eval()


def make_features(seed: int, lengths, max_length: int = 1000, static_width: int = 0) -> DocFeatures:
    rng = numpy.random.default_rng(seed)
    layout = layout_batch(numpy.asarray(lengths), max_length)
    ids = numpy.stack([rng.integers(0, rows, size=layout.n_tokens) for rows in ROWS], axis=1)
    n_ngrams = 2 * layout.n_tokens
    vectors = rng.normal(size=(layout.n_tokens, static_width)).astype("float32") if static_width else None
    return DocFeatures(
        ids=ids.astype(numpy.int64),
        vectors=vectors,
        layout=layout,
        ngram_ids=rng.integers(0, 30, size=n_ngrams).astype(numpy.int64),
        ngram_offsets=numpy.arange(0, n_ngrams, 2, dtype=numpy.int64)[: layout.n_docs],
    )


def make_batch(seed: int, lengths, max_length: int = 1000, static_width: int = 0) -> TorchBatch:
    return TorchBatch.from_features(make_features(seed, lengths, max_length, static_width), torch.device("cpu"))


def reference_logits(net: SentimentNet, batch: TorchBatch) -> torch.Tensor:
    with torch.no_grad():  # the plain embeddings + nn.LSTM path
        return net(batch)


def fused_logits(net: SentimentNet, batch: TorchBatch) -> torch.Tensor:
    with torch.inference_mode():
        return net(batch, fast_inference=True)


def refuse(*args, **kwargs):
    raise AssertionError("nn.LSTM ran where the fused kernel should have")


LENGTHS = [[1], [5, 1, 9, 3, 3, 12], [40, 2, 17], [7] * 6]


@pytest.mark.parametrize(
    "depth,bidirectional,static_width", [(1, False, 0), (1, True, 0), (2, False, 0), (2, True, STATIC_WIDTH)]
)
@pytest.mark.parametrize("lengths", LENGTHS)
def test_fused_kernel_matches_embeddings_and_nn_lstm(depth, bidirectional, static_width, lengths, monkeypatch):
    net = make_net(0, depth=depth, bidirectional=bidirectional, static_width=static_width)
    for max_length in (1000, 4):  # whole docs, and docs cut into chunks
        batch = make_batch(1, lengths, max_length, static_width)
        expected = reference_logits(net, batch)
        with monkeypatch.context() as patched:
            patched.setattr(net.encoder.rnn, "forward", refuse)
            got = fused_logits(net, batch)
        torch.testing.assert_close(got, expected, atol=2e-5, rtol=1e-4)


def test_fused_scores_of_a_doc_do_not_depend_on_its_batch_mates():
    net = make_net(2)
    features = make_features(3, [6, 30, 2, 11])
    first_doc = DocFeatures(
        ids=features.ids[:6],
        vectors=None,
        layout=layout_batch(numpy.asarray([6]), 1000),
        ngram_ids=features.ngram_ids[:2],
        ngram_offsets=features.ngram_offsets[:1],
    )
    alone = fused_logits(net, TorchBatch.from_features(first_doc, torch.device("cpu")))
    together = fused_logits(net, TorchBatch.from_features(features, torch.device("cpu")))
    torch.testing.assert_close(alone[0], together[0], atol=1e-5, rtol=1e-5)


def test_fused_kernel_follows_in_place_weight_updates_and_replaced_layers():
    net = make_net(4, bidirectional=True)
    batch = make_batch(5, [4, 9, 1])
    before = fused_logits(net, batch)
    with torch.no_grad():
        net.embeddings[1].weight.mul_(-2.0)
        net.encoder.rnn.weight_hh_l0_reverse.add_(0.5)
    after = fused_logits(net, batch)
    assert (after - before).abs().max() > 1e-3
    torch.testing.assert_close(after, reference_logits(net, batch), atol=2e-5, rtol=1e-4)
    net.reshape(n_labels=3, static_width=STATIC_WIDTH)  # a new encoder with new parameters
    batch = make_batch(5, [4, 9, 1], static_width=STATIC_WIDTH)
    torch.testing.assert_close(fused_logits(net, batch), reference_logits(net, batch), atol=2e-5, rtol=1e-4)


def test_training_and_gradients_still_go_through_nn_lstm(monkeypatch):
    net = make_net(6)
    batch = make_batch(7, [3, 8])
    calls = []
    original = net.encoder.rnn.forward
    monkeypatch.setattr(net.encoder.rnn, "forward", lambda *a, **k: calls.append(1) or original(*a, **k))
    net.train()
    net(batch).sum().backward()
    net.eval()
    reference_logits(net, batch)
    assert len(calls) == 2
    assert net.encoder.rnn.weight_hh_l0.grad is not None


@pytest.mark.parametrize("rnn_type", ["gru", "peephole"])
def test_other_encoders_keep_their_own_path(rnn_type):
    net = make_net(8, rnn_type=rnn_type)
    batch = make_batch(9, [5, 2])
    torch.testing.assert_close(fused_logits(net, batch), reference_logits(net, batch))
