"""`python -m kb`: the `kb` command."""

from kb.command import main

main()
