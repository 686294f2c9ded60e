"""Social cards drawn once: a card's PNG is kept under the cache folder, named by the
hash of its text (and of the code), so a build draws only cards whose text changed.

The folder does not grow for ever: a card's file time is its last use (a build that
uses a kept card touches it), and a few times a day, as a build starts, the cards no
build has used for `UNUSED_DAYS` are removed (the days open of an open case change its
card every day), then the least recently used ones while the folder holds more than
`MAX_BYTES`. By last use rather than by the last build's list: one cache folder serves
every site and output of a user, and a text edit's build uses only the cards it redraws.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator import clock
from generator.fast.cache import code_version, key_of
from generator.pages.social import CardText

UNUSED_DAYS = 3  # a card no build used for this long is removed
MAX_BYTES = 512 * 1024 * 1024  # then the least recently used, down to this size (~30,000 cards)
PRUNE_EVERY_NS = 6 * 3600 * 10**9  # a prune at most this often: it stats every card
_STAMP = ".pruned"  # its file time: the last prune
_DAY_NS = 86_400 * 10**9


class CardStore:
    """CardText -> PNG bytes, from `root` when drawn before (None: always drawn)."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        if root is not None:
            prune_cards(root, now_ns=clock.file_clock_ns(), every_ns=PRUNE_EVERY_NS)

    def png(self, card: CardText) -> bytes:
        if self.root is None:
            return _draw(card)
        key = key_of(code_version(), repr(card))
        path = self.root / key[:2] / f"{key}.png"
        try:
            data = path.read_bytes()
        except OSError:
            pass
        else:
            try:
                os.utime(path)  # used now: kept by the next prune
            except OSError:
                pass
            return data
        data = _draw(card)
        try:  # workers write at once: each into its own file, renamed into place
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f".{key}.{os.getpid()}.tmp")
            temporary.write_bytes(data)
            os.replace(temporary, path)
        except OSError:
            pass  # a cache that cannot be written only costs time
        return data


def _draw(card: CardText) -> bytes:
    from generator.output.cards import render_card  # Pillow: imported only when a card is drawn

    return render_card(card)


def prune_cards(root: Path, *, now_ns: int, every_ns: int = 0, unused_days: int = UNUSED_DAYS,
                max_bytes: int = MAX_BYTES) -> int:
    """The cards folder -> the cards not used for `unused_days` removed, then the least
    recently used while it holds more than `max_bytes`; nothing when the last prune was
    less than `every_ns` ago. -> how many were removed. Never raises for the file system."""
    stamp = root / _STAMP
    try:
        if every_ns and now_ns - stamp.stat().st_mtime_ns < every_ns:
            return 0
    except OSError:
        pass  # never pruned (or no folder yet)
    cards: list[tuple[int, int, str]] = []  # (last use, size, path)
    try:
        with os.scandir(root) as folders:
            for folder in folders:
                if not folder.is_dir(follow_symlinks=False):
                    continue
                with os.scandir(folder.path) as entries:
                    for entry in entries:
                        if entry.name.endswith(".png") or entry.name.endswith(".tmp"):
                            status = entry.stat(follow_symlinks=False)
                            cards.append((status.st_mtime_ns, status.st_size, entry.path))
    except OSError:
        return 0
    cards.sort()
    total = sum(size for _, size, _ in cards)
    oldest_kept = now_ns - unused_days * _DAY_NS
    removed = 0
    for used, size, path in cards:
        if used >= oldest_kept and total <= max_bytes:
            break
        try:
            os.unlink(path)
        except OSError:
            continue
        total -= size
        removed += 1
    try:
        stamp.touch()
        os.utime(stamp, ns=(now_ns, now_ns))
    except OSError:
        pass
    return removed
