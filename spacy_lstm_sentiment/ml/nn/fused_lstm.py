"""A CPU inference kernel for `nn.LSTM` encoders: the same function, computed in fewer operations.

Three rewrites, each exact up to float rounding:
- The first layer's input gates are linear in the concatenated embeddings, so each embedding table
  is folded into the gates once (`table @ W_ih_block.T`): one `embedding_bag` sum of a row per
  attribute replaces the embedding lookups, the concatenation and the input matrix product.
- `tanh(x) = 2 * sigmoid(2x) - 1`. torch's CPU `tanh` costs several times its `sigmoid`, so the
  candidate gate's weights are doubled and all four gates take one in-place sigmoid; the cell state
  is carried as `-2c`, so `tanh(c)` is a sigmoid too and each step needs five small element-wise ops.
- Each time step adds its hidden-state product into the input gates in place and writes its hidden
  state straight into the packed output buffer.
Rows are reordered with `index_select`, several times faster on CPU than indexing with a tensor.
Training and CUDA keep `nn.LSTM` (cuDNN); the network runs this only for CPU inference (the shim's
`predict` asks for it with `fast_inference`).
"""
from dataclasses import dataclass
from typing import List, Optional, Sequence

import torch
from torch import nn
from torch.nn import functional as F

from .batch import TorchBatch


@dataclass
class _Direction:
    """One direction of one layer, weights rearranged for `_run_packed`."""

    input_weight: Optional[torch.Tensor]  # (input_width, 4H) transposed W_ih; None when folded
    bias: torch.Tensor  # (4H,) b_ih + b_hh
    hidden_weight: torch.Tensor  # (H, 4H) transposed W_hh
    folded_tables: Optional[torch.Tensor] = None  # (sum of table rows, 4H), bias included
    dense_weight: Optional[torch.Tensor] = None  # (dense_width, 4H) for the dense input columns


class FusedLSTMInference:
    """A frozen snapshot of an embeddings + `nn.LSTM` encoder, for fast CPU inference.

    Build it with `from_modules` after the weights last changed; `encode` maps a batch to the
    same (n_tokens, width) hidden states, in flat token order, that the encoder returns.
    """

    def __init__(self, layers: List[List[_Direction]], table_offsets: torch.Tensor, hidden_width: int):
        self.layers = layers
        self.table_offsets = table_offsets
        self.hidden_width = hidden_width

    @classmethod
    @torch.no_grad()
    def from_modules(cls, tables: Sequence[nn.Embedding], rnn: nn.LSTM) -> "FusedLSTMInference":
        """Fold `tables` (the hashed embeddings, and the word vectors a network owns) into the first layer
        of `rnn`, in the order their columns enter it; the input columns after theirs (static vectors of
        the vocab, lexicon features) keep a plain matrix product."""
        hidden = rnn.hidden_size
        gate_scale = torch.ones(4 * hidden, dtype=rnn.weight_hh_l0.dtype, device=rnn.weight_hh_l0.device)
        gate_scale[2 * hidden : 3 * hidden] = 2.0  # torch's gate order is input, forget, candidate, output
        widths = [table.embedding_dim for table in tables]
        columns = [sum(widths[:i]) for i in range(len(widths) + 1)]
        rows = torch.tensor([table.num_embeddings for table in tables])
        table_offsets = torch.cumsum(rows, 0) - rows
        layers = []
        for layer in range(rnn.num_layers):
            directions = []
            for suffix in ("", "_reverse")[: 2 if rnn.bidirectional else 1]:
                name = f"l{layer}{suffix}"
                w_ih = getattr(rnn, f"weight_ih_{name}") * gate_scale[:, None]
                w_hh = getattr(rnn, f"weight_hh_{name}") * gate_scale[:, None]
                bias = (getattr(rnn, f"bias_ih_{name}") + getattr(rnn, f"bias_hh_{name}")) * gate_scale
                direction = _Direction(input_weight=None, bias=bias, hidden_weight=w_hh.t().contiguous())
                if layer == 0:
                    blocks = [table.weight @ w_ih[:, columns[i] : columns[i + 1]].t() for i, table in enumerate(tables)]
                    blocks[0] = blocks[0] + bias  # every token reads exactly one row of each table
                    direction.folded_tables = torch.cat(blocks).contiguous()
                    if w_ih.shape[1] > columns[-1]:
                        direction.dense_weight = w_ih[:, columns[-1] :].t().contiguous()
                else:
                    direction.input_weight = w_ih.t().contiguous()
                directions.append(direction)
            layers.append(directions)
        return cls(layers, table_offsets.to(rnn.weight_hh_l0.device), hidden)

    def encode(
        self, batch: TorchBatch, dense: Optional[torch.Tensor] = None, in_packed_order: bool = False
    ) -> torch.Tensor:
        """Hidden states of the last layer, (n_tokens, hidden_width x directions), in flat token order; with
        `in_packed_order` (one direction only), in the packed order the recurrence wrote them in, which
        saves putting them back for a pooling that does not care about order (`PackedIndex.forward_doc`)."""
        packing = batch.packing
        orders = [
            (packing.forward_order, packing.forward_positions),
            (packing.backward_order, packing.backward_positions),
        ]
        # each token's row in every folded table: the hashed embeddings', then the word vectors' it owns
        ids = batch.ids if batch.vector_rows is None else torch.cat((batch.ids, batch.vector_rows[:, None]), dim=1)
        inputs: Optional[torch.Tensor] = None
        for layer, directions in enumerate(self.layers):
            last = layer == len(self.layers) - 1
            outputs = []
            for direction, (order, positions) in zip(directions, orders):
                if layer == 0:
                    gates = self._first_layer_gates(direction, ids, order, positions, dense)
                else:
                    gates = torch.addmm(direction.bias, inputs.index_select(0, order), direction.input_weight)
                packed = self._run_packed(gates, direction.hidden_weight, packing.step_sizes)
                keep_packed = last and in_packed_order and len(directions) == 1
                outputs.append(packed if keep_packed else packed.index_select(0, positions))
            inputs = outputs[0] if len(outputs) == 1 else torch.cat(outputs, dim=1)
        return inputs

    def _first_layer_gates(
        self,
        direction: _Direction,
        ids: torch.Tensor,
        order: torch.Tensor,
        positions: torch.Tensor,
        dense: Optional[torch.Tensor],
    ) -> torch.Tensor:
        """The first layer's input gates in packed order (`order`: packed row -> flat token; `positions` the
        inverse; `ids`: each token's row in every folded table): one folded row per table for each token,
        plus the dense columns' product."""
        rows = (ids.index_select(0, order) + self.table_offsets[: ids.shape[1]]).view(-1)
        n_attrs = ids.shape[1]
        bag_offsets = torch.arange(0, rows.shape[0], n_attrs, device=rows.device)
        gates = F.embedding_bag(rows, direction.folded_tables, bag_offsets, mode="sum")
        if direction.dense_weight is not None:
            _add_dense(gates, direction.dense_weight, dense, order, positions)
        return gates

    def _run_packed(self, gates: torch.Tensor, hidden_weight: torch.Tensor, step_sizes: List[int]) -> torch.Tensor:
        """The recurrence over packed input gates (time-major, longest sequence first); the gates
        buffer is overwritten."""
        width = self.hidden_width
        output = gates.new_empty((gates.shape[0], width))
        hidden = gates.new_zeros((step_sizes[0], width))
        minus_2c = hidden  # the cell state c, carried as -2c
        for size, step, step_output in zip(step_sizes, gates.split(step_sizes), output.split(step_sizes)):
            step.addmm_(hidden[:size], hidden_weight).sigmoid_()
            # the candidate slot holds s = sigmoid(2g), so tanh(g) = 2s - 1
            in_gate, forget_gate, candidate, out_gate = step.view(size, 4, width).unbind(1)
            # -2c' = f * (-2c) - 2i * tanh(g) = f * (-2c) + 2 * (i - 2is)
            minus_2c = (
                torch.addcmul(in_gate, in_gate, candidate, value=-2.0).mul_(2.0).addcmul_(forget_gate, minus_2c[:size])
            )
            # h = o * tanh(c') = o * (1 - 2 * sigmoid(-2c')) = o - 2o * sigmoid(-2c')
            hidden = torch.addcmul(out_gate, out_gate, torch.sigmoid(minus_2c), value=-2.0, out=step_output)
        return output


def _add_dense(
    gates: torch.Tensor, weight: torch.Tensor, dense: torch.Tensor, order: torch.Tensor, positions: torch.Tensor
) -> None:
    """gates (packed order) += dense (flat order) @ weight. Most tokens have no dense feature at all (no
    static vectors, no lexicon entry nearby), so when fewer than half have any, only theirs are multiplied."""
    rows = dense.any(dim=1).nonzero().view(-1)
    if len(rows) * 2 > len(dense):
        gates.addmm_(dense.index_select(0, order), weight)
    elif len(rows):
        gates.index_add_(0, positions.index_select(0, rows), dense.index_select(0, rows) @ weight)


def supports_fused_inference(rnn: nn.Module) -> bool:
    """True for a plain float32 `nn.LSTM` with biases (not a quantized or projected one)."""
    return (
        type(rnn) is nn.LSTM and rnn.bias and rnn.proj_size == 0 and rnn.weight_hh_l0.dtype == torch.float32
    )

