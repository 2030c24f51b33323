"""A vectorised map from 64-bit string ids to small integer codes, learned id by id.

spaCy's string ids are 64-bit hashes, so their low bits are uniform: the cache is a direct-mapped
table indexed by them. A batch's ids are looked up with one gather (no search): an id whose slot
holds it is a hit; only ids never seen before, or pushed out of their slot by another id since, go
through `resolve`, together, once each per batch, and take their slot. A stream of text
soon has every frequent id cached. The table has a fixed size, so a stream of millions of posts,
which keeps bringing new words, never grows it.
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
    """uint64 ids -> int64 codes; `resolve(ids)` gives the codes of ids (an array) the cache does not hold.

    max_size: the table's slots are the smallest power of two at least this large.
    """

    def __init__(self, max_size: int = 1 << 18) -> None:
        slots = 1 << max(int(max_size) - 1, 1).bit_length()
        self.mask = numpy.uint64(slots - 1)
        # one record per slot, read with one gather; an empty slot holds a key that cannot belong to it
        # (slot + 1: its low bits differ from the slot's), so no flag says which slots are taken
        self.table = numpy.zeros(slots, dtype=[("key", numpy.uint64), ("code", numpy.int64)])
        self.table["key"] = numpy.arange(1, slots + 1, dtype=numpy.uint64)

    def __len__(self) -> int:
        """The number of ids held now (at most the number of slots)."""
        slots = numpy.arange(len(self.table), dtype=numpy.uint64)
        return int(((self.table["key"] & self.mask) == slots).sum())

    def lookup(self, ids: numpy.ndarray, resolve: Callable[[numpy.ndarray], numpy.ndarray]) -> numpy.ndarray:
        """The code of each id, resolving and remembering the ones not held."""
        ids = numpy.asarray(ids, dtype=numpy.uint64)
        slots = (ids & self.mask).astype(numpy.intp)
        entries = self.table[slots]
        codes = entries["code"]
        missing = entries["key"] != ids
        if missing.any():
            new, where = numpy.unique(ids[missing], return_inverse=True)
            new_codes = numpy.asarray(resolve(new), dtype=numpy.int64)
            codes[missing] = new_codes[where.reshape(-1)]
            new_slots = (new & self.mask).astype(numpy.intp)
            self.table["key"][new_slots] = new  # two new ids of one slot: the last one stays
            self.table["code"][new_slots] = new_codes
        return codes
