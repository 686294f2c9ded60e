"""A template's source and the value it is rendered with -> every name or attribute it
reads that the value does not declare, found from Jinja's AST without rendering.

Top-level names come from `jinja2.meta.find_undeclared_variables` and must be fields of
the template's value or of its Chrome. Then every `a.b.c` (and `a['b']`, `for x in a`,
`set x = a.b`) rooted at a name of known type is followed through the dataclasses'
type hints: a field or attribute the type does not have is a problem, and so is a key
of `t` (the UI strings) missing in any language. A name of unknown type (a macro's
parameter, a filter's result) is not followed.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections import ChainMap
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Union

from jinja2 import Environment, meta, nodes

from generator.pages.page import Chrome, PageValues
from generator.strings import STRINGS


class _Unknown:
    def __repr__(self) -> str:
        return "?"


class _Strings:
    def __repr__(self) -> str:
        return "strings"


UNKNOWN: Any = _Unknown()
STRINGS_TYPE: Any = _Strings()  # the type of `t`: its keys are checked against every language

Scope = ChainMap[str, Any]


def field_types(cls: type) -> dict[str, Any]:
    """A dataclass -> {field: its type}, UNKNOWN where a hint does not resolve."""
    try:
        hints = typing.get_type_hints(cls)
    except (NameError, TypeError):
        hints = {}
    return {f.name: hints.get(f.name, UNKNOWN) for f in dataclasses.fields(cls)}


def declared(values: type[PageValues]) -> dict[str, Any]:
    """A page value class -> {name a template may read: its type}: the chrome's fields and its own."""
    names = {**field_types(Chrome), **field_types(values)}
    del names["chrome"]
    names["t"] = STRINGS_TYPE
    return names


def _optional_stripped(kind: Any) -> Any:
    if typing.get_origin(kind) in (Union, types.UnionType):
        rest = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        return rest[0] if len(rest) == 1 else UNKNOWN
    return kind


def _returned(owner: type, name: str) -> Any:
    """The type a property returns (UNKNOWN for a method or an unannotated property)."""
    member = getattr(owner, name, None)
    if isinstance(member, property) and member.fget is not None:
        try:
            return typing.get_type_hints(member.fget).get("return", UNKNOWN)
        except (NameError, TypeError):
            return UNKNOWN
    return UNKNOWN


@dataclasses.dataclass(frozen=True)
class Prefix:
    """A key built from a constant and a value: `t["esc_status." ~ state.status]`."""

    start: str


def _missing_string(key: str | Prefix) -> str | None:
    if isinstance(key, Prefix):
        languages = [str(language) for language, text in STRINGS.items() if not any(k.startswith(key.start) for k in text)]
        return f"no string starting '{key.start}' in {', '.join(languages)}" if languages else None
    languages = [str(language) for language, text in STRINGS.items() if key not in text]
    return f"no string '{key}' in {', '.join(languages)}" if languages else None


def attribute(kind: Any, name: str) -> tuple[str | None, Any]:
    """A type, an attribute a template reads of it -> (the problem or None, its type)."""
    kind = _optional_stripped(kind)
    if kind is UNKNOWN or kind is Any:
        return None, UNKNOWN
    if kind is STRINGS_TYPE:
        return _missing_string(name), str
    origin = typing.get_origin(kind) or kind
    if not isinstance(origin, type):
        return None, UNKNOWN
    if dataclasses.is_dataclass(origin):
        fields = field_types(origin)
        if name in fields:
            return None, fields[name]
    if hasattr(origin, name):
        return None, _returned(origin, name)
    if issubclass(origin, Mapping):  # Jinja reads `a.b` as a['b'] when `a` has no attribute b
        args = typing.get_args(kind)
        return None, args[1] if len(args) == 2 else UNKNOWN
    return f"{getattr(origin, '__name__', origin)} has no attribute '{name}'", UNKNOWN


def item(kind: Any, key: Any) -> tuple[str | None, Any]:
    """A type, a constant key (UNKNOWN when not constant) -> (the problem or None, the item's type)."""
    kind = _optional_stripped(kind)
    if kind is STRINGS_TYPE:
        return (_missing_string(key) if isinstance(key, (str, Prefix)) else None), str
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if not isinstance(origin, type):
        return None, UNKNOWN
    if issubclass(origin, Mapping) and len(args) == 2:
        return None, args[1]
    if issubclass(origin, tuple) and not (len(args) == 2 and args[1] is Ellipsis):
        return None, args[key] if isinstance(key, int) and -len(args) <= key < len(args) else UNKNOWN
    if issubclass(origin, Sequence) and args:
        return None, args[0] if isinstance(key, int) else UNKNOWN
    return None, UNKNOWN


def element(kind: Any) -> Any:
    """A type a template loops over -> the type of one element."""
    kind = _optional_stripped(kind)
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if not isinstance(origin, type) or not args:
        return UNKNOWN
    if issubclass(origin, Mapping):
        return args[0]
    if issubclass(origin, tuple):
        return args[0] if len(args) == 2 and args[1] is Ellipsis else UNKNOWN
    if issubclass(origin, Sequence):
        return args[0]
    return UNKNOWN


def unpacked(kind: Any, count: int) -> list[Any]:
    """A tuple type, how many names it is unpacked into -> their types."""
    kind = _optional_stripped(kind)
    args = typing.get_args(kind)
    if typing.get_origin(kind) is tuple and len(args) == count and Ellipsis not in args:
        return list(args)
    return [UNKNOWN] * count


def _key(node: nodes.Expr) -> Any:
    """An index expression -> its constant, a Prefix for 'constant' ~ value, else UNKNOWN."""
    if isinstance(node, nodes.Const):
        return node.value
    if isinstance(node, nodes.Concat) and node.nodes and isinstance(node.nodes[0], nodes.Const):
        return Prefix(str(node.nodes[0].value))
    return UNKNOWN


def shown(node: nodes.Node) -> str:
    """An expression -> how the template writes it (roughly): 'row.company.name', "t['x']"."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{shown(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        key = _key(node.arg)
        return f"{shown(node.node)}[{f'{key.start!r} ~ ...' if isinstance(key, Prefix) else repr(key)}]"
    if isinstance(node, nodes.Call):
        return f"{shown(node.node)}(...)"
    return "(...)"


@dataclasses.dataclass(frozen=True)
class MacroRef:
    """A macro as a name in a template refers to it: the file defining it and its name."""

    template: str
    name: str


Binding = tuple[tuple[str, str], ...]  # a macro's parameters with their types, as (name, repr), to compare


class _Checker:
    """Walks one template with the type of every name it can see, noting each problem.

    `signatures` are the parameter names of every macro of the theme; `bindings` the
    parameter types each macro was called with (a macro's body is checked once per set
    of types, as unknown when it was not seen called); calls seen here are added to `calls`."""

    def __init__(self, name: str, scope: Mapping[str, Any], signatures: Mapping[MacroRef, list[str]],
                 bindings: Mapping[MacroRef, Mapping[Binding, dict[str, Any]]]) -> None:
        self.name = name
        self.scope: Scope = ChainMap({}, dict(scope))
        self.signatures = signatures
        self.bindings = bindings
        self.calls: dict[MacroRef, dict[Binding, dict[str, Any]]] = {}
        self.problems: list[str] = []

    def problem(self, node: nodes.Node, message: str) -> None:
        self.problems.append(f"{self.name}:{node.lineno}: {shown(node)}: {message}")

    def type_of(self, node: nodes.Node) -> Any:
        """An expression -> its type, noting every attribute or key it reads that its owner lacks."""
        if isinstance(node, nodes.Name):
            return self.scope.get(node.name, UNKNOWN)
        if isinstance(node, nodes.Getattr):
            problem, kind = attribute(self.type_of(node.node), node.attr)
        elif isinstance(node, nodes.Getitem):
            self.type_of(node.arg)
            problem, kind = item(self.type_of(node.node), _key(node.arg))
        elif isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) \
                and isinstance(self.scope.get(node.node.name), MacroRef):
            self.called(self.scope[node.node.name], node)
            return UNKNOWN
        else:
            for child in node.iter_child_nodes():
                self.visit(child)
            return UNKNOWN
        if problem:
            self.problem(node, problem)
        return kind

    def called(self, macro: MacroRef, call: nodes.Call) -> None:
        """A call of a theme macro -> the types of its arguments, noted for checking its body."""
        params = self.signatures.get(macro, [])
        given = {name: self.type_of(arg) for name, arg in zip(params, call.args)}
        given |= {keyword.key: self.type_of(keyword.value) for keyword in call.kwargs}
        for extra in (*call.args[len(params):], call.dyn_args, call.dyn_kwargs):
            if extra is not None:
                self.visit(extra)
        binding = tuple(sorted((name, repr(kind)) for name, kind in given.items()))
        self.calls.setdefault(macro, {})[binding] = given

    def bind(self, target: nodes.Node, kind: Any) -> None:
        if isinstance(target, nodes.Name):
            self.scope[target.name] = kind
        elif isinstance(target, nodes.Tuple):
            for name, part in zip(target.items, unpacked(kind, len(target.items))):
                self.bind(name, part)

    def nested(self, names: Mapping[str, Any], body: Sequence[nodes.Node]) -> None:
        self.scope = self.scope.new_child(dict(names))
        for child in body:
            self.visit(child)
        self.scope = self.scope.parents

    def visit(self, node: nodes.Node) -> None:
        if isinstance(node, nodes.Expr):
            self.type_of(node)
        elif isinstance(node, nodes.Template):
            for child in node.body:  # a file's macros may call each other before they are defined
                if isinstance(child, nodes.Macro):
                    self.scope[child.name] = MacroRef(self.name, child.name)
            self.nested({}, node.body)
        elif isinstance(node, nodes.For):
            kind = element(self.type_of(node.iter))
            self.scope = self.scope.new_child({"loop": UNKNOWN})
            self.bind(node.target, kind)
            for child in [*([node.test] if node.test else []), *node.body]:
                self.visit(child)
            self.scope = self.scope.parents
            for child in node.else_:
                self.visit(child)
        elif isinstance(node, nodes.Assign):
            if isinstance(node.target, nodes.Tuple) and isinstance(node.node, nodes.Tuple):
                for target, value in zip(node.target.items, node.node.items):
                    self.bind(target, self.type_of(value))
            else:
                self.bind(node.target, self.type_of(node.node))
        elif isinstance(node, nodes.Macro):
            self.macro(node)
        elif isinstance(node, nodes.CallBlock):
            self.visit(node.call)
            for default in node.defaults:
                self.visit(default)
            self.nested({arg.name: UNKNOWN for arg in node.args} | {"caller": UNKNOWN}, node.body)
        elif isinstance(node, nodes.FromImport):
            source = node.template.value if isinstance(node.template, nodes.Const) else None
            for name in node.names:
                original, alias = name if isinstance(name, tuple) else (name, name)
                self.scope[alias] = MacroRef(source, original) if source is not None else UNKNOWN
        elif isinstance(node, (nodes.Import, nodes.AssignBlock)):
            self.scope[node.target.name if isinstance(node.target, nodes.Name) else str(node.target)] = UNKNOWN
            if isinstance(node, nodes.AssignBlock):
                self.nested({}, node.body)
        else:
            for child in node.iter_child_nodes():
                self.visit(child)

    def macro(self, node: nodes.Macro) -> None:
        """A macro's body, checked once for each set of argument types it was called with."""
        for default in node.defaults:
            self.visit(default)
        ref = MacroRef(self.name, node.name)
        fixed = {"varargs": UNKNOWN, "kwargs": UNKNOWN, "caller": UNKNOWN}
        for given in (self.bindings.get(ref) or {(): {}}).values():
            self.nested({arg.name: given.get(arg.name, UNKNOWN) for arg in node.args} | fixed, node.body)
        self.scope[node.name] = ref


def _first_read(tree: nodes.Template, name: str) -> int:
    return min((n.lineno for n in tree.find_all(nodes.Name) if n.name == name and n.ctx == "load"), default=1)


def _bound(tree: nodes.Template) -> set[str]:
    """Names a template binds itself (imports, macros, sets). Jinja's analysis counts
    some as undeclared: a block reads the top level's from the context, and a name set
    in one branch of an `if` is looked up in the context when the branch is not taken."""
    names: set[str] = set()
    for node in tree.find_all((nodes.FromImport, nodes.Import, nodes.Macro, nodes.Assign, nodes.AssignBlock)):
        if isinstance(node, nodes.FromImport):
            names.update(name[1] if isinstance(name, tuple) else name for name in node.names)
        elif isinstance(node, nodes.Import):
            names.add(node.target)
        elif isinstance(node, nodes.Macro):
            names.add(node.name)
        elif isinstance(node, (nodes.Assign, nodes.AssignBlock)):
            names.update(n.name for n in (node.target, *node.target.find_all(nodes.Name)) if isinstance(n, nodes.Name))
    return names


def undeclared_reads(env: Environment, name: str, source: str, values: type[PageValues]) -> list[str]:
    """A template's name and source, the value class it is rendered with -> every
    problem, as 'name:line: expression: what is wrong'."""
    return theme_problems(env, {name: source}, {name: values})


def theme_problems(env: Environment, sources: Mapping[str, str], values: Mapping[str, type[PageValues]]) -> list[str]:
    """Every template of a theme (name -> source) and its value class -> every problem.

    Each macro's body is checked with the argument types of every call of it in the
    theme: the templates are walked again until no new call is found."""
    trees = {name: env.parse(source, name) for name, source in sources.items()}
    signatures = {MacroRef(name, m.name): [arg.name for arg in m.args]
                  for name, tree in trees.items() for m in tree.find_all(nodes.Macro)}
    problems = [
        f"{name}:{_first_read(tree, var)}: {var}: {values[name].__name__} does not declare '{var}'"
        for name, tree in trees.items()
        for var in sorted(meta.find_undeclared_variables(tree) - declared(values[name]).keys()
                          - env.globals.keys() - _bound(tree))
    ]
    bindings: dict[MacroRef, dict[Binding, dict[str, Any]]] = {}
    for _ in range(10):  # macros calling macros: as deep as the theme nests them
        checkers = [_Checker(name, declared(values[name]), signatures, bindings) for name in trees]
        for checker in checkers:
            checker.visit(trees[checker.name])
        found = {ref: dict(bindings.get(ref, {})) for ref in {*bindings, *(r for c in checkers for r in c.calls)}}
        for checker in checkers:
            for ref, calls in checker.calls.items():
                found[ref].update(calls)
        if found == bindings:
            break
        bindings = found
    return problems + list(dict.fromkeys(p for checker in checkers for p in checker.problems))


def template_names(tree: nodes.Template) -> Iterator[str]:
    """A template -> the templates it extends, includes or imports (constant names only)."""
    for node in tree.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
        if isinstance(node, (nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)) \
                and isinstance(node.template, nodes.Const):
            yield node.template.value
