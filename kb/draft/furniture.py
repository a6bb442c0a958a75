"""The parts of a page that are not the article's statements: navigation and accessibility lines,
photo captions and credits, links to other articles, separators, page counters, a site's
masthead, a document-type token, a leading metadata token; and the title and headings.

Each is found as a whole line, so that the draft can offer it as a `skipped` entry with its reason
and keep its words out of the names and statements it proposes."""

from __future__ import annotations

import re

from kb.draft.findings import Found, found

_NAVIGATION = re.compile(
    r"(?i)^(?:accessibility links|skip to (?:the )?(?:main )?content|breaking news|view settings|font size:?|"
    r"text size:?|site colou?rs:?|contrast:?|menu|main menu|search|share(?: this(?: article)?)?|print(?: this page)?|"
    r"subscribe|sign in|log in|advertisement|home|back to top|top stories|latest news|most (?:read|popular)|"
    r"watch live|listen|comments?|e-?mail|facebook|twitter|whatsapp|telegram|related(?: stories| articles| content| topics)?|"
    r"more stories|see (?:also|more)|follow us(?: on .*)?|all news|text version|mobile version|"
    r"accept(?: all)? cookies|cookie settings)$"
)
_LINE_RULES = [
    (_NAVIGATION, "page furniture (navigation)"),
    (re.compile(r"^(?:Photo|PHOTO|Image|IMAGE|Picture)\s*:\s*\S+(?:\s+\S+){0,4}$"), "photo credit"),
    (re.compile(r"^(?:FILE(?: PHOTO)?|PHOTO|Photo|Image|IMAGE)\s*[-–—:]\s+\S"), "photo caption"),
    (re.compile(r"^(?:[•·]\s*)?©"), "photo credit"),
    (re.compile(r"(?i)^(?:related (?:article|story|stories|news)|read (?:more|also)|see also)\s*:"), "a link to another article"),
    (re.compile(r"(?i)^(?:original url|source url|url|source)\s*:?$"), "the label of a URL"),
    (re.compile(r"^\*(?:\s*\*){2,}$|^[-–—_=~]{3,}$"), "a section separator"),
    (re.compile(r"^\d+\s*/\s*\d+$"), "a page counter"),
    (re.compile(r"(?i)^(?:the\s+)?official\s+(?:web\s*site|site|portal|page)\s+of\s+\S.*$"), "the masthead (the site's name)"),
    (re.compile(r"^[^\W\d_A-Za-z][^\W\d_]*(?:\s+[^\W\d_]+){0,3}\s*/?$|^\w+\s+/$"), "a document-type token (breadcrumb)"),
    (re.compile(r"^date\s+\d{4}-\d{2}-\d{2}(?:\s+[A-Z][\w&'-]*){0,3}$"), "a leading metadata token (date and section)"),
]
_CREDIT = re.compile(r"\*\*[^*\n]{3,80}\*\*")


def _lines(text: str):
    for m in re.finditer(r"[^\n]+", text):
        stripped = m.group().strip()
        if stripped:
            lead = len(m.group()) - len(m.group().lstrip())
            yield m.start() + lead, stripped


def find_furniture(text: str) -> list[tuple[Found, str]]:
    """Page furniture: (the line, or the credit within a line, and the reason it is furniture).

    Takes the text; returns the pieces in text order. A line repeated word for word (a caption
    shown twice) is furniture the second time; a metadata token counts only on the first line."""
    out: list[tuple[Found, str]] = []
    seen: set[str] = set()
    for index, (start, line) in enumerate(_lines(text)):
        for pattern, reason in _LINE_RULES:
            if pattern.search(line) and (not reason.startswith("a leading metadata") or index == 0):
                out.append((Found(line, start), reason))
                break
        else:
            if line in seen and len(line) >= 20:
                out.append((Found(line, start), "the same line again (a caption shown twice)"))
            for m in _CREDIT.finditer(line):
                out.append((found(text, start + m.start(), start + m.end()), "photo credit"))
        seen.add(line)
    return out


def is_furniture(furniture: list[tuple[Found, str]], start: int, end: int) -> bool:
    """Whether the span lies inside a piece of furniture."""
    return any(piece.start <= start and end <= piece.end for piece, _ in furniture)


_NOT_TITLE = re.compile(
    r"^(?:By\s|https?://|date\s+\d{4}-)|^[A-Z][A-Z'’. /-]*[A-Z],\s|[.,;:]$|^\W*$"
)


def find_title(text: str, furniture: list[tuple[Found, str]], skip: list[Found] = ()) -> Found | None:
    """The title: the first line of the header that is not furniture, a dateline, a byline, a date
    or a URL, short and without a final full stop. Takes the text, its furniture and other header
    lines to pass over (dates, bylines); returns the line, or None."""
    for start, line in _lines(text):
        if is_furniture(furniture, start, start + len(line)) or any(s.start <= start < s.end for s in skip):
            continue
        if len(line) > 150 or _NOT_TITLE.search(line) or len(line.split()) < 2:
            return None
        return Found(line, start)
    return None


def find_headings(text: str, title: Found | None, furniture: list[tuple[Found, str]],
                  skip: list[Found] = (), cut: int | None = None) -> list[Found]:
    """Headings: short lines standing as their own paragraph, without final punctuation or inner
    commas, after the title (the title itself excluded). Takes the text, its title, furniture,
    header lines to pass over, and where a cut-off text's last word starts; returns the lines."""
    headings = []
    after = title.end if title else 0
    lines = list(_lines(text))
    for index, (start, line) in enumerate(lines):
        if start < after or is_furniture(furniture, start, start + len(line)) or any(s.start <= start < s.end for s in skip):
            continue
        if cut is not None and start + len(line) > cut:
            continue
        words = line.split()
        if len(words) > 12 or re.search(r"[.!?;:,]$", line.rstrip("”\"»’'")) or ", " in line or re.search(r"[.!?]$", line):
            continue
        if line.endswith(":") or not re.match(r"^[\W]*[A-Z0-9]", line):
            continue
        blank_before = index == 0 or "\n\n" in text[lines[index - 1][0] + len(lines[index - 1][1]):start].replace(" ", "")
        following = lines[index + 1][0] if index + 1 < len(lines) else len(text)
        blank_after = "\n\n" in text[start + len(line):following].replace(" ", "") or index + 1 == len(lines)
        if blank_before and blank_after:
            headings.append(Found(line, start))
    return headings
