"""Token attributions: how much each token moved each label's score, for the whole model.

The score explained is each label's centered logit (its logit minus the mean over labels), which
is what the softmax turns into probabilities. Its three parts are attributed each in its own way:
- the RNN path (embeddings, static vectors, lexicon features -> LSTM -> pooling -> output): integrated
  gradients (Sundararajan et al. 2017) from a baseline where every token reads `EMPTY_ROW` and no
  dense feature, `steps` midpoint-rule steps;
- the n-gram bag: exact; each n-gram's weight, shared equally by its tokens;
- the lexicon head: exact for the summed features (linear in each token's features); the four
  whole-doc features (compound, extremes, share of rated tokens) are shared in proportion to the
  tokens' |polarity|.
Completeness: a doc's token attributions add up to its centered logits minus the baseline's, up to
the integration error of the RNN part, so they are comparable across docs.
"""
from dataclasses import dataclass
from typing import List, Sequence, Union

import numpy
import torch
from spacy.tokens import Doc, Span

from ..ml.classifier import SentimentClassifier
from ..ml.featurize.features import DocFeatures, featurize, is_blank
from ..ml.featurize.lexicon_features import N_TOKEN_FEATURES
from ..ml.nn.batch import TorchBatch


@dataclass
class Attributions:
    """One batch's attributions. `tokens[d]` is (len(doc d), n_labels), zeros for a blank doc."""

    tokens: List[numpy.ndarray]
    logits: numpy.ndarray  # (n_docs, n_labels) centered logits of the whole model
    baseline: numpy.ndarray  # (n_docs, n_labels) centered logits of the baseline


def attribute(model: SentimentClassifier, docs: Sequence[Union[Doc, Span]], steps: int = 16) -> Attributions:
    """Attributions of every token of `docs` to every label (see the module docstring)."""
    if steps < 1:
        raise ValueError("steps must be at least 1")
    features = featurize(model.get_ref("featurizer"), docs, with_ngram_spans=True)
    net = model.net
    device = next(net.parameters()).device
    batch = TorchBatch.from_features(features, device)
    was_training = net.training
    trainable = [param for param in net.parameters() if param.requires_grad]
    net.eval()
    for param in trainable:  # gradients for the inputs only: no weight gradients to compute
        param.requires_grad_(False)
    try:
        with torch.enable_grad(), torch.backends.cudnn.flags(enabled=False):  # cuDNN RNNs backprop in training only
            rnn, rnn_logits, rnn_baseline = _integrated_gradients(net, batch, steps)
    finally:
        net.train(was_training)
        for param in trainable:
            param.requires_grad_(True)
    flat = rnn
    logits, baseline = rnn_logits, rnn_baseline
    if net.ngrams is not None:
        ngram_tokens, ngram_logits = _ngram_terms(net, batch, features)
        flat, logits = flat + ngram_tokens, logits + ngram_logits
    if net.lexicon_head is not None:
        lexicon_tokens, lexicon_logits, lexicon_baseline = _lexicon_terms(net, features)
        flat, logits, baseline = flat + lexicon_tokens, logits + lexicon_logits, baseline + lexicon_baseline
    return Attributions(_per_doc(flat, features, docs), logits, baseline)


def _center(scores: torch.Tensor) -> torch.Tensor:
    return scores - scores.mean(dim=-1, keepdim=True)


def _integrated_gradients(net, batch: TorchBatch, steps: int):
    """Integrated gradients of every label's centered logit: `steps` forward passes, one backward
    pass per label each (batching the steps or labels into one wider pass measured slower on CPU)."""
    inputs = net.token_inputs(batch).detach()
    baseline = net.baseline_inputs(batch).detach()
    delta = inputs - baseline
    n_labels = net.n_labels
    gradients = torch.zeros((n_labels,) + tuple(inputs.shape), device=inputs.device)
    for step in range(steps):
        point = (baseline + (step + 0.5) / steps * delta).requires_grad_(True)
        centered = _center(net.rnn_logits(point, batch))
        for label in range(n_labels):
            (gradient,) = torch.autograd.grad(centered[:, label].sum(), point, retain_graph=label < n_labels - 1)
            gradients[label] += gradient
    tokens = (delta.unsqueeze(0) * gradients / steps).sum(dim=2).t()  # (n_tokens, n_labels)
    with torch.no_grad():
        logits = _center(net.rnn_logits(inputs, batch))
        at_baseline = _center(net.rnn_logits(baseline, batch))
    return tokens.detach().cpu().numpy(), logits.cpu().numpy(), at_baseline.cpu().numpy()


def _ngram_terms(net, batch: TorchBatch, features: DocFeatures):
    """Each n-gram's centered contribution, split equally over its tokens; and the bag's logits."""
    with torch.no_grad():
        rows = net.ngrams.weight[batch.ngrams.ids] * batch.ngrams.weights.unsqueeze(1) * net.ngrams.learn_rate_scale
        per_ngram = _center(rows).cpu().numpy()  # (n_ngrams, n_labels)
    n_tokens = len(features.ids)
    tokens = numpy.zeros((n_tokens, per_ngram.shape[1]), dtype=numpy.float64)
    lengths = features.ngram_lengths
    covered = numpy.repeat(features.ngram_starts, lengths) + _ranges(lengths)
    numpy.add.at(tokens, covered, numpy.repeat(per_ngram / lengths[:, None], lengths, axis=0))
    n_docs = len(features.ngram_offsets)
    doc_of_ngram = numpy.repeat(numpy.arange(n_docs), numpy.diff(numpy.append(features.ngram_offsets, len(lengths))))
    logits = numpy.zeros((n_docs, per_ngram.shape[1]))
    numpy.add.at(logits, doc_of_ngram, per_ngram)
    return tokens, logits


def _ranges(lengths: numpy.ndarray) -> numpy.ndarray:
    """0..n-1 for each n in `lengths`, concatenated."""
    if not len(lengths):
        return numpy.zeros(0, dtype=numpy.int64)
    ends = numpy.cumsum(lengths)
    return numpy.arange(ends[-1]) - numpy.repeat(ends - lengths, lengths)


def _lexicon_terms(net, features: DocFeatures):
    """The lexicon head's centered contribution per token (see the module docstring)."""
    head = net.lexicon_head
    weight = head.weight.detach().cpu().numpy().astype(numpy.float64) * head.learn_rate_scale  # (L, F)
    bias = head.bias.detach().cpu().numpy().astype(numpy.float64) * head.learn_rate_scale
    weight, bias = weight - weight.mean(0), bias - bias.mean()
    docs_features = features.lexicon_docs.astype(numpy.float64)  # (n_docs, F)
    token_features = features.lexicon_tokens.astype(numpy.float64)  # (n_tokens, T)
    layout = features.layout
    scale = 1.0 / numpy.sqrt(layout.doc_lengths.astype(numpy.float64))[layout.token_doc]
    tokens = (token_features * scale[:, None]) @ weight[:, :N_TOKEN_FEATURES].T
    whole_doc = docs_features[:, N_TOKEN_FEATURES:] @ weight[:, N_TOKEN_FEATURES:].T  # (n_docs, L)
    strength = numpy.abs(token_features[:, 0] - token_features[:, 1]) + 1e-12
    share = strength / numpy.bincount(layout.token_doc, weights=strength)[layout.token_doc]
    tokens += whole_doc[layout.token_doc] * share[:, None]
    logits = docs_features @ weight.T + bias
    return tokens, logits, numpy.repeat(bias[None, :], len(docs_features), axis=0)


def _per_doc(flat: numpy.ndarray, features: DocFeatures, docs) -> List[numpy.ndarray]:
    """Split flat token rows by doc; a blank doc's single "no token" position gives its tokens zeros."""
    layout = features.layout
    result = []
    for index, doc in enumerate(docs):
        start, length = int(layout.first_token[index]), int(layout.doc_lengths[index])
        blank = len(doc) == 0 or is_blank(doc)
        result.append(numpy.zeros((len(doc), flat.shape[1])) if blank else flat[start : start + length])
    return result
