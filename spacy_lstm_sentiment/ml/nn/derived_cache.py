"""A copy derived from some modules' weights (a fused kernel, an int8 model), rebuilt when they change."""
from typing import Callable, Generic, List, Optional, TypeVar

from torch import nn

T = TypeVar("T")


class WeightsStamp:
    """The identity and in-place version of every parameter of some modules, at one moment.

    It holds the parameters themselves, so a parameter freed and replaced by a new one at the same
    address can never pass for the old one.
    """

    def __init__(self, *modules: nn.Module):
        self._params = _parameters(modules)
        self._versions = [param._version for param in self._params]

    def matches(self, *modules: nn.Module) -> bool:
        """True if `modules` hold the same parameter objects, none written since the stamp."""
        params = _parameters(modules)
        return len(params) == len(self._params) and all(
            param is old and param._version == version
            for param, old, version in zip(params, self._params, self._versions)
        )


class DerivedCache(Generic[T]):
    """Keeps one object built from modules' weights; `get` rebuilds it after any update, load or
    reshape (a parameter replaced, or written in place since the build)."""

    def __init__(self) -> None:
        self._value: Optional[T] = None
        self._stamp: Optional[WeightsStamp] = None

    def get(self, modules: List[nn.Module], build: Callable[[], T]) -> T:
        if self._stamp is None or not self._stamp.matches(*modules):
            self._value = build()
            self._stamp = WeightsStamp(*modules)
        return self._value  # type: ignore[return-value]


def _parameters(modules) -> List[nn.Parameter]:
    return [param for module in modules for param in module.parameters()]
