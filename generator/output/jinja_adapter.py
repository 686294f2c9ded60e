"""The Jinja2 Environment every theme renders in: Jinja2's sandbox, so a theme (which
may come from anywhere) reads the values it is given and calls their safe methods but
never reaches Python's internals (`cycler.__init__.__globals__.os.popen(...)` is a
build error naming the template's line, not a command run or a file read).

Some of the sandbox's checks are skipped where they cannot matter, through its public
hooks (getattr, call), which keeps its cost to a few per cent of a build: a plain dict's
key (every `t.<string>`) is looked up directly (dict methods still come first, a missing
key is still an Undefined), a public field of a dataclass (every page value) is read
without the checks made for functions, types, frames and code, and a theme's own macro
is called without the check made for callables. Same output as Jinja2's Environment.

The sandbox keeps a theme from Python's internals, not from using the machine up: a
loop inside a loop over `range(100000)` runs for hours, and `"a" * 10**10` or a string
doubled in a loop asks for gigabytes. So a page renders `limited()`: for at most
RENDER_SECONDS, and with at most RENDER_MEMORY more memory than the process held when it
began (where the process can set both: in its main thread, on Linux; serve's request
threads render without them).
"""

from __future__ import annotations

import dataclasses
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from jinja2.runtime import Context, Macro
from jinja2.sandbox import SandboxedEnvironment, SecurityError

try:
    import resource
except ImportError:  # not on Windows: pages render there without the memory limit
    resource = None  # type: ignore[assignment]

_DICT_ATTRIBUTES = frozenset(dir(dict))
MAX_POWER_BITS = 1_000_000


class Environment(SandboxedEnvironment):
    """Jinja2's sandbox: a theme, which may come from anywhere, reads the values it is
    given and calls their safe methods, but never reaches Python's internals from them
    (`cycler.__init__.__globals__.os.popen(...)` runs no command and reads no file)."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        """As SandboxedEnvironment.getattr, but a plain dict's key (every `t.<string>`) is
        found without first raising and catching AttributeError (dict methods still come
        first), and a public field of a dataclass (the values every page is made of) is
        read without the checks the sandbox makes for functions, types, frames and code."""
        kind = type(obj)
        if kind is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        if attribute[:1] != "_" and attribute in _fields(kind):
            return getattr(obj, attribute)
        return super().getattr(obj, attribute)

    intercepted_binops = frozenset({"**"})  # a power is worked out in C, where no time limit stops it

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """`**` with a result of more than MAX_POWER_BITS is a SecurityError; all else as Jinja2's sandbox."""
        if operator == "**" and isinstance(left, int) and isinstance(right, int) and abs(left) > 1 \
                and right * abs(left).bit_length() > MAX_POWER_BITS:
            raise SecurityError(f"{left} ** {right} is too large a number for a page")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        """As SandboxedEnvironment.call, without its check for a theme's own macros."""
        if type(__obj) is Macro:
            return __context.call(__obj, *args, **kwargs)
        return super().call(__context, __obj, *args, **kwargs)


_FIELDS: dict[type, frozenset[str]] = {}


def _fields(kind: type) -> frozenset[str]:
    """A type -> the names of its fields when it is a dataclass (none else)."""
    found = _FIELDS.get(kind)
    if found is None:
        found = _FIELDS[kind] = frozenset(f.name for f in dataclasses.fields(kind)) \
            if dataclasses.is_dataclass(kind) else frozenset()
    return found


RENDER_SECONDS = 10  # the slowest page of a 10,000-story site (its timeline) renders in 0.2 s
RENDER_MEMORY = 1 << 30  # bytes; a page of such a site needs a few megabytes


class OverTime(Exception):
    """A page took longer than RENDER_SECONDS to render."""


def _over_time(_signum: int, _frame: object) -> None:
    raise OverTime


def over_limit(error: OverTime | MemoryError, doing: str) -> str:
    """A limit `limited` stopped at, what was being done ('render') -> what to tell the theme's author."""
    if isinstance(error, OverTime):
        return f"took more than {RENDER_SECONDS:g} s to {doing} (a loop too long?)"
    return f"needs more than {RENDER_MEMORY / (1 << 30):g} GB of memory to {doing} (a string or list made too long?)"


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_statm: dict[int, int] = {}  # this process's /proc/self/statm, open (by pid: a forked worker opens its own)


def _address_space() -> int | None:
    """-> the bytes of address space this process holds now (None where Linux's /proc is not)."""
    pid = os.getpid()
    fd = _statm.get(pid)
    try:
        if fd is None:
            fd = _statm[pid] = os.open("/proc/self/statm", os.O_RDONLY)
        return int(os.pread(fd, 64, 0).split(maxsplit=1)[0]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None


@contextmanager
def limited() -> Iterator[None]:
    """Within the block, raise OverTime after RENDER_SECONDS and MemoryError when the
    process asks for more than RENDER_MEMORY beyond what it holds (in the main thread
    only: a signal reaches only that, and a limit set by a thread holds for all)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return
    held = _address_space() if resource is not None else None
    soft, hard = resource.getrlimit(resource.RLIMIT_AS) if resource is not None else (0, 0)
    capped = held is not None and (soft == resource.RLIM_INFINITY or held + RENDER_MEMORY < soft)
    if capped:
        resource.setrlimit(resource.RLIMIT_AS, (held + RENDER_MEMORY, hard))  # type: ignore[operator]
    before = signal.signal(signal.SIGALRM, _over_time)
    signal.setitimer(signal.ITIMER_REAL, RENDER_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)
        if capped:
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
