"""A vectorised map from 64-bit string ids to small integer codes, learned id by id.

A batch's token ids are looked up with one `searchsorted` over the ids seen so far; only ids never
seen before go through the (Python) `resolve` function, once each, and are merged in. A stream of
text soon has every frequent id cached, so a batch costs one vectorised search. The cache holds at
most `max_size` ids: a stream of millions of posts keeps bringing new words, and a cache that grew
with them would grow the process (and every merge) without bound; when full it starts again.
"""
from typing import Callable, Tuple

import numpy


def find_sorted(keys: numpy.ndarray, ids: numpy.ndarray) -> Tuple[numpy.ndarray, numpy.ndarray]:
    """(position, found) of each id in the sorted `keys`: where it is when found, a valid index of
    `keys` (0 when `keys` is empty) when not."""
    positions = numpy.minimum(numpy.searchsorted(keys, ids), max(len(keys) - 1, 0))
    found = keys[positions] == ids if len(keys) else numpy.zeros(len(ids), dtype=bool)
    return positions, found


class IdCache:
    """uint64 ids -> int64 codes; `resolve(id)` gives the code of an id the first time it is seen."""

    def __init__(self, max_size: int = 200_000) -> None:
        self.max_size = max_size
        self.keys = numpy.zeros(0, dtype=numpy.uint64)
        self.codes = numpy.zeros(0, dtype=numpy.int64)

    def __len__(self) -> int:
        return len(self.keys)

    def lookup(self, ids: numpy.ndarray, resolve: Callable[[int], int]) -> numpy.ndarray:
        """The code of each id, resolving and remembering the unseen ones."""
        ids = numpy.asarray(ids, dtype=numpy.uint64)
        positions, seen = find_sorted(self.keys, ids)
        if not seen.all():
            new = numpy.unique(ids[~seen])
            codes = numpy.fromiter((resolve(int(key)) for key in new), dtype=numpy.int64, count=len(new))
            if len(self.keys) + len(new) > self.max_size:  # full: start again from this batch's ids
                self.keys, self.codes = self.keys[:0], self.codes[:0]
            keys = numpy.concatenate((self.keys, new))
            order = numpy.argsort(keys, kind="stable")
            self.keys, self.codes = keys[order], numpy.concatenate((self.codes, codes))[order]
            positions, _ = find_sorted(self.keys, ids)
        return self.codes[positions]
