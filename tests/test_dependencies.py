"""Every package the code imports is declared in pyproject.toml, and the declared ones are enough:
a venv made only from them (at the lock's versions) imports every module and imports an HTML page."""

from __future__ import annotations

import ast
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "generator"


def _name(requirement: str) -> str:
    """'lxml[html_clean]>=5.0' -> 'lxml-html-clean'-style normalised distribution name ('lxml')."""
    return re.sub(r"[-_.]+", "-", re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0]).lower()


def _declared() -> set[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {_name(requirement) for requirement in project["dependencies"]}


def _imported_top_levels() -> dict[str, str]:
    """Every absolute import in generator/ (inside functions too) -> {top-level module: a file using it}."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                found.setdefault(name.split(".")[0], str(path.relative_to(REPO)))
    return found


def test_every_imported_package_is_a_declared_dependency() -> None:
    distributions = importlib.metadata.packages_distributions()
    declared = _declared()
    missing = []
    for module, where in sorted(_imported_top_levels().items()):
        if module in sys.stdlib_module_names or module in ("generator", "__future__"):
            continue
        owners = {_name(owner) for owner in distributions.get(module, [])}
        assert owners, f"{where}: imports {module!r}, which no installed distribution provides"
        if not owners & declared:
            missing.append(f"{where}: imports {module!r} from {sorted(owners)}, not in pyproject.toml dependencies")
    assert not missing, "\n".join(missing)


def test_the_lock_pins_every_declared_dependency() -> None:
    lock = (REPO / "requirements.lock").read_text(encoding="utf-8")
    pinned = {_name(line) for line in lock.splitlines() if re.match(r"[A-Za-z0-9]", line) and "==" in line}
    assert _declared() <= pinned, sorted(_declared() - pinned)


def _uv() -> str:
    found = shutil.which("uv") or str(Path(sys.executable).with_name("uv"))
    if not Path(found).exists():
        pytest.skip("uv is not installed (it is in the test extras)")
    return found


@pytest.mark.slow
def test_a_venv_of_the_declared_dependencies_imports_every_module(tmp_path: Path) -> None:
    """The install a newcomer gets (`pip install -c requirements.lock .`, non-editable, no test
    extras) is enough to import every module and to import an HTML page: jusText under
    trafilatura needs lxml_html_clean, which nothing asked for until it was declared."""
    uv = _uv()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    made = subprocess.run([uv, "venv", "-q", "--python", sys.executable, str(tmp_path / "venv")],
                          capture_output=True, text=True, env=env, timeout=300)
    assert made.returncode == 0, made.stderr
    python = tmp_path / "venv" / "bin" / "python"
    source = tmp_path / "src"  # a copy: building the wheel must not write into the checkout
    top_level = {".git", ".venv", "output", "benchmarks", "tests", "content", "build", "dist"}
    shutil.copytree(REPO, source, ignore=lambda folder, names: [
        name for name in names
        if (Path(folder) == REPO and name in top_level) or name == "__pycache__" or name.endswith(".egg-info")])
    install = subprocess.run([uv, "pip", "install", "-q", "--python", str(python), "-c",
                              str(REPO / "requirements.lock"), str(source)],
                             capture_output=True, text=True, env=env, timeout=900)
    assert install.returncode == 0, install.stderr
    modules = sorted(
        ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
        for path in PACKAGE.rglob("*.py") if path.name != "__main__.py")
    script = "import importlib, sys\nfor name in sys.argv[1:]:\n    importlib.import_module(name)\nprint('ok')"
    imported = subprocess.run([str(python), "-c", script, *modules], capture_output=True, text=True,
                              cwd=tmp_path, env=env, timeout=300)
    assert imported.returncode == 0 and imported.stdout.strip() == "ok", imported.stderr[-3000:]
    page = tmp_path / "page.html"
    page.write_text(
        "<!doctype html><html lang='en'><head><title>Still waiting for Hollowtel</title></head><body>"
        "<nav><a href='/'>Home</a></nav><article><h1>Still waiting for Hollowtel</h1>"
        "<p>I asked Hollowtel three times to repair the line. Nothing happened for two weeks, "
        "and nobody called me back.</p><p>Then I wrote a letter to Hollowtel's complaints team. "
        "They have not answered it yet.</p></article></body></html>", encoding="utf-8")
    (tmp_path / "blog").mkdir()
    grievance = tmp_path / "venv" / "bin" / "grievance"
    done = subprocess.run([str(grievance), "import", str(page), "--site", str(tmp_path / "blog")],
                          capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    written = list((tmp_path / "blog" / "content" / "stories").rglob("*.md"))
    assert len(written) == 1
    assert "Nothing happened for two weeks" in written[0].read_text(encoding="utf-8")
