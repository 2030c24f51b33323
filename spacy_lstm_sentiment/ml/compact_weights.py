"""Compact storage of a network's weights, for models shipped inside the package (format version 3).

Two rewrites of the float tensors, undone when the file is read:
- float32 -> float16 (half the bytes; scores move by about 1e-3 at most);
- a table most of whose rows are all zero (the n-gram bag: rows no training n-gram hashed to) keeps
  only its non-zero rows, as ``NAME@rows`` (int32 row numbers) and ``NAME@values``.
The file's metadata lists what was rewritten (``compact``), so a reader needs no guessing.
"""
import json
from typing import Dict, Mapping, Tuple

import torch

from ..errors import WeightsError

SPARSE_MIN_ZERO_SHARE = 0.5
"""A 2-d table is stored by rows when at least this share of its rows is all zero."""


def compact(network: Mapping[str, torch.Tensor]) -> Tuple[Dict[str, torch.Tensor], str]:
    """The network's tensors rewritten for storage, and the metadata entry that says how."""
    stored: Dict[str, torch.Tensor] = {}
    halved, by_rows = [], {}
    for name, tensor in network.items():
        if not tensor.is_floating_point():
            stored[name] = tensor
            continue
        tensor = tensor.detach().float().cpu()
        if tensor.dim() == 2 and tensor.shape[0] > 1:
            nonzero = tensor.abs().sum(dim=1) > 0
            if 1 - float(nonzero.float().mean()) >= SPARSE_MIN_ZERO_SHARE:
                rows = nonzero.nonzero().view(-1)
                stored[f"{name}@rows"] = rows.to(torch.int32)
                stored[f"{name}@values"] = tensor[rows].half()
                by_rows[name] = int(tensor.shape[0])
                continue
        stored[name] = tensor.half()
        halved.append(name)
    return stored, json.dumps({"float16": sorted(halved), "by_rows": by_rows}, sort_keys=True)


def expand(stored: Mapping[str, torch.Tensor], description: str, source: str) -> Dict[str, torch.Tensor]:
    """The float32 tensors that `compact` rewrote, back in their shapes; other tensors unchanged."""
    try:
        plan = json.loads(description)
        halved, by_rows = list(plan["float16"]), dict(plan["by_rows"])
    except (ValueError, KeyError, TypeError) as err:
        raise WeightsError(f"{source}: unreadable compact-storage metadata ({err})") from None
    network = {name: tensor for name, tensor in stored.items() if "@" not in name}
    for name in halved:
        tensor = network.get(name)
        if tensor is None or tensor.dtype != torch.float16:
            raise WeightsError(f"{source}: {name} should be stored as float16")
        network[name] = tensor.float()
    for name, n_rows in by_rows.items():
        rows, values = stored.get(f"{name}@rows"), stored.get(f"{name}@values")
        if rows is None or values is None or rows.dtype != torch.int32 or values.dim() != 2:
            raise WeightsError(f"{source}: {name} should be stored by rows ({name}@rows, {name}@values)")
        if len(rows) != len(values) or (len(rows) and (int(rows.min()) < 0 or int(rows.max()) >= int(n_rows))):
            raise WeightsError(f"{source}: {name}'s stored rows do not fit its {n_rows} rows")
        table = torch.zeros((int(n_rows), values.shape[1]), dtype=torch.float32)
        table[rows.long()] = values.float()
        network[name] = table
    return network
