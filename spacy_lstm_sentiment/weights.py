"""Saving and loading torch weights with safetensors: no pickle, and one-line errors naming the file."""
from pathlib import Path
from typing import Dict, Union

import torch
from safetensors import SafetensorError
from safetensors.torch import load as load_safetensors_bytes
from safetensors.torch import load_file, save, save_file

from .errors import one_line

WEIGHTS_FILE = "model.safetensors"


class WeightsError(ValueError):
    """Weights that cannot be loaded: missing, truncated or the wrong shapes."""


def state_to_bytes(module: torch.nn.Module) -> bytes:
    return save(_contiguous_state(module))


def save_weights(module: torch.nn.Module, path: Union[str, Path]) -> None:
    save_file(_contiguous_state(module), str(path))


def read_weights(path: Union[str, Path]) -> Dict[str, torch.Tensor]:
    """Read a safetensors file onto the CPU."""
    path = Path(path)
    if not path.is_file():
        raise WeightsError(f"{path}: weights file is missing")
    try:
        return load_file(str(path), device="cpu")
    except (SafetensorError, OSError, ValueError) as err:
        raise WeightsError(f"{path}: not a readable safetensors file ({one_line(err)})") from None


def weights_from_bytes(data: bytes, source: str) -> Dict[str, torch.Tensor]:
    try:
        return load_safetensors_bytes(data)
    except (SafetensorError, ValueError) as err:
        raise WeightsError(f"{source}: not readable safetensors data ({one_line(err)})") from None


def load_state(module: torch.nn.Module, state: Dict[str, torch.Tensor], source: str) -> None:
    """Copy `state` into `module`, which must have exactly these names and shapes."""
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
    module.load_state_dict(state)


def _contiguous_state(module: torch.nn.Module) -> Dict[str, torch.Tensor]:
    return {name: tensor.detach().contiguous() for name, tensor in module.state_dict().items()}

