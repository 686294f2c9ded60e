"""The Pagefind search index: the stories' search records (pages/search.py) -> Pagefind
bundles in output/pagefind/, one per shard, deterministic; and, for `serve`, a fresh
index swapped in beside the one in use.

The only module that runs Pagefind (through output/pagefind_service.py). A shard whose
records are the same as in the output being replaced is hard-linked from it, so an edit
re-indexes one shard. Shard 0 is the bundle itself (output/pagefind/: the scripts, the
wasm and its own index); shard n > 0 holds only its index, in output/pagefind/n/, and the
search page merges it in.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
from collections.abc import Collection, Generator, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from generator.model import Site
from generator.output.pagefind_files import normalise
from generator.output.pagefind_service import Service, ServiceError
from generator.output.patch import Patch
from generator.output.write import OutputError, Staging, exchange, real_output_dir
from generator.pages.search import (
    BUNDLE,
    SearchEntry,
    SearchRecord,
    entries_by_shard,
    search_record,
    shard_folders,
)

ENTRY = "pagefind-entry.json"
MANIFEST = "grievance-shards.json"  # in the bundle: each shard's records key and files, for the next build
FORMAT = "2"  # of the records sent and the files kept: a change re-indexes every shard
SHARD_DIRS = ("fragment/", "index/", "filter/")  # with the entry and pf_meta: what a merged shard needs
PARALLEL = 2  # shards indexed at once, by as many Pagefind processes: each uses ~1 core and ~60-150 MB


def search_bundle(site: Site, out_dir: Path, changed: Collection[str] | None = None) -> Bundling:
    """A Site and the output folder it is built into (and the slugs of the only stories
    that can differ from the build in it, when known) -> its bundle being made; result()
    gives its files, those of unchanged shards as Paths into the bundle there."""
    real = real_output_dir(out_dir)
    return Bundling(site, previous=real / BUNDLE if (real / BUNDLE).is_dir() else None, changed=changed)


def index_site(into: Staging | Patch, site: Site, bundling: Bundling | None = None) -> int:
    """The new output (a folder being filled, or the output being patched), the Site
    built into it (and its bundle being made, from search_bundle) -> its bundle, BUNDLE/
    in it, each shard's files put as soon as Pagefind has made them (while it makes the
    next); the number of stories indexed. Files of unchanged shards are kept from the
    output replaced, stale ones removed. Raises OutputError."""
    previous = into.previous / BUNDLE if into.previous is not None else None
    parts = (bundling or Bundling(site, previous=previous)).parts()
    names: set[str] = set()
    try:
        for name, content in parts:
            names.add(name)
            if isinstance(content, Path):
                into.keep(f"{BUNDLE}/{name}")
            else:
                into.put(f"{BUNDLE}/{name}", content)
        for name in sorted(_bundle_names(previous) - names):
            into.remove(f"{BUNDLE}/{name}")
    except OSError as error:
        raise OutputError(f"cannot write the search index: {error.strerror or error}") from error
    finally:
        parts.close()  # on a failure: Pagefind stopped, its threads ended
    return len(site.stories)


def _bundle_names(previous: Path | None) -> set[str]:
    """The bundle being replaced -> the names of its files (from its manifest)."""
    names = {name for shard in _manifest(previous).values() for name in shard.get("files", ())}
    return names | {MANIFEST} if names else names


def bundle_files(site: Site, *, previous: Path | None = None, nice: bool = False,
                 cancel: threading.Event | None = None) -> dict[str, bytes | Path]:
    """A Site (and the bundle of the output it replaces) -> every file of its bundle:
    bytes made now, or the Path of an unchanged file in `previous`. Raises OutputError."""
    return Bundling(site, previous=previous, nice=nice, cancel=cancel).result()


class Bundling:
    """A Site's bundle being made: which shards changed is worked out when it is made,
    and those are indexed from then on, in threads, each driving a Pagefind process (so
    the caller can render meanwhile); `parts()` gives every file of the bundle shard by
    shard, as each is made, and `result()` all of them, as bundle_files gives them.
    Both raise OutputError.

    `changed`: the slugs of the only stories that can differ from those the previous
    bundle was made of (a text edit); a shard holding none of them keeps its key from
    the previous manifest without hashing its stories again (~0.3 s at 10,000). With no
    previous manifest every shard is made, and each one's key is worked out in its
    thread, beside the Pagefind process making another."""

    def __init__(self, site: Site, *, previous: Path | None = None, nice: bool = False,
                 cancel: threading.Event | None = None, changed: Collection[str] | None = None) -> None:
        self._site, self._previous = site, previous
        self._shards = entries_by_shard(site)
        self._folders = shard_folders(story.slug for story in site.stories)
        self._known = _manifest(previous)
        self._language = str(site.config.language)
        changed = set(changed) if changed is not None else None
        known_keys = {shard: self._known.get(str(shard), {}).get("key") for shard in self._shards}

        def key(shard: int, entries: tuple[SearchEntry, ...]) -> str:
            known = known_keys[shard]
            if changed is not None and isinstance(known, str) and not any(e.story.slug in changed for e in entries):
                return known
            return self._key(shard)

        self._keys = {shard: key(shard, entries) for shard, entries in self._shards.items()} if self._known else {}
        self._todo = [shard for shard in self._shards if not self._known or known_keys[shard] != self._keys[shard]
                      or not _all_there(previous, self._known[str(shard)]["files"])]
        self._services: list[Service] = []  # one per thread of the pool, each indexing one shard after another
        self._local = threading.local()
        self._nice, self._cancel = nice, cancel
        self._pool = ThreadPoolExecutor(max_workers=min(PARALLEL, len(self._todo) or 1))
        self._made = {shard: self._pool.submit(self._index, shard) for shard in self._todo}

    def _key(self, shard: int) -> str:
        return _key(self._shards[shard], self._folders[shard], self._language)

    def _index(self, shard: int) -> dict[str, bytes]:
        if getattr(self._local, "service", None) is None:
            self._local.service = Service(nice=self._nice)
            self._services.append(self._local.service)
        if shard not in self._keys:
            self._keys[shard] = self._key(shard)
        language = self._site.config.language
        records = (search_record(e.story, e.company, e.tags, language) for e in self._shards[shard])
        return _index_shard(records, self._folders[shard], self._local.service, self._cancel)

    def parts(self) -> Generator[tuple[str, bytes | Path], None, None]:
        """-> (name in the bundle, bytes made now or the Path of an unchanged file in
        `previous`) for every file, shard by shard, each as soon as it is made; the
        manifest last. Closing it early stops Pagefind."""
        manifest = {}
        try:
            for shard in self._shards:
                if shard in self._made:
                    made = self._made[shard].result()
                    names = sorted(made)
                    for name in names:
                        yield name, made[name]
                else:
                    names = self._known[str(shard)]["files"]
                    for name in names:
                        yield name, self._previous / name
                manifest[str(shard)] = {"key": self._keys[shard], "files": names}
        except (ServiceError, ValueError) as error:
            raise OutputError(f"search index failed: {error}") from error
        finally:
            for future in self._made.values():
                future.cancel()
            self._pool.shutdown(wait=True)
            for service in self._services:
                service.close()
        text = json.dumps({"format": FORMAT, "shards": manifest}, sort_keys=True, ensure_ascii=False,
                          separators=(",", ":"))
        yield MANIFEST, text.encode("utf-8")

    def result(self) -> dict[str, bytes | Path]:
        return dict(self.parts())


def write_bundle(bundle: Path, files: Mapping[str, bytes | Path]) -> None:
    """Bundle files (bytes, or a Path to hard-link) -> the folder `bundle`. Raises OutputError."""
    try:
        made: set[Path] = set()
        for name in sorted(files):
            target = bundle / name
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            content = files[name]
            if isinstance(content, Path):
                os.link(content, target)
            else:
                target.write_bytes(content)
    except OSError as error:
        raise OutputError(f"{bundle}: cannot write the search index: {error.strerror or error}") from error


def index_beside(folder: Path, site: Site, *, cancel: threading.Event | None = None) -> Path:
    """A served site folder and the Site now in it -> a new bundle made next to the one in
    use (folder/.pagefind-next), at low priority, unchanged shards linked from the one in
    use; `swap_in` puts it in use. Raises OutputError as index_site does, also when
    `cancel` is set before it ends."""
    beside = folder / NEXT
    shutil.rmtree(beside, ignore_errors=True)
    write_bundle(beside, bundle_files(site, previous=folder / BUNDLE, nice=True, cancel=cancel))
    return beside


def swap_in(folder: Path, beside: Path) -> None:
    """The bundle made by index_beside -> the one in use, in one rename where the system
    allows (a search never meets a half-written bundle); the old one deleted."""
    bundle = folder / BUNDLE
    if not exchange(beside, bundle):
        old = folder / ".pagefind-old"
        shutil.rmtree(old, ignore_errors=True)
        if bundle.exists():
            bundle.rename(old)
        beside.rename(bundle)
        beside = old
    shutil.rmtree(beside, ignore_errors=True)


NEXT = ".pagefind-next"


def _payload(record: SearchRecord) -> dict:
    return {"url": record.url, "content": record.content, "language": record.language,
            "meta": dict(record.meta), "filters": {name: list(values) for name, values in record.filters},
            "sort": dict(record.sort)}


def _key(entries: tuple[SearchEntry, ...], folder: str, language: str) -> str:
    """A shard's stories, its folder, the site language -> the key of its files (with
    the Pagefind version and FORMAT)."""
    digest = hashlib.sha256(f"{FORMAT} {_pagefind_version()} {folder} {language}".encode("utf-8", "surrogateescape"))
    update = digest.update
    for entry in entries:
        for part in entry.source():
            update(part.encode("utf-8", "surrogatepass"))
            update(b"\x1f")
        update(b"\x1e")
    return digest.hexdigest()


def _pagefind_version() -> str:
    try:
        from importlib.metadata import version

        return version("pagefind")
    except Exception:  # noqa: BLE001 - not installed: indexing will say so
        return "?"


def _manifest(previous: Path | None) -> dict:
    """The bundle being replaced -> its shards {str(shard): {key, files}} ({} when unusable)."""
    if previous is None:
        return {}
    try:
        known = json.loads((previous / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return known.get("shards", {}) if isinstance(known, dict) and known.get("format") == FORMAT else {}


def _all_there(previous: Path | None, names: list[str]) -> bool:
    if previous is None:
        return False
    root = str(previous)
    return all(os.path.isfile(os.path.join(root, name)) for name in names)


def _index_shard(records: Iterable[SearchRecord], prefix: str, service: Service,
                 cancel: threading.Event | None) -> dict[str, bytes]:
    """One shard's records, its folder in the bundle, a Pagefind service -> its files
    {path in the bundle: bytes}, normalised; a merged shard (folder 'n/') keeps only its index."""
    files = normalise(service.index((_payload(r) for r in records), config={}, cancel=cancel))
    if not prefix:
        return files
    return {prefix + name: data for name, data in files.items()
            if name == ENTRY or name.endswith(".pf_meta") or name.startswith(SHARD_DIRS)}
