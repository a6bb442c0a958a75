"""The installed version of the package, read from its metadata (not importing anything else)."""

from __future__ import annotations


def installed_version() -> str:
    """The installed version of this package ("unknown" in a source tree never installed)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("conflict-news-kb")
    except PackageNotFoundError:
        return "unknown"
