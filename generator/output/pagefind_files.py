"""Pagefind's files, made deterministic: the bundle {path: bytes} as the service gives
it -> the same bundle in a stable order, with names after their new content.
"""

from __future__ import annotations

import gzip
import hashlib
import json

ENTRY = "pagefind-entry.json"


# Pagefind 1.5 writes filter values, the filter list in pf_meta and the languages in
# pagefind-entry.json in HashMap order, different on every run (upstream issue
# Pagefind/pagefind#638; fixed after 1.5.2 by Pagefind/pagefind#1124). The rest
# (fragments, index chunks, wasm, scripts) is stable. `normalise` re-writes those three
# sorted, renames the files after their new content and updates every reference.
# Files are gzip (mtime 0) of b"pagefind_dcd" + CBOR; the CBOR uses only integers,
# strings and arrays.
SIGNATURE = b"pagefind_dcd"


def normalise(files: dict[str, bytes]) -> dict[str, bytes]:
    """A bundle's files as Pagefind made them -> the same bundle in a stable order.
    Raises ValueError when the files are not as expected."""
    files = dict(files)
    try:
        entry = json.loads(files[ENTRY])
        renamed = {}
        for name in sorted(n for n in files if n.startswith("filter/") and n.endswith(".pf_filter")):
            old = name[len("filter/"):-len(".pf_filter")]
            filter_name, values = _load(files.pop(name), name)
            renamed[old], data = _save(old, [filter_name, sorted(values)], 7)
            files[f"filter/{renamed[old]}.pf_filter"] = data
        for info in entry["languages"].values():
            name = f"pagefind.{info['hash']}.pf_meta"
            meta = _load(files.pop(name), name)
            meta[3] = sorted([filter_name, renamed.get(h, h)] for filter_name, h in meta[3])
            info["hash"], data = _save(info["hash"], meta, 10)
            files[f"pagefind.{info['hash']}.pf_meta"] = data
    except (KeyError, IndexError, TypeError) as error:
        raise ValueError(f"search index is not as expected: {error!r}") from error
    entry["languages"] = dict(sorted(entry["languages"].items()))
    files[ENTRY] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return files


def _load(raw: bytes, name: str) -> list:
    raw = gzip.decompress(raw)
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{name}: not a Pagefind file")
    value, end = _cbor_decode(raw, len(SIGNATURE))
    if end != len(raw) or not isinstance(value, list):
        raise ValueError(f"{name}: unexpected content")
    return value


def _save(old_hash: str, value: list, digits: int) -> tuple[str, bytes]:
    """A value, the hash it was named by -> (its new hash from its content, 'nl_' prefix kept; its file bytes)."""
    data = SIGNATURE + _cbor_encode(value)
    new_hash = f"{old_hash.split('_')[0]}_{hashlib.sha256(data).hexdigest()[:digits]}"
    return new_hash, gzip.compress(data, compresslevel=9, mtime=0)


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
