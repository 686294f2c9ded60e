"""fast/frontmatter.py reads plain front-matter into exactly the Nodes load_yaml makes.

A build reads front-matter with read_front_matter (the plain subset without libyaml,
anything else with load_yaml); a build without fast/ reads it all with load_yaml. Here
both run on the same input and must agree to the byte: the same Node tree (compared with
== and by repr, so 6 vs 6.0 or 1 vs True would show), the same Story, the same
diagnostics. Inputs: a generated corpus (where the plain reader must actually be taken),
every story fixture of the test suite, single-line changes of a valid story, and
hypothesis' mutations and random front-matter.
"""

from __future__ import annotations

import string
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.corpus import write_corpus
from generator.fast.frontmatter import plain_node, read_front_matter
from generator.model import SiteConfig
from generator.read.story import parse_story, split_source
from generator.read.yamlsource import decode_text, load_yaml
from tests import test_adversarial, test_frontmatter, test_properties

TESTS = Path(__file__).parent
CONFIGS = (SiteConfig(), SiteConfig(allow_html=True))


def _front_matter(path: str, data: bytes) -> str | None:
    text, _ = decode_text(path, data)
    source, _ = split_source(path, text or "")
    return source.yaml if source is not None else None


def assert_same(path: str, data: bytes, configs: tuple[SiteConfig, ...] = CONFIGS) -> None:
    front = _front_matter(path, data)
    if front is not None:
        fast = read_front_matter(front, path=path, first_line=2, key="front-matter")
        full = load_yaml(front, path=path, first_line=2, key="front-matter")
        assert fast == full and repr(fast) == repr(full), (path, front[:300])
    for config in configs:
        fast_story = parse_story(path, data, config=config, read_yaml=read_front_matter)
        full_story = parse_story(path, data, config=config)
        assert fast_story == full_story, (path, data[:300])
        assert repr(fast_story) == repr(full_story), (path, data[:300])


def read_plain(path: str, data: bytes) -> bool:
    front = _front_matter(path, data)
    return front is not None and plain_node(front, first_line=2) is not None


def test_corpus_stories_are_read_by_the_plain_reader_and_agree(tmp_path: Path) -> None:
    write_corpus(tmp_path, stories=400, companies=12, seed=11)
    files = sorted((tmp_path / "content" / "stories").rglob("*.md"))
    assert len(files) == 400
    for file in files:
        path, data = file.relative_to(tmp_path).as_posix(), file.read_bytes()
        assert read_plain(path, data), path
        assert_same(path, data)


def _fixture_stories() -> list[tuple[str, bytes]]:
    """Every story the other tests feed to the parser: sites on disk and the tables."""
    out = [(p.relative_to(TESTS).as_posix(), p.read_bytes()) for p in sorted((TESTS / "sites").rglob("*.md"))]
    out += [(p.relative_to(TESTS.parent).as_posix(), p.read_bytes())
            for p in sorted((TESTS.parent / "content").rglob("*.md"))]
    for case in [*test_adversarial.INVALID, *test_adversarial.ODD_BUT_VALID]:
        for path, content in case[1].items():
            if path.endswith(".md"):
                out.append((path, content if isinstance(content, bytes) else content.encode()))
    for table in (test_frontmatter.BAD_FILES, test_frontmatter.FIELD_ERRORS, test_frontmatter.RULE_ERRORS):
        out.extend((test_frontmatter.PATH, data if isinstance(data, bytes) else data.encode())
                   for data, _ in table)
    out.append((test_properties.PATH, test_properties.VALID.encode()))
    return out


def test_every_fixture_story_agrees() -> None:
    stories = _fixture_stories()
    assert len(stories) > 60
    assert sum(read_plain(path, data) for path, data in stories) >= 10  # both readers are exercised
    assert sum(not read_plain(path, data) for path, data in stories) >= 10
    for path, data in stories:
        assert_same(path, data)


def test_every_single_line_change_of_the_valid_story_agrees() -> None:
    lines = test_properties.VALID_LINES
    assert read_plain(test_properties.PATH, test_properties.VALID.encode())
    for index in range(len(lines)):
        for fragment in [*test_properties.FRAGMENTS, "# note", "  # note", "tags: []", "x: {a: 1}", "  - a",
                         "- a", "   x: 1", "x:", "  x: y", "x: [a, 'b c', \"d\"]", "x: {a: b, c: 'd'}"]:
            for changed in (lines[:index] + [fragment] + lines[index:],  # insert
                            lines[:index] + [fragment] + lines[index + 1:]):  # replace
                assert_same(test_properties.PATH, "\n".join(changed).encode("utf-8", "surrogatepass"), CONFIGS[:1])
        assert_same(test_properties.PATH, "\n".join(lines[:index] + lines[index + 1:]).encode())  # delete
        if ":" in lines[index]:
            key = lines[index].split(":", 1)[0]
            for value in ["", " ", "~", "null", "Null", "yes", "No", "on", "1", "-1", "6.5", "1:30", "0x1F", ".inf",
                          "1_000", "0o17", "1e3", "2014-02-30", "2014-2-3", "2014-02-20 10:00:00+02:00",
                          "2014-02-20t10", "'  a  '", '"a\\tb"', "a # c", "a:b", "C#", "[]", "[a, ]", "{}",
                          "'it''s'", "&x a", "*x", "!!str 1", "résumé", "a\u00a0", "a\u00ad", "partial",
                          "gave-up", "EUR", "eur", "[phone, phone]", "[yes, 1, 2014-01-01]", "{a: 1, a: 2}",
                          "<<", "=", "a, b", "a \"b\" c", "ab  ", "https://example.com/x"]:
                changed = [*lines[:index], f"{key}: {value}", *lines[index + 1:]]
                assert_same(test_properties.PATH, "\n".join(changed).encode(), CONFIGS[:1])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(test_properties.mutation, min_size=1, max_size=6))
def test_mutated_valid_story_agrees(steps: list[tuple[str, int, int, str]]) -> None:
    data = "\n".join(test_properties.mutate(test_properties.VALID_LINES, steps)).encode("utf-8", "surrogatepass")
    assert_same(test_properties.PATH, data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(test_properties.keys, test_properties.values, max_size=10), st.booleans())
def test_random_front_matter_agrees(front: dict[str, object], flow: bool) -> None:
    text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, default_flow_style=flow or None)
    assert_same(test_properties.PATH, f"---\n{text}---\nbody\n".encode("utf-8", "surrogatepass"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(string.printable + "éü\u00a0\u2028\x85", max_size=200))
def test_arbitrary_front_matter_text_agrees(text: str) -> None:
    assert_same(test_properties.PATH, f"---\ntitle: A\n{text}\n---\nbody\n".encode("utf-8", "surrogatepass"))


def test_a_build_reads_plain_front_matter_without_libyaml(tmp_path: Path, monkeypatch) -> None:
    # The door: fast/'s speed passes the plain reader to the parse stage; the plain build
    # (no fast/) reads with load_yaml. Both give the same site.
    from generator.build import PLAIN, BuildOptions, check_site
    from generator.fast import frontmatter, speed

    write_corpus(tmp_path, stories=30, companies=4, seed=2)
    composed: list[str] = []
    real = frontmatter.load_yaml
    monkeypatch.setattr(frontmatter, "load_yaml", lambda text, **kw: composed.append(text) or real(text, **kw))
    options = BuildOptions(search=False)
    fast_site = check_site(tmp_path, options, speed=speed(jobs=1, cache_dir=None)).site
    assert composed == []  # every story read by the plain reader
    assert fast_site.stories == check_site(tmp_path, options, speed=PLAIN).site.stories
