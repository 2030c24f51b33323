"""Tensors to and from safetensors data: no pickle, and one-line errors that name the file.

A model's weights and tables travel as one safetensors blob, in memory (`to_bytes`) or as a file
(`to_disk` writes the same bytes), so both paths share every check.
"""
from pathlib import Path
from typing import Dict, Union

import torch
from safetensors import SafetensorError
from safetensors.torch import load, save

from ..errors import WeightsError, one_line

WEIGHTS_FILE = "model.safetensors"
BYTES_SOURCE = "lstm_sentiment model bytes"
"""What errors name when the data came from `from_bytes` rather than a file."""



def tensors_to_bytes(tensors: Dict[str, torch.Tensor]) -> bytes:
    """Safetensors data of `tensors` (copied to contiguous CPU memory)."""
    return save({name: tensor.detach().cpu().contiguous() for name, tensor in tensors.items()})


def tensors_from_bytes(data: bytes, source: str) -> Dict[str, torch.Tensor]:
    """Tensors on the CPU from safetensors data; `source` names the data in errors."""
    try:
        return load(data)
    except (SafetensorError, ValueError, OverflowError) as err:
        raise WeightsError(f"{source}: not readable safetensors data ({one_line(err)})") from None


def read_weights_file(path: Union[str, Path]) -> bytes:
    """The bytes of a weights file, or a WeightsError naming it."""
    path = Path(path)
    if not path.is_file():
        raise WeightsError(f"{path}: weights file is missing")
    try:
        return path.read_bytes()
    except OSError as err:
        raise WeightsError(f"{path}: cannot read the weights file ({one_line(err)})") from None


def load_state(module: torch.nn.Module, state: Dict[str, torch.Tensor], source: str) -> None:
    """Copy `state` into `module`, which must have exactly these names, shapes and dtypes, and finite values."""
    expected = module.state_dict()
    missing = sorted(set(expected) - set(state))
    unexpected = sorted(set(state) - set(expected))
    if missing or unexpected:
        raise WeightsError(
            f"{source}: weights do not match the model (missing: {', '.join(missing) or '-'}; "
            f"unexpected: {', '.join(unexpected) or '-'})"
        )
    for name, tensor in state.items():
        if tuple(tensor.shape) != tuple(expected[name].shape):
            raise WeightsError(
                f"{source}: {name} has shape {tuple(tensor.shape)}, the model expects "
                f"{tuple(expected[name].shape)}; was it trained with another config?"
            )
        if tensor.dtype != expected[name].dtype:
            raise WeightsError(f"{source}: {name} is {tensor.dtype}, the model expects {expected[name].dtype}")
        if tensor.is_floating_point() and not bool(torch.isfinite(tensor).all()):
            raise WeightsError(f"{source}: {name} holds NaN or infinite values")
    module.load_state_dict(state)
