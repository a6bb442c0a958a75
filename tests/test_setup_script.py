"""`scripts/test.sh` installs Debian packages patiently and says when it needs root.

The script's functions run in bash with stand-ins for `apt-get` and `id` first on PATH, so
nothing is installed and no root is needed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from conftest import REPO

FUNCTIONS = REPO / "scripts" / "debian-packages.sh"


def fake_bin(tmp_path: Path, **programs: str) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    for name, body in programs.items():
        path = folder / name
        path.write_text(f"#!/bin/bash\n{body}\n")
        path.chmod(0o755)
    for tool in ("bash", "grep", "seq", "sleep", "cat", "env"):  # what the functions use besides the fakes
        (folder / tool).symlink_to(shutil.which(tool))
    return folder


def run(folder: Path, script: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", f"source {FUNCTIONS}; {script}"], capture_output=True, text=True,
                          env={"PATH": str(folder), "KB_APT_RETRY_SECONDS": "0"}, timeout=60)


def test_another_apt_running_is_waited_for(tmp_path):
    calls = tmp_path / "calls"
    folder = fake_bin(tmp_path, id="echo 0", **{"apt-get": f"""
echo "$@" >> {calls}
if [ $(cat {calls} | wc -l) -le 2 ]; then
    echo "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 42 (apt-get)" >&2; exit 100
fi"""})
    (folder / "wc").symlink_to(shutil.which("wc"))
    result = run(folder, "install_debian_packages chromium chromium-driver && echo installed")
    assert result.returncode == 0, result.stderr
    assert "installed" in result.stdout
    assert "waiting for another apt or dpkg to finish" in result.stderr
    lines = calls.read_text().splitlines()
    assert len(lines) == 4  # two refused updates, the update, the install
    assert all("DPkg::Lock::Timeout=600" in line for line in lines)
    assert "install -y -qq chromium chromium-driver" in lines[-1]


def test_another_failure_is_not_retried(tmp_path):
    folder = fake_bin(tmp_path, id="echo 0", **{"apt-get": 'echo "E: Unable to locate package chromium" >&2; exit 100'})
    result = run(folder, "install_debian_packages chromium")
    assert result.returncode != 0
    assert "Unable to locate package chromium" in result.stderr
    assert "waiting" not in result.stderr


def test_without_root_or_sudo_it_says_what_to_do(tmp_path):
    folder = fake_bin(tmp_path, id="echo 1000", **{"apt-get": "echo must not run; exit 1"})
    result = run(folder, "install_debian_packages chromium chromium-driver")
    assert result.returncode == 2
    assert "needs root" in result.stderr and "install sudo" in result.stderr
    assert "must not run" not in result.stdout + result.stderr


def test_with_sudo_it_uses_sudo(tmp_path):
    log = tmp_path / "sudo.log"
    folder = fake_bin(tmp_path, id="echo 1000", sudo=f'echo "$@" >> {log}', **{"apt-get": "exit 1"})
    result = run(folder, "install_debian_packages chromium")
    assert result.returncode == 0, result.stderr
    assert log.read_text().splitlines()[0].startswith("env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update")


def test_the_test_script_uses_these_functions():
    script = (REPO / "scripts" / "test.sh").read_text()
    assert "source scripts/debian-packages.sh" in script and 'install_debian_packages "${missing[@]}"' in script
    for package in ("chromium", "chromium-driver", "virtuoso-opensource", "npm"):
        assert f"missing+=({package})" in script
    assert os.access(REPO / "scripts" / "test.sh", os.R_OK)
