"""Lexicon features: each token's prior polarity in its context, and their sums per doc.

Context rules of the kind rule-based analyzers use, computed over the flat token array of a batch
(numpy, vectorised; no Python loop over tokens):
- negation scope: a token is negated when a negator occurs among the `NEGATION_WINDOW` tokens
  before it in the same doc, with no clause boundary (punctuation, a contrast word) in between;
  a negator with only commas in between ("I wouldn't say, to be fair, that ...") counts separately,
  as an aside may or may not end its scope;
- intensifiers and diminishers: the token before (or the one before that) raises or lowers it;
- contrast: a token after a "but" counts for more, one before it for less;
- emphasis: ALL CAPS in a doc where at most half the tokens are, and elongation ("soooo").
The model learns how much each feature matters: token features feed the RNN beside the
embeddings, doc features feed a linear head whose logits add to the rest.
"""
from typing import Tuple

import numpy

from .lexicon_kinds import CONTRAST, DIMINISHER, EMOJI, INTENSIFIER, NEGATOR

NEGATION_WINDOW = 5
TOKEN_FEATURES = (
    "positive",
    "negative",
    "negated",
    "negated_positive",
    "negated_negative",
    "boosted",
    "caps",
    "after_contrast",
    "before_contrast",
    "emoji",
    "negator",
    "elongated",
    "negated_past_comma",
    "negated_past_comma_positive",
    "negated_past_comma_negative",
)
DOC_FEATURES = tuple(f"sum_{name}" for name in TOKEN_FEATURES) + ("compound", "most_positive", "most_negative", "rated")
N_TOKEN_FEATURES = len(TOKEN_FEATURES)
N_DOC_FEATURES = len(DOC_FEATURES)


def lexicon_features(
    polarity: numpy.ndarray,
    kinds: numpy.ndarray,
    elongated: numpy.ndarray,
    is_punct: numpy.ndarray,
    is_comma: numpy.ndarray,
    is_caps: numpy.ndarray,
    token_doc: numpy.ndarray,
    first_token: numpy.ndarray,
) -> Tuple[numpy.ndarray, numpy.ndarray]:
    """Token features (n_tokens, N_TOKEN_FEATURES) and doc features (n_docs, N_DOC_FEATURES), float32.

    polarity, kinds, elongated: the lexicon's answer for each token; is_punct, is_comma, is_caps: bools;
    token_doc: each token's doc index (tokens of a doc are contiguous, in order); first_token: the
    flat index of each doc's first token (every doc has one).
    """
    n_tokens, n_docs = len(polarity), len(first_token)
    negator = (kinds & NEGATOR) > 0
    rated = polarity != 0
    boundary = (is_punct & ~rated) | ((kinds & CONTRAST) > 0)
    negated = _negation_scope(negator, boundary, token_doc)
    past_comma = _negation_scope(negator, boundary & ~is_comma, token_doc) & ~negated & ~boundary
    # Every feature of a token that is not rated, not a function word or emoji, and not negated is 0:
    # the features are computed for the other ("active") tokens alone.
    active = numpy.flatnonzero(rated | (kinds > 0) | negated | past_comma)
    doc = token_doc[active]
    value, kind, in_scope, past = polarity[active], kinds[active], negated[active], past_comma[active]
    boost = _modifier_boost(kinds, token_doc)[active]
    contrast = ((kinds & CONTRAST) > 0).astype(numpy.int64)
    running = numpy.cumsum(contrast)
    before_doc = numpy.where(first_token > 0, running[numpy.maximum(first_token - 1, 0)], 0)
    seen_before = running[active] - before_doc[doc] - contrast[active]  # contrast words earlier in the doc
    seen_after = numpy.bincount(token_doc, weights=contrast, minlength=n_docs)[doc] - seen_before - contrast[active]
    caps_share = _doc_mean(is_caps.astype(numpy.float32), token_doc, n_docs)
    caps = is_caps[active] & (caps_share[doc] <= 0.5)

    positive, negative = numpy.maximum(value, 0), numpy.maximum(-value, 0)
    columns = (
        positive,
        negative,
        in_scope,
        positive * in_scope,
        negative * in_scope,
        numpy.abs(value) * boost,
        value * caps,
        value * (seen_before > 0),
        value * (seen_after > 0),
        (kind & EMOJI) > 0,
        (kind & NEGATOR) > 0,
        value * elongated[active],
        past,
        positive * past,
        negative * past,
    )
    token = numpy.zeros((n_tokens, N_TOKEN_FEATURES), dtype=numpy.float32)
    token[active] = numpy.stack(columns, axis=1)
    adjusted = numpy.zeros(n_tokens)
    adjusted[active] = value * numpy.where(in_scope, -0.5, 1.0) * (1.0 + 0.3 * boost) * (1.0 + 0.3 * caps)
    return token, _doc_features(token, polarity, adjusted, first_token)


def _negation_scope(negator: numpy.ndarray, boundary: numpy.ndarray, token_doc: numpy.ndarray) -> numpy.ndarray:
    """Tokens with a negator among the `NEGATION_WINDOW` before them in the same doc and no
    `boundary` token in between; boundary tokens themselves are never negated.

    Negators are rare, so this walks from each of them rather than over every token."""
    n_tokens = len(negator)
    negated = numpy.zeros(n_tokens, dtype=bool)
    negators = numpy.flatnonzero(negator)
    if not len(negators):
        return negated
    boundaries_before = numpy.concatenate(([0], numpy.cumsum(boundary)))  # [k]: boundaries among tokens < k
    for distance in range(1, NEGATION_WINDOW + 1):
        source = negators[negators + distance < n_tokens]
        target = source + distance
        reached = (token_doc[target] == token_doc[source]) & (
            boundaries_before[target] == boundaries_before[source + 1]  # none strictly in between
        )
        negated[target[reached]] = True
    return negated & ~boundary


def _modifier_boost(kinds: numpy.ndarray, token_doc: numpy.ndarray) -> numpy.ndarray:
    """+1 for a token an intensifier modifies (the token after it or the one after that, in the same
    doc), -1 for one a diminisher modifies, 0 otherwise; the nearer modifier wins."""
    n_tokens = len(kinds)
    boost = numpy.zeros(n_tokens, dtype=numpy.float32)
    modifiers = numpy.flatnonzero((kinds & (INTENSIFIER | DIMINISHER)) > 0)
    direction = ((kinds[modifiers] & INTENSIFIER) > 0).astype(numpy.float32)
    direction -= ((kinds[modifiers] & DIMINISHER) > 0).astype(numpy.float32)
    for distance in (2, 1):  # the nearer one last, so it wins
        inside = modifiers + distance < n_tokens
        source, value = modifiers[inside], direction[inside]
        target = source + distance
        applies = (token_doc[target] == token_doc[source]) & (value != 0)
        boost[target[applies]] = value[applies]
    return boost


def _doc_features(token, polarity, adjusted, first_token) -> numpy.ndarray:
    """Per doc: each token feature summed (divided by sqrt of the doc's length), a VADER-style
    compound of the context-adjusted polarities (`adjusted`), their extremes and the share of rated
    tokens. Docs are contiguous runs of tokens starting at `first_token`, so every sum is one `reduceat`."""
    n_docs = len(first_token)
    lengths = numpy.diff(numpy.append(first_token, len(polarity))).astype(numpy.float32)
    scale = 1.0 / numpy.sqrt(numpy.maximum(lengths, 1))
    sums = numpy.add.reduceat(token, first_token, axis=0) if n_docs else token[:0]
    extra = numpy.zeros((n_docs, 4), dtype=numpy.float32)
    if n_docs:
        total = numpy.add.reduceat(adjusted * 4.0, first_token)
        extra[:, 0] = total / numpy.sqrt(total * total + 15.0)
        extra[:, 1] = numpy.maximum.reduceat(numpy.maximum(adjusted, 0), first_token)
        extra[:, 2] = numpy.maximum.reduceat(numpy.maximum(-adjusted, 0), first_token)
        extra[:, 3] = numpy.add.reduceat((polarity != 0).astype(numpy.float32), first_token) / numpy.maximum(lengths, 1)
    return numpy.concatenate([sums * scale[:, None], extra], axis=1).astype(numpy.float32)


def _doc_mean(values: numpy.ndarray, token_doc: numpy.ndarray, n_docs: int) -> numpy.ndarray:
    counts = numpy.maximum(numpy.bincount(token_doc, minlength=n_docs), 1)
    return numpy.bincount(token_doc, weights=values, minlength=n_docs) / counts
