"""Reading the pages of a generated site as HTML: their ids, links, marked quotes and text."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path


def pages(site: Path) -> list[Path]:
    """Every HTML page of a generated site, sorted."""
    return sorted(site.rglob("*.html"))


def text_files(site: Path) -> list[Path]:
    """Every page, style sheet and script of a generated site, sorted."""
    return sorted(p for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".css", ".js"))


class Marks(HTMLParser):
    """The text inside each element with an id, and every link, of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[str | None] = []
        self.text: dict[str, str] = {}
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.base_text: list[str] = []
        self._in_base = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name):
                self.links.append(attrs[name])
        if tag == "div" and attrs.get("class") == "layer base":
            self._in_base = 1
        elif self._in_base and tag == "div":
            self._in_base += 1
        if tag == "mark":
            self.open.append(attrs.get("id"))
            self.text.setdefault(attrs.get("id"), "")

    def handle_endtag(self, tag):
        if tag == "mark":
            self.open.pop()
        if tag == "div" and self._in_base:
            self._in_base -= 1

    def handle_data(self, data):
        for mark in self.open:
            self.text[mark] += data
        if self._in_base:
            self.base_text.append(data)


def parse(path: Path) -> Marks:
    """The ids, links, marked quotes and base-layer text of one page."""
    parser = Marks()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser
