"""`python -m kb`: the `kb` command."""

from kb.cli import main

main()
