"""The `kb` command's entry point: `kb --version` answered at once, everything else by `kb.cli`.

Importing the command-line library and the package's API takes a few tenths of a second, which
the one command that needs neither should not pay.
"""

from __future__ import annotations

import sys

from kb.version import installed_version


def main() -> None:
    """Run the `kb` command with the process's arguments."""
    if sys.argv[1:] == ["--version"]:
        print(f"kb {installed_version()}")
        return
    from kb.cli import main as cli_main

    cli_main()
