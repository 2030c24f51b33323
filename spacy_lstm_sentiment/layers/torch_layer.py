"""The thinc side of the torch network: PyTorchWrapper_v3 with our converters and safetensors I/O."""
from typing import Any, Callable, Optional, Tuple

import torch
from thinc.api import ArgsKwargs, Model, PyTorchGradScaler, PyTorchWrapper_v3
from thinc.types import Floats2d

from ..weights import load_state, state_to_bytes, weights_from_bytes
from .features import DocFeatures
from .network import SentimentNet
from .torch_batch import TorchBatch


def torch_sentiment_layer(
    net: SentimentNet, mixed_precision: bool = False, grad_scaler: Optional[PyTorchGradScaler] = None
) -> Model[DocFeatures, Floats2d]:
    """Wrap `net` so thinc drives it; the output is one row of logits per doc."""
    model = PyTorchWrapper_v3(
        net,
        convert_inputs=_convert_inputs,
        mixed_precision=mixed_precision,
        grad_scaler=grad_scaler,
        serialize_model=state_to_bytes,
        deserialize_model=_deserialize,
    )
    model.attrs["dropout_rate"] = 0.0  # set by thinc's set_dropout_rate, forwarded to torch below
    return model


def wrapped_net(torch_layer: Model) -> SentimentNet:
    """The torch module inside the wrapper (the one place that reaches into the shim)."""
    return torch_layer.shims[0]._model


def _convert_inputs(model: Model, features: DocFeatures, is_train: bool) -> Tuple[ArgsKwargs, Callable]:
    batch = TorchBatch.from_features(features, model.shims[0].device)
    dropout = float(model.attrs["dropout_rate"] or 0.0) if is_train else 0.0
    return ArgsKwargs(args=(batch,), kwargs={"dropout": dropout}), lambda d_inputs: []


def _deserialize(net: SentimentNet, data: bytes, device: Any) -> SentimentNet:
    state = weights_from_bytes(data, "lstm_sentiment model bytes")
    net.reshape_for_state(state)
    load_state(net, state, "lstm_sentiment model bytes")
    return net.to(device)
