"""The Pagefind search index: run Pagefind over the built story pages, normalise its
files so the output is deterministic, and swap a fresh index in beside the one in use.

The only module that runs pagefind. What each page tells the index is pages/search.py's.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from generator.output.write import OutputError, exchange
from generator.pages.search import BUNDLE

ENTRY = "pagefind-entry.json"


def index_site(folder: Path) -> int:
    """A built site folder -> its Pagefind bundle in folder/pagefind/; the number of pages indexed.

    Raises OutputError when Pagefind cannot run or fails.
    """
    return _index(folder, BUNDLE)


def index_beside(folder: Path, *, cancel: threading.Event | None = None) -> Path:
    """A served site folder whose story pages changed in place -> a new bundle made next
    to the one in use (folder/.pagefind-next), at low priority; `swap_in` puts it in use.
    Raises OutputError as index_site does, and when `cancel` is set before Pagefind ends
    (Pagefind is stopped then)."""
    beside = folder / NEXT
    shutil.rmtree(beside, ignore_errors=True)
    _index(folder, NEXT, nice=True, cancel=cancel)
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


def _index(folder: Path, subdir: str, *, nice: bool = False, cancel: threading.Event | None = None) -> int:
    command = [sys.executable, "-m", "pagefind", "--site", str(folder), "--output-subdir", subdir,
               "--glob", STORY_GLOB, "--silent"]
    if nice and shutil.which("nice"):
        command = ["nice", "-n", "10", *command]
    deadline = time.monotonic() + INDEX_TIMEOUT
    try:
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
            while True:
                try:
                    out, err = process.communicate(timeout=0.2)
                    break
                except subprocess.TimeoutExpired:
                    late = time.monotonic() > deadline
                    if late or (cancel is not None and cancel.is_set()):
                        process.kill()
                        process.communicate()
                        stopped = f"timed out after {INDEX_TIMEOUT} s" if late else "cancelled"
                        raise OutputError(f"{folder}: search index failed: {stopped}") from None
    except OSError as error:
        raise OutputError(f"{folder}: search index failed: {error}") from error
    if process.returncode != 0:
        detail = (err or out).strip().splitlines()[-1:] or [f"exit code {process.returncode}"]
        raise OutputError(f"{folder}: search index failed: {detail[0]}")
    return _normalise(folder / subdir)


# Pagefind runs as its own command, on the story pages only. Its Python API was used
# first: it answers write_files before the Rust service has finished writing and then
# stops the service with SIGTERM, which once in ten builds left an empty
# pagefind-entry.json; add_html_file also costs a 0.1 s poll per file. The command
# exits only when every file is written.
STORY_GLOB = "stories/**/*.html"
INDEX_TIMEOUT = 3600


# Pagefind 1.5 writes filter values, the filter list in pf_meta and the languages in
# pagefind-entry.json in HashMap order, different on every run (upstream issue
# Pagefind/pagefind#638: "filter/metadata indexes" still change between builds). The rest
# (fragments, index chunks, wasm, scripts) is stable. _normalise re-writes those three
# sorted, renames the files after their new content and updates every reference.
# Files are gzip (mtime 0) of b"pagefind_dcd" + CBOR; the CBOR uses only integers,
# strings and arrays.
SIGNATURE = b"pagefind_dcd"


def _normalise(bundle: Path) -> int:
    """A written Pagefind bundle -> the same bundle in a stable order; the pages indexed."""
    try:
        entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
        renamed = {}
        for path in sorted((bundle / "filter").glob("*.pf_filter")):
            name, values = _load(path)
            renamed[path.stem] = _save(path, path.stem, [name, sorted(values)], "{}.pf_filter", 7)
        for language, info in entry["languages"].items():
            path = bundle / f"pagefind.{info['hash']}.pf_meta"
            meta = _load(path)
            meta[3] = sorted([name, renamed.get(h, h)] for name, h in meta[3])
            info["hash"] = _save(path, info["hash"], meta, "pagefind.{}.pf_meta", 10)
    except (OSError, ValueError, KeyError, IndexError, TypeError) as error:
        raise OutputError(f"{bundle}: search index is not as expected: {error}") from error
    entry["languages"] = dict(sorted(entry["languages"].items()))
    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    (bundle / ENTRY).write_text(text, encoding="utf-8")
    return sum(int(info["page_count"]) for info in entry["languages"].values())


def _load(path: Path) -> list:
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{path.name}: not a Pagefind file")
    value, end = _cbor_decode(raw, len(SIGNATURE))
    if end != len(raw) or not isinstance(value, list):
        raise ValueError(f"{path.name}: unexpected content")
    return value


def _save(old: Path, old_hash: str, value: list, pattern: str, digits: int) -> str:
    """Value -> replaces `old` under a name from its content ('nl_' prefix kept); -> the new hash."""
    data = SIGNATURE + _cbor_encode(value)
    new_hash = f"{old_hash.split('_')[0]}_{hashlib.sha256(data).hexdigest()[:digits]}"
    old.unlink()
    (old.parent / pattern.format(new_hash)).write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    return new_hash


def _cbor_head(major: int, length: int) -> bytes:
    if length < 24:
        return bytes([major << 5 | length])
    for extra, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if length < 1 << (8 * size):
            return bytes([major << 5 | extra]) + length.to_bytes(size, "big")
    raise ValueError(f"CBOR length too large: {length}")


def _cbor_encode(value: object) -> bytes:
    if isinstance(value, bool) or value is None:
        raise ValueError(f"unsupported CBOR value {value!r}")
    if isinstance(value, int):
        return _cbor_head(0, value) if value >= 0 else _cbor_head(1, -1 - value)
    if isinstance(value, bytes):
        return _cbor_head(2, len(value)) + value
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _cbor_head(3, len(data)) + data
    if isinstance(value, list):
        return _cbor_head(4, len(value)) + b"".join(_cbor_encode(v) for v in value)
    raise ValueError(f"unsupported CBOR value {value!r}")


def _cbor_decode(data: bytes, at: int) -> tuple[object, int]:
    """CBOR bytes, offset -> (value, next offset); definite lengths, types 0-4 only."""
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        length = info
    elif info <= 27:
        size = 1 << (info - 24)
        length, at = int.from_bytes(data[at:at + size], "big"), at + size
    else:
        raise ValueError(f"unsupported CBOR item at byte {at - 1}")
    if major == 0:
        return length, at
    if major == 1:
        return -1 - length, at
    if major in (2, 3):
        chunk = data[at:at + length]
        return (chunk if major == 2 else chunk.decode("utf-8")), at + length
    if major == 4:
        items = []
        for _ in range(length):
            item, at = _cbor_decode(data, at)
            items.append(item)
        return items, at
    raise ValueError(f"unsupported CBOR type {major} at byte {at - 1}")
