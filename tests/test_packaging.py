"""A non-editable install carries everything `kb` needs: it builds the bundled corpus anywhere."""

import json
import os
import subprocess
import sysconfig
import venv
from pathlib import Path

import pytest

from conftest import REPO


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtual environment with the project installed from source as a wheel.

    The dependencies are taken from the test environment (through a .pth file), so the test
    checks the package itself without downloading anything.
    """
    home = tmp_path_factory.mktemp("venv")
    venv.create(home, with_pip=True)
    python = home / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    Path(site, "test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", str(REPO)],
        check=True, capture_output=True, text=True,
    )
    return home


def test_the_installed_kb_builds_the_bundled_corpus_from_any_folder(installed, tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = subprocess.run(
        [installed / "bin" / "kb", "build", "--out", tmp_path / "out"],
        cwd=tmp_path, capture_output=True, text=True, env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "built from 7 articles" in result.stdout
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["articles"] == 7
    # the package's data came from the wheel, not from this checkout
    located = subprocess.run(
        [installed / "bin" / "python", "-c", "import kb.resources as r; print(r.ontology_file())"],
        cwd=tmp_path, capture_output=True, text=True, env=env, check=True,
    ).stdout
    assert "_data" in located and str(REPO) not in located


def test_python_dash_m_kb_works(installed, tmp_path):
    result = subprocess.run([installed / "bin" / "python", "-m", "kb", "query", "--list"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 0 and "timeline" in result.stdout


def test_the_installed_kb_renders_the_site_from_the_templates_it_carries(installed, tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    kb = installed / "bin" / "kb"
    assert subprocess.run([kb, "build", "--out", tmp_path / "out"], cwd=tmp_path, capture_output=True, env=env).returncode == 0
    result = subprocess.run([kb, "report", "--build", tmp_path / "out", "--out", tmp_path / "site"],
                            cwd=tmp_path, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert "<title>Home — Conflict news knowledge base</title>" in (tmp_path / "site" / "index.html").read_text()
    # every template of the checkout is in the installed package, and was read from there
    shipped = subprocess.run(
        [installed / "bin" / "python", "-c",
         "import importlib.resources as r, kb.site.rendering as k; "
         "print(k.environment().get_template('base.html.j2').filename); "
         "print(*sorted(p.name for p in (r.files('kb.site') / 'templates').iterdir()))"],
        cwd=tmp_path, capture_output=True, text=True, env=env, check=True,
    ).stdout.splitlines()
    assert str(REPO) not in shipped[0] and "site-packages" in shipped[0]
    assert shipped[1].split() == sorted(p.name for p in (REPO / "kb" / "site" / "templates").glob("*.html.j2"))
