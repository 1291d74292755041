"""Work split over two processes, for the serial start of a build.

Before MkDocs renders anything, the build reads and validates every content file: about a fifth of a build at 2,000
records, on one core while the other is idle. `map_in_two` forks: the child takes every second file and sends its
results back pickled, the parent takes the others, and the results come back in the files' order, as if one process
had done it all. Results point at shared objects (the reference data: prefectures, topics…); those travel by
reference, so the parent's results and the child's point at the very same objects.
"""

import gc
import io
import os
import pickle
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
MIN_ITEMS = 16  # below this, forking costs more than it saves


class ChildError(RuntimeError):
    """The child raised: a bug, not bad content (bad content comes back as problems). Carries its traceback."""


def map_in_two(function: Callable[[T], R], items: Sequence[T], shared: Sequence[object] = ()) -> list[R]:
    """`[function(item) for item in items]`, half of it computed in a forked child; `shared` lists the objects
    the results may point at that must stay the parent's own."""
    if len(items) < MIN_ITEMS or not hasattr(os, "fork"):
        return [function(item) for item in items]
    read_end, write_end = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child never returns
        os.close(read_end)
        _child(function, items[1::2], shared, write_end)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        try:
            mine = [function(item) for item in items[0::2]]
        finally:
            theirs = pipe.read()  # also when the parent failed: the child must not stay blocked on a full pipe
            os.waitpid(pid, 0)
    try:
        ok, value = _Unpickler(io.BytesIO(theirs), shared).load()
    except Exception as error:  # nothing or a part came back: the child died (e.g. killed for memory)
        ok, value = False, f"{len(theirs)} bytes came back: {error!r}"
    if not ok:
        raise ChildError(f"the second process failed:\n{value}")
    results = [None] * len(items)
    results[0::2], results[1::2] = mine, value
    return results


def _child(function: Callable, items: Sequence, shared: Sequence[object], write_end: int) -> None:
    """Compute, send `(True, results)` or `(False, traceback)`, exit without running the parent's exit handlers."""
    gc.disable()  # short-lived: collecting would touch, and so copy, the memory shared with the parent
    try:
        buffer = io.BytesIO()
        try:
            _Pickler(buffer, shared).dump((True, [function(item) for item in items]))
        except BaseException:  # computing or pickling
            buffer = io.BytesIO(pickle.dumps((False, traceback.format_exc())))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(buffer.getbuffer())
    finally:
        os._exit(0)


class _Pickler(pickle.Pickler):
    """Writes each object of `shared` as its position in `shared`."""

    def __init__(self, file, shared: Sequence[object]):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.positions = {id(item): position for position, item in enumerate(shared)}

    def persistent_id(self, obj):
        return self.positions.get(id(obj))


class _Unpickler(pickle.Unpickler):
    """Reads a position written by `_Pickler` back as the object of `shared` at that position."""

    def __init__(self, file, shared: Sequence[object]):
        super().__init__(file)
        self.shared = shared

    def persistent_load(self, position):
        return self.shared[position]
