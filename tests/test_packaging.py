"""The package installs as a wheel (not only editable) and finds its packaged theme."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

from tests.conftest import REPO


def test_wheel_install_then_init_and_build(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(REPO)],
        capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    wheel = next(wheels.glob("grievance-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        assert "generator/read/escalation.yaml" in archive.namelist()  # the shipped escalation routes
        for font in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE-DejaVu.txt"):  # social cards' font, its licence
            assert f"generator/fonts/{font}" in archive.namelist()
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    # The dependencies (and pip) come from the environment running the tests, appended to
    # the new venv's path by a .pth file; its own copy of grievance comes first. (Plain
    # paths in a .pth do not run the editable install's own .pth, so the checkout stays out.)
    inner = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                           capture_output=True, text=True, check=True).stdout.strip()
    Path(inner, "outer-environment.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
        capture_output=True, text=True, timeout=300)
    assert install.returncode == 0, install.stderr
    clean_env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    clean_env["SOURCE_DATE_EPOCH"] = "1767225600"
    where = subprocess.run([str(python), "-c", "import generator; print(generator.__file__)"],
                           capture_output=True, text=True, cwd=tmp_path, env=clean_env)
    assert str(env_dir) in where.stdout, where.stdout + where.stderr
    blog = tmp_path / "blog"
    grievance = env_dir / "bin" / "grievance"
    assert subprocess.run([str(grievance), "init", str(blog)], capture_output=True, env=clean_env).returncode == 0
    result = subprocess.run([str(grievance), "build", "--no-search"], cwd=blog, capture_output=True, text=True,
                            env=clean_env, timeout=300)
    assert result.returncode == 0, result.stderr
    page = (blog / "output" / "index.html").read_text(encoding="utf-8")
    assert "<html lang=\"nl\"" in page
    assert (blog / "output" / "assets" / "style.css").is_file()
    # the importer's list of well-known companies is package data, so it must be in the wheel
    post = tmp_path / "post.txt"
    post.write_text("Coolblue leverde niet\n• 1 mei 2024 • Iemand\nDe wasmachine van Coolblue kwam niet.\n",
                    encoding="utf-8")
    imported = subprocess.run([str(grievance), "import", str(post), "--site", str(blog)], capture_output=True,
                              text=True, env=clean_env, timeout=300)
    assert imported.returncode == 0, imported.stderr
    assert "company Coolblue (well-known companies list, 2 mentions, in the title)" in imported.stdout
