"""The Python API reference in docs/api/ is generated from the docstrings, covers every module, and
is current."""

from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys

import pytest

import kb.api
from conftest import REPO

DOCS = REPO / "docs" / "api"


def documented_modules() -> list[str]:
    """The modules the reference script documents, by name (from the script itself)."""
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import api_reference
    finally:
        sys.path.pop(0)
    return api_reference.modules()


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("api")
    subprocess.run([sys.executable, str(REPO / "scripts" / "api_reference.py"), str(out)], check=True,
                   capture_output=True, text=True)
    return out


def _differences(left, right, prefix=""):
    cmp = filecmp.dircmp(left, right)
    found = [f"{prefix}{name}" for name in cmp.left_only + cmp.right_only + cmp.diff_files]
    for name, sub in sorted(cmp.subdirs.items()):
        found += _differences(left / name, right / name, f"{prefix}{name}/")
    return found


def test_the_committed_reference_is_the_generated_one(generated, update_golden):
    if update_golden:
        shutil.rmtree(DOCS)
        shutil.copytree(generated, DOCS)
    differences = _differences(generated, DOCS)
    assert not differences, (f"docs/api/ is out of date ({', '.join(differences[:5])}); run "
                             "`.venv/bin/python scripts/api_reference.py` (or pytest --update-golden)")


def test_every_module_of_kb_has_a_page(generated):
    modules = documented_modules()
    assert "kb.api" in modules and "kb.readmodel" in modules
    missing = [name for name in modules if not (generated / (name.replace(".", "/") + ".html")).is_file()]
    assert not missing


def test_the_api_page_documents_every_public_name(generated):
    page = (generated / "kb" / "api.html").read_text(encoding="utf-8")
    missing = [name for name in kb.api.__all__ if f'id="{name}"' not in page]
    assert not missing, missing


def test_the_readme_layout_names_every_module():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    layout = readme[readme.index("## Layout"):]
    layout = layout[: layout.index("```", layout.index("```") + 3)]
    missing = [name for name in documented_modules()
               if f" {name.rpartition('.')[2]}{'/' if (REPO / name.replace('.', '/')).is_dir() else '.py'} " not in layout]
    assert not missing, f"README's Layout does not list {missing}"
