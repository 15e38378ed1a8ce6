"""Saved HTML pages ("Save page as") rendered to the text a browser copy of them gives: scripts, styles, menus
and hidden elements dropped, block elements as line breaks, table cells separated by tabs."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import PurePath

from ..sources import read_text

#: elements whose content is never shown
_SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "svg",
        "math",
        "iframe",
        "object",
        "canvas",
        "nav",
        "select",
        "datalist",
        "title",
    }
)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
#: elements that stand on lines of their own (two line breaks around a paragraph, as innerText gives)
_BLOCK = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "header",
        "hgroup",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "section",
        "summary",
        "table",
        "ul",
        "tr",
        "caption",
        "tbody",
        "thead",
        "tfoot",
        "label",
        "legend",
        "option",
        "menu",
    }
)
#: elements whose end tag may be omitted: the next sibling of the same kind closes them
_SELF_CLOSING = frozenset({"li", "p", "dt", "dd", "option", "tr", "td", "th"})
_PARAGRAPH = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "pre"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_DOCTYPE = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)


def looks_like_html(name: str, text: str) -> bool:
    """A saved web page: an ``.html``/``.htm`` file, or text that starts as an HTML document.

    >>> looks_like_html("page.html", ""), looks_like_html("<text>", "<!DOCTYPE html><p>x")
    (True, True)
    >>> looks_like_html("a.txt", "x")
    False
    """
    return PurePath(name).suffix.lower() in (".html", ".htm", ".xhtml") or _DOCTYPE.match(text[:2000]) is not None


class _Renderer(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str | int] = []  # text, or a number of required line breaks
        self.hidden: list[str] = []  # open elements whose content is not shown
        self.pre = 0

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            if not self.hidden:
                if tag == "br":
                    self.parts.append("\n")
                elif tag == "hr":
                    self.parts.append(1)
            return
        if self.hidden and (
            (tag == "body" and "head" in self.hidden) or (tag in _SELF_CLOSING and self.hidden[-1] == tag)
        ):
            # an end tag HTML lets one omit: <body> closes <head>, a sibling <li>/<p> closes a hidden one
            del self.hidden[self.hidden.index("head") if tag == "body" else -1 :]
        a = dict(attrs)
        if (
            self.hidden
            or tag in _SKIP
            or "hidden" in a
            or a.get("aria-hidden") == "true"
            or (_HIDDEN_STYLE.search(a.get("style") or ""))
        ):
            self.hidden.append(tag)
            return
        if tag in _PARAGRAPH:
            self.parts.append(2)
        elif tag in _BLOCK:
            self.parts.append(1)
        elif tag in ("td", "th") and self.parts and self.parts[-1] not in (1, 2):
            self.parts.append("\t")
        if tag == "pre":
            self.pre += 1

    def handle_endtag(self, tag):
        if self.hidden:
            if tag == self.hidden[-1]:
                self.hidden.pop()
            elif tag in self.hidden:  # an element closed out of order: close up to it
                del self.hidden[len(self.hidden) - 1 - self.hidden[::-1].index(tag) :]
            return
        if tag in _PARAGRAPH:
            self.parts.append(2)
        elif tag in _BLOCK:
            self.parts.append(1)
        if tag == "pre" and self.pre:
            self.pre -= 1

    def handle_data(self, data):
        if self.hidden:
            return
        self.parts.append(data if self.pre else re.sub(r"[ \t\n\r\f]+", " ", data))


def render(html: str) -> str:
    """The text of an HTML page as a browser shows it (and a selection copy gives it).

    >>> render("<html><head><style>p{}</style></head><body><div>Anna</div><div>1. März 2019 um 10:00</div>"
    ...        "<p>Hallo <b>Welt</b><br>zweite Zeile</p><script>alert(1)</script><p hidden>x</p></body></html>")
    'Anna\\n1. März 2019 um 10:00\\n\\nHallo Welt\\nzweite Zeile'
    """
    r = _Renderer()
    r.feed(html)
    r.close()
    out: list[str] = []
    pending = 0  # required line breaks before the next text
    for part in r.parts:
        if isinstance(part, int):
            pending = max(pending, part) if out else 0
            continue
        if part == "\n":
            out.append("\n")
            pending = 0
            continue
        if not out or out[-1].endswith("\n") or (pending and not part.strip(" ")):
            part = part.lstrip(" ")  # (white space between blocks is no text)
        if not part:
            continue
        if pending:
            while out and out[-1].endswith(" "):
                out[-1] = out[-1].rstrip(" ")
            out.append("\n" * pending)
            pending = 0
        out.append(part)
    text = "".join(out)
    return "\n".join(line.strip(" ") for line in text.split("\n")).strip("\n")


def page_text(source) -> tuple[str, str, str, bool]:
    """``(text, name, encoding, rendered)`` of a page source: a saved HTML page (``.html``, or text that
    starts as an HTML document) is rendered to the text a browser copy of it gives (``rendered`` True).

    >>> page_text("<!DOCTYPE html><p>Anna</p><p>Hallo</p>")[0::3]
    ('Anna\\n\\nHallo', True)
    """
    text, name, enc = read_text(source)
    if looks_like_html(name, text):
        return render(text), name, enc, True
    return text, name, enc, False
