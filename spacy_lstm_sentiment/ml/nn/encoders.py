"""Recurrent encoders over flat token arrays: torch's LSTM/GRU (cuDNN on GPU) and a peephole LSTM.

Every encoder maps (n_tokens, input_width) to (n_tokens, output_width) in flat token order and
runs on packed sequences, so padding never exists and cannot change a prediction.
"""
from typing import List

import torch
from torch import nn
from torch.nn import functional as F
from torch.nn.utils.rnn import PackedSequence

from .batch import PackedIndex

RNN_CHOICES = ("lstm", "gru", "peephole")


class TorchRNNEncoder(nn.Module):
    """torch.nn.LSTM or torch.nn.GRU over packed sequences."""

    def __init__(self, cell: str, input_width: int, hidden_width: int, depth: int, bidirectional: bool):
        super().__init__()
        rnn_class = {"lstm": nn.LSTM, "gru": nn.GRU}[cell]
        self.rnn = rnn_class(input_width, hidden_width, num_layers=depth, bidirectional=bidirectional)
        self.output_width = hidden_width * (2 if bidirectional else 1)

    def forward(self, inputs: torch.Tensor, packing: PackedIndex, dropout: float) -> torch.Tensor:
        # nn.RNNBase reads `dropout` (between stacked layers) at call time: forward spaCy's rate.
        self.rnn.dropout = dropout if self.training and self.rnn.num_layers > 1 else 0.0
        packed = PackedSequence(inputs.index_select(0, packing.forward_order), packing.batch_sizes)
        outputs, _ = self.rnn(packed)
        return outputs.data.index_select(0, packing.forward_positions)


class PeepholeLSTMLayer(nn.Module):
    """One direction of an LSTM whose input, forget and output gates also read the cell state.

    Written as a step loop over packed data (time-major, longest sequence first), so it runs a
    Python iteration per time step: expect it to be several times slower than `lstm`.
    """

    def __init__(self, input_width: int, hidden_width: int):
        super().__init__()
        self.hidden_width = hidden_width
        self.input_gates = nn.Linear(input_width, 4 * hidden_width)
        self.hidden_gates = nn.Linear(hidden_width, 4 * hidden_width, bias=False)
        self.peepholes = nn.Parameter(torch.zeros(3, hidden_width))
        with torch.no_grad():  # start with the forget gate open, as is customary for LSTMs
            self.input_gates.bias[hidden_width : 2 * hidden_width].fill_(1.0)

    def forward(self, packed_inputs: torch.Tensor, step_sizes: List[int]) -> torch.Tensor:
        all_input_gates = self.input_gates(packed_inputs)
        hidden = packed_inputs.new_zeros((step_sizes[0], self.hidden_width))
        cell = hidden
        peep_in, peep_forget, peep_out = self.peepholes
        outputs = []
        start = 0
        for size in step_sizes:
            hidden, cell = hidden[:size], cell[:size]
            gates = all_input_gates[start : start + size] + self.hidden_gates(hidden)
            in_gate, forget_gate, candidate, out_gate = gates.chunk(4, dim=1)
            in_gate = torch.sigmoid(in_gate + peep_in * cell)
            forget_gate = torch.sigmoid(forget_gate + peep_forget * cell)
            cell = forget_gate * cell + in_gate * torch.tanh(candidate)
            hidden = torch.sigmoid(out_gate + peep_out * cell) * torch.tanh(cell)
            outputs.append(hidden)
            start += size
        return torch.cat(outputs)


class PeepholeLSTMEncoder(nn.Module):
    """Stacked, optionally bidirectional peephole LSTM."""

    def __init__(self, input_width: int, hidden_width: int, depth: int, bidirectional: bool):
        super().__init__()
        n_directions = 2 if bidirectional else 1
        self.output_width = hidden_width * n_directions
        self.layers = nn.ModuleList()
        for i in range(depth):
            layer_input = input_width if i == 0 else self.output_width
            directions = [PeepholeLSTMLayer(layer_input, hidden_width) for _ in range(n_directions)]
            self.layers.append(nn.ModuleList(directions))

    def forward(self, inputs: torch.Tensor, packing: PackedIndex, dropout: float) -> torch.Tensor:
        hidden = inputs
        for i, directions in enumerate(self.layers):
            if i > 0:
                hidden = F.dropout(hidden, dropout, self.training)
            forward = directions[0](hidden.index_select(0, packing.forward_order), packing.step_sizes)
            outputs = [forward.index_select(0, packing.forward_positions)]
            if len(directions) == 2:
                backward = directions[1](hidden.index_select(0, packing.backward_order), packing.step_sizes)
                outputs.append(backward.index_select(0, packing.backward_positions))
            hidden = torch.cat(outputs, dim=1)
        return hidden


def build_encoder(cell: str, input_width: int, hidden_width: int, depth: int, bidirectional: bool) -> nn.Module:
    """The encoder for a config's `rnn_type`."""
    if cell == "peephole":
        return PeepholeLSTMEncoder(input_width, hidden_width, depth, bidirectional)
    if cell in ("lstm", "gru"):
        return TorchRNNEncoder(cell, input_width, hidden_width, depth, bidirectional)
    raise ValueError(f"unknown rnn_type {cell!r}: choose one of {', '.join(RNN_CHOICES)}")
