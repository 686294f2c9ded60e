"""YAML text -> Nodes with lines; bytes -> text."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from generator.read.yamlsource import Node, decode_text, kind_name, load_yaml


def load(text: str, first_line: int = 1) -> tuple[Node | None, list[str]]:
    root, diagnostics = load_yaml(text, path="f.yaml", first_line=first_line)
    return root, [str(d) for d in diagnostics]


def test_lines_of_keys_and_items() -> None:
    root, problems = load("title: x\ntags:\n  - a\n  - b\nnested:\n  key: 1\n", first_line=2)
    assert problems == [] and root is not None and root.kind == "map"
    assert [(e.key, e.line) for e in root.entries.values()] == [("title", 2), ("tags", 3), ("nested", 6)]
    assert [(item.value, item.line) for item in root.entries["tags"].node.items] == [("a", 4), ("b", 5)]
    assert root.entries["nested"].node.entries["key"].line == 7


@pytest.mark.parametrize(("text", "value"), [
    ("yes", True), ("no", False), ("on", True), ("off", False), ("'no'", "no"), ("1", 1), ("1.5", 1.5),
    ("0x1F", 31), ("~", None), ("", None), ("2014-02-03", date(2014, 2, 3)),
    ("2014-02-03 10:00:00", datetime(2014, 2, 3, 10, 0)), ("2014-02-03T10:00:00+02:00", datetime(2014, 2, 3, 10, 0)),
    ("hello", "hello"),
])
def test_scalars_follow_yaml_1_1(text: str, value: object) -> None:
    root, problems = load(f"k: {text}\n")
    assert problems == [] and root is not None
    node = root.entries["k"].node
    assert node.value == value and type(node.value) is type(value)


def test_keys_stay_as_written() -> None:
    root, _ = load("no: 1\n2014: 2\n")
    assert root is not None and list(root.entries) == ["no", "2014"]


def test_impossible_date_is_flagged_not_raised() -> None:
    root, problems = load("d: 2014-02-30\n")
    assert problems == [] and root is not None
    node = root.entries["d"].node
    assert node.bad_date and node.text == "2014-02-30" and kind_name(node) == "a date"


@pytest.mark.parametrize(("text", "message"), [
    ("a: 1\na: 2\n", "f.yaml:3: duplicate key 'a' (first on line 2)"),
    ("m:\n  a: 1\n  a: 2\n", "f.yaml:4: duplicate key 'm.a' (first on line 3)"),
    ("a: !foo 1\n", "f.yaml:2: a: unsupported YAML tag '!foo'"),
    ("a: &x [1, *x]\n", "f.yaml:2: a[2]: alias refers to itself or expands too far"),
    ("a: !!int abc\n", "f.yaml:2: a: 'abc' is not a valid !!int"),
    ("a: !!timestamp Waterlijn\n", "f.yaml:2: a: 'Waterlijn' is not a valid !!timestamp"),
    ("a: !!set {x}\n", "f.yaml:2: a: unsupported YAML tag 'tag:yaml.org,2002:set'"),
    ("? [a]\n: 1\n", "f.yaml:2: a key must be a plain name, not a list or mapping"),
])
def test_structure_problems(text: str, message: str) -> None:
    assert load(text, first_line=2)[1] == [message]


@pytest.mark.parametrize(("text", "message"), [
    ("a: 1\n\tb: 2\n", "f.yaml:2: invalid YAML: found a tab character that violates indentation; "
     "indent with spaces, not tabs"),
    ("a:\n\t- 1\n", "f.yaml:2: invalid YAML: found character that cannot start any token; "
     "indent with spaces, not tabs"),
    ("a:\n  - x\n  -\ty\n", "f.yaml:3: invalid YAML: found character that cannot start any token; "
     "indent with spaces, not tabs"),
    ("a: 1\nb: *x\n", "f.yaml:2: invalid YAML: found undefined alias"),
    ("a: \x01\n", "f.yaml:1: invalid YAML: character U+0001 is not allowed in YAML"),
    ("a: 1\n---\nb: 2\n", "f.yaml:2: invalid YAML: but found another document "
     "(expected a single document in the stream started on line 1)"),
    ("a:\n  b: 1\n c: 2\n", "f.yaml:3: invalid YAML: did not find expected key "
     "(while parsing a block mapping started on line 1)"),
])
def test_syntax_errors(text: str, message: str) -> None:
    root, problems = load(text)
    assert root is None and problems == [message]


def test_empty_text() -> None:
    assert load("") == (None, []) and load("# only a comment\n") == (None, [])


def test_alias_bomb_stops() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]" for i in range(6)]
    root, problems = load("\n".join(lines) + "\n")
    assert problems and "expands too far" in problems[0]


@pytest.mark.parametrize(("data", "text"), [
    (b"a\r\nb\r\n", "a\nb\n"), (b"\xef\xbb\xbfa\n", "a\n"), (b"a\rb", "a\nb"), ("é".encode(), "é"),
])
def test_decode_text(data: bytes, text: str) -> None:
    assert decode_text("f", data) == (text, [])


@pytest.mark.parametrize(("data", "message"), [
    (b"ok\n\x00", "f:1: not a text file (binary data)"),
    (b"ok\n\xff\xfe", "f:2: not valid UTF-8 text (byte 0xff); save the file as UTF-8"),
])
def test_decode_problems(data: bytes, message: str) -> None:
    text, problems = decode_text("f", data)
    assert text is None and [str(p) for p in problems] == [message]


def test_clean_text_drops_exactly_what_no_page_feed_or_data_file_can_carry() -> None:
    """The quick test for an unshowable character (one `in` per character) and the regex
    that removes them agree on every character of the Basic Multilingual Plane."""
    from generator.read.yamlsource import _UNSHOWABLE, _UNSHOWABLE_CHARS, clean_text

    everything = "".join(map(chr, range(0x10000))).replace("\ud800", "")
    assert {c for c in everything if _UNSHOWABLE.fullmatch(c)} == set(_UNSHOWABLE_CHARS)
    assert clean_text("a\x1bb\x00c\ufffed\tz\n") == "abcd\tz\n"
    kept = "".join(c for c in everything if c not in _UNSHOWABLE_CHARS)
    assert clean_text(kept) is kept
