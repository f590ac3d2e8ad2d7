"""Keeping Python's cyclic garbage collector off the objects a long bulk job did not make.

The collector's full passes walk every object the process holds: all of Django, its apps and
their caches, hundreds of thousands of objects. A bulk job (an import, a duplicate scan, an
export) allocates fast enough to set off such passes again and again, and they took a third
of an import's time. Inside ``collecting_only_new_objects`` what existed before is frozen out
of the collector's sight (it is still freed by reference counting), so its passes only walk
what the job made; afterwards it is handed back.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_depth = 0  # jobs inside the block: the heap is handed back when the last one leaves


@contextlib.contextmanager
def collecting_only_new_objects() -> Iterator[None]:
    global _depth
    with _lock:
        if _depth == 0:
            gc.freeze()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                gc.unfreeze()
