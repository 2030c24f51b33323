"""Sequence packing: a batch of variable-length docs as packed RNN input, without any padding.

Tokens of all docs travel as one flat array. Docs longer than `max_length` are cut into chunks, each
chunk an RNN sequence of its own; pooling later reunites the chunks of a doc through `token_doc`.
Packed order is what `torch.nn.utils.rnn.PackedSequence` expects: time-major, longest sequence first.

`PackedLayout` is the index arithmetic, on the host (numpy); `nn.batch.PackedIndex` is the same on the
network's device, in the form the encoders and pooling index with.
"""
from dataclasses import dataclass

import numpy


@dataclass
class PackedLayout:
    """Where every token of a flat batch sits in packed order (forward and reversed in time)."""

    doc_lengths: numpy.ndarray  # (n_docs,) tokens per doc, >= 1
    token_doc: numpy.ndarray  # (n_tokens,) doc index of each flat token
    seq_lengths: numpy.ndarray  # (n_seqs,) tokens per sequence, in flat order of sequences
    batch_sizes: numpy.ndarray  # (max_seq_len,) sequences still running at each time step
    forward_positions: numpy.ndarray  # (n_tokens,) flat token index -> packed position
    backward_positions: numpy.ndarray  # (n_tokens,) the same with each sequence reversed in time
    first_token: numpy.ndarray  # (n_docs,) flat index of each doc's first token
    last_token: numpy.ndarray  # (n_docs,) flat index of each doc's last token

    @property
    def n_docs(self) -> int:
        return len(self.doc_lengths)

    @property
    def n_tokens(self) -> int:
        return len(self.token_doc)


def split_into_sequences(doc_lengths: numpy.ndarray, max_length: int) -> numpy.ndarray:
    """Lengths of the RNN sequences when each doc is cut into chunks of at most `max_length`."""
    n_chunks = (doc_lengths + max_length - 1) // max_length
    seq_lengths = numpy.full(int(n_chunks.sum()), max_length, dtype=numpy.int64)
    last_chunk = numpy.cumsum(n_chunks) - 1
    seq_lengths[last_chunk] = doc_lengths - (n_chunks - 1) * max_length
    return seq_lengths


def _batch_sizes(seq_lengths: numpy.ndarray) -> numpy.ndarray:
    """How many sequences are still running at each time step."""
    counts = numpy.bincount(seq_lengths - 1, minlength=1)
    return counts[::-1].cumsum()[::-1].astype(numpy.int64)  # astype copies: positive strides


def _packed_positions(
    seq_lengths: numpy.ndarray, batch_sizes: numpy.ndarray, reverse: bool
) -> numpy.ndarray:
    """For each flat token, its row in the packed data (sequences sorted longest first)."""
    n_tokens = int(seq_lengths.sum())
    rank = numpy.empty(len(seq_lengths), dtype=numpy.int64)
    rank[numpy.argsort(-seq_lengths, kind="stable")] = numpy.arange(len(seq_lengths))
    step_offsets = numpy.concatenate(([0], numpy.cumsum(batch_sizes)[:-1]))
    seq_starts = numpy.repeat(numpy.cumsum(seq_lengths) - seq_lengths, seq_lengths)
    time_step = numpy.arange(n_tokens, dtype=numpy.int64) - seq_starts
    if reverse:
        time_step = numpy.repeat(seq_lengths, seq_lengths) - 1 - time_step
    return step_offsets[time_step] + numpy.repeat(rank, seq_lengths)


def layout_batch(doc_lengths: numpy.ndarray, max_length: int) -> PackedLayout:
    """Compute the packed layout for docs of the given (non-zero) lengths."""
    doc_lengths = numpy.asarray(doc_lengths, dtype=numpy.int64)
    if doc_lengths.size == 0 or doc_lengths.min() < 1:
        raise ValueError("a batch needs at least one doc, and every doc at least one position")
    seq_lengths = split_into_sequences(doc_lengths, max_length)
    batch_sizes = _batch_sizes(seq_lengths)
    ends = numpy.cumsum(doc_lengths)
    return PackedLayout(
        doc_lengths=doc_lengths,
        token_doc=numpy.repeat(numpy.arange(len(doc_lengths)), doc_lengths),
        seq_lengths=seq_lengths,
        batch_sizes=batch_sizes,
        forward_positions=_packed_positions(seq_lengths, batch_sizes, reverse=False),
        backward_positions=_packed_positions(seq_lengths, batch_sizes, reverse=True),
        first_token=ends - doc_lengths,
        last_token=ends - 1,
    )
