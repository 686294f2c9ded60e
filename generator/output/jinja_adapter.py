"""A Jinja2 Environment whose attribute lookup finds a plain dict's key first.

Templates read plain dicts with `t.<name>` (the UI strings, every page). Jinja2's own
`Environment.getattr` tries `getattr()` first, which raises and catches AttributeError
for every key; this override (Jinja2's public hook, as its SandboxedEnvironment uses it)
looks the key up directly and keeps the same precedence: dict methods still come first,
a missing key is still an Undefined. Same output as Jinja2's Environment, a few per cent
less render time at 10,000 stories.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment as _JinjaEnvironment

_DICT_ATTRIBUTES = frozenset(dir(dict))


class Environment(_JinjaEnvironment):
    def getattr(self, obj: Any, attribute: str) -> Any:
        """As Environment.getattr, but a plain dict's key (every `t.<string>`) is found
        without first raising and catching AttributeError; dict methods still come first."""
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        try:
            return getattr(obj, attribute)
        except AttributeError:
            pass
        try:
            return obj[attribute]
        except (TypeError, LookupError, AttributeError):
            return self.undefined(obj=obj, name=attribute)
