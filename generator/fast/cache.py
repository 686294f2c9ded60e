"""A content-addressed cache of parse results under the site (`.grievance-cache/`).

Entries are keyed by a hash of the code version, the site configuration and the file's
own path and bytes, so a changed input simply misses; nothing is ever invalidated by
time. The folder is safe to delete. A damaged or foreign cache file reads as empty.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import io
import os
import pickle
from pathlib import Path
from typing import Any

import generator
from generator.fast.workers import fork_detached

CACHE_DIR = ".grievance-cache"


@functools.cache
def code_version() -> str:
    """A hash of this package's source and the default theme: any change misses the cache."""
    digest = hashlib.sha256(generator.__version__.encode())
    package = Path(generator.__file__).parent
    roots = [package, package / "themes", package.parent / "themes" / "default"]
    files = sorted({p for root in roots if root.is_dir() for p in root.rglob("*")
                    if p.is_file() and p.suffix in {".py", ".html", ".css", ".js", ".xml", ".txt", ".yaml"}
                    and "__pycache__" not in p.parts})
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def key_of(*parts: bytes | str) -> str:
    """Parts -> a hex key; each part is length-prefixed so boundaries cannot blur."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


_ALLOWED_MODULES = ("generator.", "datetime", "decimal", "copyreg", "collections")


class _Unpickler(pickle.Unpickler):
    """Loads only what the cache stores (grievance's values, dates, decimals, builtins
    containers): a cache folder comes with a site and may be foreign, and pickle would
    otherwise call any function a file names."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "builtins" and name in {"set", "frozenset", "tuple", "list", "dict", "object"}:
            return super().find_class(module, name)
        if module.startswith(_ALLOWED_MODULES) and module != "generator.fast.cache":
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a cached value")


_saving: list[int] = []  # forked children still writing a table


def wait_for_saves() -> None:
    """Wait until every table saved in the background is written."""
    while _saving:
        try:
            os.waitpid(_saving.pop(), 0)
        except ChildProcessError:
            pass


class Cache:
    """Named pickled tables in one folder; `Cache(None)` is a cache that never hits."""

    def __init__(self, root: Path | None) -> None:
        self.root = root

    def load(self, name: str) -> dict[str, Any]:
        if self.root is None:
            return {}
        try:
            with open(self.root / f"{name}.pickle", "rb") as handle:
                data = handle.read()
            # From bytes, not the file: a damaged length field ("2**60 bytes follow") is then
            # checked against what is there instead of being allocated.
            stored = _Unpickler(io.BytesIO(data)).load()
        except Exception:  # noqa: BLE001 - damaged bytes make pickle raise almost anything (IndexError, MemoryError, ...)
            return {}
        if not isinstance(stored, dict) or stored.get("version") != code_version():
            return {}
        table = stored.get("entries")
        return table if isinstance(table, dict) else {}

    def save(self, name: str, entries: dict[str, Any], *, background: bool = False) -> None:
        """Write a table atomically; a cache that cannot be written is skipped silently,
        since the cache only ever saves time.

        With background=True a forked child writes it while this process goes on (see
        wait_for_saves). Besides the time, that keeps this process small: pickling a
        non-ASCII string stores a UTF-8 copy inside the string for its lifetime, which
        for 10,000 stories is over 100 MB, and the build's workers are forked from here."""
        if self.root is None:
            return
        if background:
            child = fork_detached(lambda: self._write(name, entries))
            if child is not None:
                if not _saving:
                    atexit.register(wait_for_saves)
                _saving.append(child)
                return
        self._write(name, entries)

    def _write(self, name: str, entries: dict[str, Any]) -> None:
        if self.root is None:
            return
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            tmp = self.root / f".{name}.{os.getpid()}.tmp"
            with open(tmp, "wb") as handle:
                pickle.dump({"version": code_version(), "entries": entries}, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.root / f"{name}.pickle")
        except OSError:
            pass
