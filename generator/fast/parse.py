"""Story files -> parsed values, and each story's token, through the cache.

The result for each file depends only on the code, the configuration and the file's
path and bytes (their digest), so it is cached under exactly that key; the files the
cache misses are parsed by the build's `map` (worker processes, see workers.py). Each
story's listing token (keys.py: a hash of its fields but the body) and its token (the
listing token and the body) are made where it is parsed and kept with it, so a build
after an edit does not hash 10,000 unchanged stories again (in each of its key workers).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from generator.build import Mapper, Parsed
from generator.diagnostics import Diagnostic
from generator.fast.cache import Cache, key_of
from generator.fast.keys import Tokens
from generator.model import SiteConfig, Story
from generator.read.files import SourceFile

Tokened = tuple[Story | None, list[Diagnostic], tuple[bytes, bytes] | None]  # a file's Parsed, its story's listing token and token


def parse_stories(files: Sequence[SourceFile], parse: Callable[[SourceFile], Parsed], config: SiteConfig, *,
                  cache: Cache, map: Mapper) -> list[Tokened]:
    """Story files, the parse stage's function of one file and its config -> (Story or
    None, diagnostics, the story's listing token and token) per file, in the same order."""
    known = cache.load("stories")
    salt = repr(replace(config, base_url=""))  # base_url never changes how a file parses
    keys = [key_of(salt, source.path, source.digest) for source in files]
    missing = [i for i, key in enumerate(keys) if key not in known]

    def parse_and_token(source: SourceFile) -> Tokened:
        story, problems = parse(source)
        if story is None:
            return story, problems, None
        tokens = Tokens()
        return story, problems, (tokens.listing(story), tokens.of(story))

    fresh = dict(zip(missing, map(parse_and_token, [files[i] for i in missing])))
    for index, result in fresh.items():
        if not any(problem.transient for problem in result[1]):  # a busy machine's result, not the file's
            known[keys[index]] = result
    if missing or len(known) != len(set(keys)):
        cache.save("stories", {key: known[key] for key in keys if key in known}, background=True)
    return [fresh[i] if i in fresh else known[key] for i, key in enumerate(keys)]
