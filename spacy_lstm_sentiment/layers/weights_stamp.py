"""Tell whether a module's weights changed since a derived copy of them was made."""
from typing import List

from torch import nn


class WeightsStamp:
    """The identity and in-place version of every parameter of some modules, at one moment.

    It holds the parameters themselves, so a parameter freed and replaced by a new one at the same
    address can never pass for the old one.
    """

    def __init__(self, *modules: nn.Module):
        self._params = [param for module in modules for param in module.parameters()]
        self._versions = [param._version for param in self._params]

    def matches(self, *modules: nn.Module) -> bool:
        """True if `modules` hold the same parameter objects, none written since the stamp."""
        params: List[nn.Parameter] = [param for module in modules for param in module.parameters()]
        return len(params) == len(self._params) and all(
            param is old and param._version == version
            for param, old, version in zip(params, self._params, self._versions)
        )
