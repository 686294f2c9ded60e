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
"""

from __future__ import annotations

import dataclasses
from typing import Any

from jinja2.runtime import Context, Macro
from jinja2.sandbox import SandboxedEnvironment

_DICT_ATTRIBUTES = frozenset(dir(dict))


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
