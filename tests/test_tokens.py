"""fast/keys.py Tokens: a token per object, made once, carried from one serve edit to the next."""

from __future__ import annotations

from generator.fast.keys import Tokens
from generator.model import Company


def test_a_token_is_made_once_per_object_and_follows_its_fields() -> None:
    tokens = Tokens()
    one, same, other = Company("a", "A"), Company("a", "A"), Company("a", "B")
    assert tokens.of(one) == tokens.of(same) != tokens.of(other)
    assert tokens.of(one) is tokens.of(one)  # remembered, not made again


def test_carried_tokens_keep_what_the_next_build_meets_and_forget_the_rest() -> None:
    tokens = Tokens()
    kept, dropped = Company("a", "A"), Company("b", "B")
    known = tokens.of(kept)
    tokens.of(dropped)
    later = tokens.carried()
    assert later.of(kept) is known  # taken over, not made again
    again = later.carried()
    assert again._known.keys() == {id(kept)}  # the company not met in `later` is forgotten
