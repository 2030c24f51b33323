"""The thinc side of the torch network: a PyTorch shim with in-place updates, int8 CPU inference, and no
serialization of its own (the model saves as a whole, `classifier.SentimentClassifier.to_bytes`)."""
import contextlib
import warnings
from typing import Any, Callable, Dict, Iterator, Optional, Tuple

import torch
from thinc.api import ArgsKwargs, Model, PyTorchGradScaler, PyTorchShim, torch2xp, xp2torch
from thinc.layers.pytorchwrapper import convert_pytorch_default_outputs, forward
from thinc.shims.shim import Shim
from thinc.types import Floats2d
from thinc.util import get_torch_default_device
from torch import nn

from .featurize.features import DocFeatures
from .nn.batch import TorchBatch
from .nn.derived_cache import DerivedCache
from .nn.network import SentimentNet

QUANTIZED_LAYERS = {nn.LSTM, nn.GRU, nn.Linear}
ONE_SAVE_PATH = (
    "the torch layer is saved only as part of its SentimentClassifier (SentimentClassifier.to_bytes / to_disk write "
    "the network with the lexicon and the blinded terms, ml/serialization.py)"
)


class InPlaceUpdateShim(PyTorchShim):
    """PyTorchShim whose optimizer step writes into the existing parameter tensors, and which can
    predict on CPU with an int8 dynamically quantized copy of the model.

    thinc's shim assigns a fresh tensor to `param.data` at every step; with recent torch each of
    those keeps its predecessor alive, so training memory grows by the model's size per step.
    """

    def __init__(self, model: nn.Module, *, quantize_inference: bool = False, **kwargs: Any):
        super().__init__(model, **kwargs)
        self.quantize_inference = quantize_inference
        self._quantized: DerivedCache[nn.Module] = DerivedCache()

    def predict(self, inputs: ArgsKwargs) -> Any:
        """Forward pass for inference: eval mode, no autograd bookkeeping at all."""
        model = self._inference_model()
        model.eval()
        device_type = self.device.type
        with torch.inference_mode(), torch.autocast(device_type, enabled=self._mixed_precision):
            outputs = model(*inputs.args, **inputs.kwargs)
        self._model.train()
        return outputs

    def _inference_model(self) -> nn.Module:
        """The model itself, or (CPU, `quantize_inference`) its int8 copy, rebuilt whenever a
        parameter was replaced or written in place since the copy was made."""
        if not self.quantize_inference or self.device.type != "cpu":
            return self._model
        return self._quantized.get([self._model], self._quantize)

    def _quantize(self) -> nn.Module:
        with warnings.catch_warnings():  # torch 2.13 deprecates the qint8 tensor constructors
            warnings.filterwarnings("ignore", message=".*quantize_per_tensor.*", category=UserWarning)
            return torch.ao.quantization.quantize_dynamic(
                self._model, QUANTIZED_LAYERS, dtype=torch.qint8, inplace=False
            )

    def finish_update(self, optimizer) -> None:
        for name, param in self._model.named_parameters():
            if param.grad is None:
                continue
            if not self._grad_scaler.found_inf:  # skip the step when a gradient overflowed
                updated, _ = optimizer((self.id, name), torch2xp(param.data), torch2xp(param.grad))
                with torch.no_grad():
                    param.copy_(xp2torch(updated, device=param.device))
            param.grad.zero_()
        self._grad_scaler.update()

    @contextlib.contextmanager
    def use_params(self, params: Dict[Any, Any]) -> Iterator[None]:
        """Temporarily write `params` (e.g. the optimizer's parameter averages, keyed as
        `finish_update` keys them) into the weights, in place; restore them on exit.

        thinc's PyTorchShim looks the averages up under string keys the optimizer never writes, so
        spaCy's evaluation and model-best checkpoints would silently use the raw weights.
        """
        named = dict(self._model.named_parameters())
        found = {name: params[(self.id, name)] for name in named if (self.id, name) in params}
        backup = {name: named[name].detach().clone() for name in found}
        with torch.no_grad():
            for name, value in found.items():
                named[name].copy_(xp2torch(value, device=named[name].device))
        try:
            yield
        finally:
            with torch.no_grad():
                for name, saved in backup.items():
                    named[name].copy_(saved)

    def to_bytes(self) -> bytes:
        """Refused: the torch layer alone would be saved without the featurizer's tables. The classifier
        is the one save path (`SentimentClassifier.to_bytes` / `to_disk`, `ml/serialization.py`)."""
        raise NotImplementedError(ONE_SAVE_PATH)

    def from_bytes(self, bytes_data: bytes) -> "InPlaceUpdateShim":
        raise NotImplementedError(ONE_SAVE_PATH)

    def forget_optimizer_state(self) -> None:
        """Take a new id, so optimizer moments kept for old parameter shapes are not reused."""
        Shim.global_id += 1
        self.id = Shim.global_id


def torch_sentiment_layer(
    net: SentimentNet,
    mixed_precision: bool = False,
    grad_scaler: Optional[PyTorchGradScaler] = None,
    quantize_inference: bool = False,
) -> Model[DocFeatures, Floats2d]:
    """Wrap `net` so thinc drives it (as PyTorchWrapper_v3 does); the output is one row of logits
    per doc. Mixed precision applies only on CUDA, int8 inference only on CPU."""
    on_cuda = get_torch_default_device().type == "cuda"
    mixed_precision = mixed_precision and on_cuda
    shim = InPlaceUpdateShim(
        net,
        quantize_inference=quantize_inference,
        mixed_precision=mixed_precision,
        grad_scaler=grad_scaler if mixed_precision else None,
    )
    return Model(
        "pytorch",
        forward,
        attrs={
            "convert_inputs": _convert_inputs,
            "convert_outputs": convert_pytorch_default_outputs,
            "dropout_rate": 0.0,  # set by thinc's set_dropout_rate, forwarded to torch below
        },
        shims=[shim],
        dims={"nI": None, "nO": None},
    )


def _convert_inputs(model: Model, features: DocFeatures, is_train: bool) -> Tuple[ArgsKwargs, Callable]:
    batch = TorchBatch.from_features(features, model.shims[0].device)
    dropout = float(model.attrs["dropout_rate"] or 0.0) if is_train else 0.0
    # thinc calls the shim's `predict` (no autograd) exactly when is_train is false
    kwargs = {"dropout": dropout, "fast_inference": not is_train}
    return ArgsKwargs(args=(batch,), kwargs=kwargs), lambda d_inputs: []
