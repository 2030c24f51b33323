"""The torch-side building blocks against straightforward references: packing, encoders, pooling, features."""
import numpy
import pytest
import spacy
import torch
from torch.nn.utils.rnn import pack_sequence

from spacy_lstm_sentiment.ml.featurize.features import DocFeatures, doc_features
from spacy_lstm_sentiment.ml.featurize.hashing import EMPTY_ROW
from spacy_lstm_sentiment.ml.featurize.packing import layout_batch, split_into_sequences
from spacy_lstm_sentiment.ml.nn.batch import TorchBatch
from spacy_lstm_sentiment.ml.nn.encoders import PeepholeLSTMEncoder, TorchRNNEncoder
from spacy_lstm_sentiment.ml.nn.pooling import AttentionPool, LastPool, max_pool, mean_pool

# (seed, n_docs, max_doc_length, max_length): ties, single-token docs, docs far longer than max_length
LAYOUT_CASES = [
    (0, 1, 1, 5),
    (1, 7, 12, 1000),
    (2, 20, 30, 7),
    (3, 13, 9, 1),
    (4, 40, 60, 16),
    (5, 5, 4, 4),
]


def random_lengths(seed: int, n_docs: int, max_doc_length: int) -> numpy.ndarray:
    rng = numpy.random.default_rng(seed)
    return rng.integers(1, max_doc_length + 1, size=n_docs)


def chunks_of(lengths: numpy.ndarray, max_length: int):
    """Flat token indices of every RNN sequence: each doc cut into pieces of at most max_length."""
    chunks, start = [], 0
    for length in lengths:
        for offset in range(0, int(length), max_length):
            stop = start + min(offset + max_length, int(length))
            chunks.append(torch.arange(start + offset, stop))
        start += int(length)
    return chunks


def batch_for(lengths, max_length: int = 1000, n_attrs: int = 1) -> TorchBatch:
    layout = layout_batch(numpy.asarray(lengths), max_length)
    features = DocFeatures(
        ids=numpy.ones((layout.n_tokens, n_attrs), dtype=numpy.int64),
        vectors=None,
        layout=layout,
        ngram_ids=numpy.zeros(0, dtype=numpy.int64),
        ngram_offsets=numpy.zeros(layout.n_docs, dtype=numpy.int64),
    )
    return TorchBatch.from_features(features, torch.device("cpu"))


@pytest.mark.parametrize("seed,n_docs,max_doc_length,max_length", LAYOUT_CASES)
def test_layout_matches_torch_pack_sequence(seed, n_docs, max_doc_length, max_length):
    lengths = random_lengths(seed, n_docs, max_doc_length)
    layout = layout_batch(lengths, max_length)
    chunks = chunks_of(lengths, max_length)
    n_tokens = int(lengths.sum())

    # torch sorts sequences longest first but breaks ties arbitrarily (torch.sort is not stable);
    # the layout breaks them in flat order. Exact comparison against the stable order...
    stable = sorted(range(len(chunks)), key=lambda i: -len(chunks[i]))
    for reverse, positions in ((False, layout.forward_positions), (True, layout.backward_positions)):
        sequences = [chunks[i].flip(0) if reverse else chunks[i] for i in stable]
        expected = pack_sequence(sequences, enforce_sorted=True)
        ours = numpy.empty(n_tokens, dtype=numpy.int64)
        ours[positions] = numpy.arange(n_tokens)
        numpy.testing.assert_array_equal(ours, expected.data.numpy())
        numpy.testing.assert_array_equal(layout.batch_sizes, expected.batch_sizes.numpy())
        # ...and, time step by time step, the same tokens as torch's own enforce_sorted=False packing
        unsorted = pack_sequence([c.flip(0) if reverse else c for c in chunks], enforce_sorted=False)
        numpy.testing.assert_array_equal(layout.batch_sizes, unsorted.batch_sizes.numpy())
        bounds = numpy.cumsum(numpy.concatenate(([0], layout.batch_sizes)))
        for start, stop in zip(bounds[:-1], bounds[1:]):
            assert sorted(ours[start:stop]) == sorted(unsorted.data[start:stop].tolist())

    numpy.testing.assert_array_equal(layout.seq_lengths, [len(c) for c in chunks])
    numpy.testing.assert_array_equal(layout.token_doc, numpy.repeat(numpy.arange(n_docs), lengths))
    numpy.testing.assert_array_equal(layout.first_token, numpy.cumsum(lengths) - lengths)
    numpy.testing.assert_array_equal(layout.last_token, numpy.cumsum(lengths) - 1)


def test_split_into_sequences_chunks_each_doc():
    numpy.testing.assert_array_equal(split_into_sequences(numpy.array([8, 3, 9, 1]), 4), [4, 4, 3, 4, 4, 1, 1])


@pytest.mark.parametrize("lengths", [[], [3, 0, 2]])
def test_layout_rejects_empty_batches_and_zero_length_docs(lengths):
    with pytest.raises(ValueError):
        layout_batch(numpy.array(lengths, dtype=numpy.int64), 8)


# --- encoders on packed flat tokens against per-sequence references ---------------------------


def reference_peephole(layer, inputs: torch.Tensor) -> torch.Tensor:
    """One sequence through the peephole LSTM equations, written out step by step."""
    width = layer.hidden_width
    w_ih, b_ih, w_hh = layer.input_gates.weight, layer.input_gates.bias, layer.hidden_gates.weight
    p_in, p_forget, p_out = layer.peepholes
    h = torch.zeros(width)
    c = torch.zeros(width)
    outputs = []
    for x in inputs:
        gates = w_ih @ x + b_ih + w_hh @ h
        i, f, g, o = gates[:width], gates[width : 2 * width], gates[2 * width : 3 * width], gates[3 * width :]
        i = torch.sigmoid(i + p_in * c)
        f = torch.sigmoid(f + p_forget * c)
        c = f * c + i * torch.tanh(g)
        h = torch.sigmoid(o + p_out * c) * torch.tanh(c)
        outputs.append(h)
    return torch.stack(outputs)


@pytest.mark.parametrize("bidirectional", [False, True])
def test_peephole_encoder_matches_per_sequence_reference(bidirectional):
    torch.manual_seed(0)
    lengths, max_length = [5, 1, 12, 3], 4
    encoder = PeepholeLSTMEncoder(6, 5, depth=1, bidirectional=bidirectional)
    with torch.no_grad():  # non-zero peepholes, so a mix-up of cell states would show
        for directions in encoder.layers:
            for layer in directions:
                layer.peepholes.normal_()
    inputs = torch.randn(sum(lengths), 6)
    batch = batch_for(lengths, max_length)
    with torch.no_grad():
        out = encoder(inputs, batch.packing, dropout=0.0)
        expected = torch.zeros_like(out)
        for chunk in chunks_of(numpy.array(lengths), max_length):
            forward_layer = encoder.layers[0][0]
            expected[chunk, :5] = reference_peephole(forward_layer, inputs[chunk])
            if bidirectional:
                backward_layer = encoder.layers[0][1]
                expected[chunk, 5:] = reference_peephole(backward_layer, inputs[chunk].flip(0)).flip(0)
    torch.testing.assert_close(out, expected, atol=1e-5, rtol=1e-5)


@pytest.mark.parametrize("cell", ["lstm", "gru"])
@pytest.mark.parametrize("bidirectional", [False, True])
def test_torch_rnn_encoder_matches_running_each_sequence_alone(cell, bidirectional):
    torch.manual_seed(1)
    lengths, max_length = [7, 2, 15, 1, 4], 5
    encoder = TorchRNNEncoder(cell, 6, 4, depth=2, bidirectional=bidirectional).eval()
    inputs = torch.randn(sum(lengths), 6)
    with torch.no_grad():
        out = encoder(inputs, batch_for(lengths, max_length).packing, dropout=0.0)
        expected = torch.zeros_like(out)
        for chunk in chunks_of(numpy.array(lengths), max_length):
            expected[chunk] = encoder.rnn(inputs[chunk])[0]  # one unbatched sequence, no packing at all
    torch.testing.assert_close(out, expected, atol=1e-5, rtol=1e-5)


# --- pooling against per-doc loops ---------------------------------------------------------


POOL_LENGTHS = [[1], [3, 1, 8, 2, 5], [20, 1, 1]]


@pytest.mark.parametrize("lengths", POOL_LENGTHS)
def test_max_and_mean_pool_match_per_doc_loops(lengths):
    torch.manual_seed(2)
    hidden = torch.randn(sum(lengths), 6) - 3.0  # all negative: a zero-initialised max would show
    batch = batch_for(lengths)
    starts = numpy.cumsum([0] + lengths[:-1])
    expected_max = torch.stack([hidden[s : s + n].max(dim=0).values for s, n in zip(starts, lengths)])
    expected_mean = torch.stack([hidden[s : s + n].mean(dim=0) for s, n in zip(starts, lengths)])
    torch.testing.assert_close(max_pool(hidden, batch.packing), expected_max)
    torch.testing.assert_close(mean_pool(hidden, batch.packing), expected_mean)


@pytest.mark.parametrize("lengths", POOL_LENGTHS)
@pytest.mark.parametrize("bidirectional", [False, True])
def test_last_pool_takes_final_states_of_each_direction(lengths, bidirectional):
    torch.manual_seed(3)
    width = 8
    hidden = torch.randn(sum(lengths), width)
    pool = LastPool(width, bidirectional)
    starts = numpy.cumsum([0] + lengths[:-1])
    rows = []
    for s, n in zip(starts, lengths):
        if bidirectional:  # forward half: after reading the doc; backward half: after reading it backwards
            rows.append(torch.cat((hidden[s + n - 1, : width // 2], hidden[s, width // 2 :])))
        else:
            rows.append(hidden[s + n - 1])
    torch.testing.assert_close(pool(hidden, batch_for(lengths).packing), torch.stack(rows))


@pytest.mark.parametrize("lengths", POOL_LENGTHS)
def test_attention_pool_matches_per_doc_softmax(lengths):
    torch.manual_seed(4)
    pool = AttentionPool(6)
    hidden = torch.randn(sum(lengths), 6) * 5  # large scores: exercises the max subtraction
    starts = numpy.cumsum([0] + lengths[:-1])
    with torch.no_grad():
        rows = []
        for s, n in zip(starts, lengths):
            h = hidden[s : s + n]
            weights = torch.softmax(pool.score(h).squeeze(1), dim=0)
            rows.append((weights.unsqueeze(1) * h).sum(dim=0))
        torch.testing.assert_close(pool(hidden, batch_for(lengths).packing), torch.stack(rows), atol=1e-5, rtol=1e-5)


# --- featurizer ---------------------------------------------------------------------------


def test_featurizer_rows_in_range_empty_docs_and_ngrams_within_docs():
    nlp = spacy.blank("en")
    texts = ["the crew was great", "", "bad", "so so so delayed again"]
    docs = [nlp.make_doc(t) for t in texts]
    rows = [50, 7]
    model = doc_features(["NORM", "SHAPE"], rows, max_length=3, include_static_vectors=False,
                         ngram_sizes=[1, 2], ngram_rows=97)
    features = model.predict(docs)
    lengths = [max(len(d), 1) for d in docs]
    numpy.testing.assert_array_equal(features.layout.doc_lengths, lengths)
    ids = features.ids
    assert ids.shape == (sum(lengths), 2)
    empty_position = features.layout.first_token[1]
    assert (ids[empty_position] == EMPTY_ROW).all()
    real = numpy.delete(ids, empty_position, axis=0)
    assert (real >= 1).all() and (real[:, 0] < rows[0]).all() and (real[:, 1] < rows[1]).all()
    # same word, same row; "so" three times in the last doc
    last = features.layout.first_token[3]
    assert ids[last, 0] == ids[last + 1, 0] == ids[last + 2, 0]
    # n-grams: unigrams + bigrams inside each doc only (none across doc boundaries)
    counts = numpy.diff(numpy.append(features.ngram_offsets, len(features.ngram_ids)))
    numpy.testing.assert_array_equal(counts, [4 + 3, 1, 1, 5 + 4])
    assert features.ngram_ids[features.ngram_offsets[1]] == EMPTY_ROW
    assert ((features.ngram_ids >= 1) | (numpy.arange(len(features.ngram_ids)) == features.ngram_offsets[1])).all()
    assert (features.ngram_ids < 97).all()
