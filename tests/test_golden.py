"""Golden trees: tests/sites/<name>/ built and compared with tests/golden/<name>/.

Run `pytest tests/test_golden.py --update-golden` to rewrite the goldens after an
intended change, and read the diff before committing it.
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli, tree_bytes

SITES = REPO / "tests" / "sites"
GOLDEN = REPO / "tests" / "golden"
# Pagefind's index is binary and checked for determinism in the search tests; social
# cards are PNGs whose bytes depend on the zlib build, checked in test_cards.py.
SKIP_PREFIXES = ("pagefind/",)
SKIP_SUFFIXES = ("/card.png",)


def _comparable(root: Path) -> dict[str, bytes]:
    return {k: v for k, v in tree_bytes(root).items() if not k.startswith(SKIP_PREFIXES) and not k.endswith(SKIP_SUFFIXES)}


@pytest.mark.parametrize("name", ["nl", "en"])
def test_golden_site(name: str, tmp_path: Path, update_golden: bool) -> None:
    out = tmp_path / "output"
    result = run_cli("build", SITES / name, "--out", out, "--quiet")
    assert result.returncode == 0, result.stderr
    built = _comparable(out)
    golden_dir = GOLDEN / name
    if update_golden:
        shutil.rmtree(golden_dir, ignore_errors=True)
        shutil.copytree(out, golden_dir, ignore=shutil.ignore_patterns("pagefind", "card.png"))
        return
    expected = _comparable(golden_dir)
    assert sorted(built) == sorted(expected), "files differ; run pytest --update-golden if intended"
    for path, data in built.items():
        if data != expected[path]:
            diff = difflib.unified_diff(
                expected[path].decode("utf-8", "replace").splitlines(),
                data.decode("utf-8", "replace").splitlines(),
                f"golden/{name}/{path}", f"built/{path}", lineterm="")
            pytest.fail("\n".join(list(diff)[:80]))
