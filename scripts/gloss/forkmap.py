"""The generator's per-term work on two cores: a forked process does the second half of a list.

``map2(function, items)`` is ``[function(item) for item in items]``: with enough items and a
second core, a process forked from this one (so it has every term, name and index already, and
``function`` may be any closure) works through the second half while this one works through the
first, and sends its results back pickled.  Results must be small and picklable: what is new, not
the objects the caller already holds.  ``GLOSS_WORKERS=1`` keeps it to one core; a failure in the
forked process is raised here, with its cause.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
MIN_ITEMS = 400  # below this, forking costs more than it saves


def cores() -> int:
    wanted = os.environ.get("GLOSS_WORKERS", "2")
    # Linux only: forking a process that has loaded system frameworks is not safe on macOS.
    fork = sys.platform.startswith("linux") and (os.cpu_count() or 1) > 1
    return 2 if fork and wanted != "1" else 1


def trim() -> None:
    """Hand the memory Python has freed back to the system (glibc's ``malloc_trim``) before forking
    a long-lived process: a forked process counts every page it shares as resident, freed or not."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def map2(function: Callable[[T], R], items: Sequence[T], min_items: int = MIN_ITEMS) -> list[R]:
    if cores() < 2 or len(items) < min_items:
        return [function(item) for item in items]
    half = len(items) // 2
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the forked process (its results are tested through the parent)
        os.close(reader)
        try:
            payload: tuple[str, object] = ("done", [function(item) for item in items[half:]])
        except BaseException as error:  # noqa: BLE001 - sent back and raised in the parent
            payload = ("failed", f"{type(error).__name__}: {error}\n{traceback.format_exc()}")
        try:
            with os.fdopen(writer, "wb") as out:  # streamed: neither process holds the whole pickle at once
                pickle.dump(payload, out, pickle.HIGHEST_PROTOCOL)
        finally:  # whatever happens, this process goes no further (a broken stream fails in the parent)
            os._exit(0)
    os.close(writer)
    try:
        first = [function(item) for item in items[:half]]
    except BaseException:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        os.close(reader)
        raise
    with os.fdopen(reader, "rb") as incoming:
        try:
            status, second = pickle.load(incoming)
        except (EOFError, pickle.UnpicklingError) as error:
            status, second = "failed", f"it ended without all its results ({type(error).__name__})"
    os.waitpid(pid, 0)
    if status != "done":
        raise RuntimeError(f"the generator's second process failed: {second}")
    return first + list(second)
