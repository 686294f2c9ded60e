"""The social-card cache (fast/cards.py) is pruned: cards no build used for days go,
then the least recently used while the folder is over its size; a card in use is kept
(its file time moves on each use); a prune runs at most every few hours."""

from __future__ import annotations

import os
from pathlib import Path

from generator import clock
from generator.fast import cards
from generator.fast.cards import CardStore, prune_cards
from generator.pages.social import CardText

DAY = 86_400 * 10**9


def _card(n: int) -> CardText:
    return CardText(company="Glasnet", title=f"Storing {n}", outcome="open", outcome_label="Open",
                    figure=f"{n} dagen open", site="Archief")


def _files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.png"))


def _age(path: Path, ns: int) -> None:
    os.utime(path, ns=(ns, ns))


def test_a_card_used_again_is_read_from_the_cache_and_marked_used(tmp_path: Path) -> None:
    store = CardStore(tmp_path / "cards")
    first = store.png(_card(1))
    [kept] = _files(tmp_path / "cards")
    _age(kept, 10**9)
    assert store.png(_card(1)) == first
    assert kept.stat().st_mtime_ns > 10**9  # used now


def test_unused_cards_go_used_ones_stay_and_the_size_is_bounded(tmp_path: Path) -> None:
    root = tmp_path / "cards"
    store = CardStore(root)
    for n in range(4):
        store.png(_card(n))
    now = clock.file_clock_ns()
    paths = _files(root)
    _age(paths[0], now - 5 * DAY)  # unused for five days
    _age(paths[1], now - 2 * DAY)
    _age(paths[2], now - 1 * DAY)
    _age(paths[3], now)

    assert prune_cards(root, now_ns=now) == 1
    assert _files(root) == paths[1:]

    sizes = [path.stat().st_size for path in paths[1:]]
    assert prune_cards(root, now_ns=now, max_bytes=sizes[2] + sizes[1]) == 1  # over the bound: the oldest used
    assert _files(root) == paths[2:]


def test_a_prune_runs_at_most_every_few_hours_as_a_store_opens(tmp_path: Path) -> None:
    root = tmp_path / "cards"
    CardStore(root).png(_card(7))
    [path] = _files(root)
    now = clock.file_clock_ns()
    _age(path, now - 10 * DAY)
    (root / ".pruned").touch()  # pruned just now
    CardStore(root)
    assert _files(root) == [path]
    _age(root / ".pruned", now - cards.PRUNE_EVERY_NS - 1)
    CardStore(root)
    assert _files(root) == []
