"""A Jinja2 Environment with two speed-ups that reach into Jinja2's and MarkupSafe's
internals, kept here alone so that render.py uses only Jinja2's public API.

- Output escaping: Jinja's compiled template code calls the name `escape` from its module
  globals on every `{{ ... }}`; here a plain str is escaped to a plain str, not wrapped
  in Markup (Jinja only joins the pieces, so the bytes are the same).
- Attribute lookup: `t.<name>` on a plain dict finds the key without first raising and
  catching AttributeError.

`tests/test_render.py::test_jinja_adapter_still_applies` fails loudly when a Jinja2 or
MarkupSafe upgrade moves what these rely on; then delete the module and import Jinja2's
own Environment in render.py (the output is the same, only slower).
"""

from __future__ import annotations

from typing import Any

import markupsafe
from jinja2 import Environment as _JinjaEnvironment
from jinja2 import Template

_escape_str = getattr(markupsafe, "_escape_inner", None)  # str -> escaped str; MarkupSafe >= 3.0


def _output_escape(value: Any) -> str:
    """What a template calls on every `{{ ... }}` it writes into HTML: markupsafe.escape,
    but a plain str comes back as a plain str, not wrapped in Markup. Jinja only joins
    these pieces (and marks the joined text safe where it must), so the bytes are the
    same; it saves a Python-level Markup() per value, a tenth of a page's time."""
    if type(value) is str:
        return _escape_str(value)  # type: ignore[misc]
    if type(value) is markupsafe.Markup:  # already safe: escape() would only copy it
        return value
    return markupsafe.escape(value)


class _Template(Template):
    @classmethod
    def from_code(cls, environment: Environment, code: Any, globals: Any, uptodate: Any = None) -> Template:  # type: ignore[override]
        template = super().from_code(environment, code, globals, uptodate)
        # Jinja's compiled code calls the name `escape` in its module for output only.
        namespace = template.root_render_func.__globals__
        if _escape_str is not None and namespace.get("escape") is markupsafe.escape:
            namespace["escape"] = _output_escape
        return template


_DICT_ATTRIBUTES = frozenset(dir(dict))


class Environment(_JinjaEnvironment):
    template_class = _Template

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
