"""Social cards drawn once: a card's PNG is kept under the cache folder, named by the
hash of its text (and of the code), so a build draws only cards whose text changed."""

from __future__ import annotations

import os
from pathlib import Path

from generator.fast.cache import code_version, key_of
from generator.output.cards import render_card
from generator.pages.social import CardText


class CardStore:
    """CardText -> PNG bytes, from `root` when drawn before (None: always drawn)."""

    def __init__(self, root: Path | None) -> None:
        self.root = root

    def png(self, card: CardText) -> bytes:
        if self.root is None:
            return render_card(card)
        key = key_of(code_version(), repr(card))
        path = self.root / key[:2] / f"{key}.png"
        try:
            return path.read_bytes()
        except OSError:
            pass
        data = render_card(card)
        try:  # workers write at once: each into its own file, renamed into place
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f".{key}.{os.getpid()}.tmp")
            temporary.write_bytes(data)
            os.replace(temporary, path)
        except OSError:
            pass  # a cache that cannot be written only costs time
        return data
