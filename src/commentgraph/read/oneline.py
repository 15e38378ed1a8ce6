"""Comments of one line each: the text, then `` – `` (an en dash between spaces), the author and the time
(Stack Exchange: ``Works for me – Jane Doe Mar 5, 2019 at 15:10``), a score line above a voted comment.

Header and text share the line: layout inference reads the line as the comment's header (its ``line``) and
keeps the part before the separator as the first line of its text; :func:`commentgraph.account_lines`
checks that part against the header line. The separator is the last `` – `` that a name and a time
expression ending the line follow, so a dash in the text, or a date the text mentions, stays text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import times, vocab
from .lines import CONNECTOR_TAIL, name_like, sentence_like

if TYPE_CHECKING:
    from .blocks import Block
    from .infer import TimeLine

SEPARATOR = " – "
#: a moderator's diamond after the name ("Shog9 ♦"): a badge, kept in ``ui_text``, not in the author
_DIAMOND = re.compile(r"[ \t]*♦$")
#: a score above a voted comment: a bare whole number
_SCORE = re.compile(r"^[+\-−]?\d{1,6}$")
#: what a text before the separator may not be: a number or a label ("#12 – Anna Lee 01.03.2019 11:25")
_NOT_TEXT = re.compile(r"^(?:#|Nr\.[ ]?|No\.[ ]?)?\d{1,9}[.:)]?$")


def split(s: str) -> tuple[str, str, re.Match] | None:
    """``(text, name, time match)`` of a one-line comment (``s`` stripped), else None.

    >>> text, name, m = split("Thanks – both of you were right. – Shog9 ♦ Mar 6, 2019 at 9:01")
    >>> text, name, m[0]
    ('Thanks – both of you were right.', 'Shog9 ♦', 'Mar 6, 2019 at 9:01')
    >>> split("Meeting on Mar 1, 2019 at 10:00 – was fun") is None, split("#1 – Anna 01.03.2019 11:25") is None
    (True, True)
    """
    at = len(s)
    while (at := s.rfind(SEPARATOR, 0, at)) > 0:
        text, rest = s[:at].rstrip(), s[at + len(SEPARATOR) :]
        m = times.find(rest)
        if m is not None and m.end() == len(rest) and m.start() > 0 and times.shape(m) != "D":
            name = rest[: m.start()].strip()
            if _is_name(name) and text and not _NOT_TEXT.match(text):
                return text, name, m
            return None  # (the last separator before the time decides)
    return None


def _is_name(name: str) -> bool:
    bare = _DIAMOND.sub("", name)
    return (
        bool(bare)
        and len(bare) <= 40
        and len(bare.split()) <= 4
        and name_like(bare)
        and not sentence_like(bare)
        and CONNECTOR_TAIL.sub("", bare) == bare
        and SEPARATOR.strip() not in bare
        and not vocab.is_ui(bare)
    )


def authors(heads: list[TimeLine], kinds: list[str], stripped: list[str]) -> tuple[list, list, list, list]:
    """``(starts, authors, numbers, replies)``: a block starts at its score line where one stands right above."""
    starts, names = [], []
    for b, t in enumerate(heads):
        above = t.line - 1
        low = heads[b - 1].line if b else -1
        scored = above > low and kinds[above] == "count" and _SCORE.match(stripped[above])
        starts.append(above if scored else t.line)
        names.append(_DIAMOND.sub("", t.prefix) or None)
    return starts, names, [None] * len(heads), [None] * len(heads)


def finish(blk: Block, t: TimeLine, stripped: list[str]) -> None:
    """The block's text begins with the text in its header line; its score and a moderator's diamond are
    ``ui_text`` (lines after the header line, up to the next block, were read as for other layouts)."""
    blk.text = t.text + ("\n" + blk.text if blk.text else "")
    blk.text_start = t.line
    marks = [stripped[blk.top]] if blk.top < t.line else []
    if _DIAMOND.search(t.prefix):
        marks.append("♦")
    if marks:
        blk.ui_text = "\n".join([*marks, *([blk.ui_text] if blk.ui_text else [])])


_DASH_LINE = re.compile(r"^[^\n]* – [^\n]*$", re.MULTILINE)


def count(text: str, stop: int) -> int:
    """How many lines of ``text`` are one-line comments (counting stops at ``stop``): a page holding more of
    them than headers of a known layout is read by layout inference."""
    if SEPARATOR not in text:
        return 0
    n = 0
    for m in _DASH_LINE.finditer(text):
        if split(m[0].strip(" \t\r")) and (n := n + 1) >= stop:
            break
    return n


def among(text: str, starts: list[int]) -> int:
    """How many of the lines starting at ``starts`` (offsets in ``text``) are one-line comments."""
    ends = (text.find("\n", s) for s in starts)
    return sum(split(text[s : e if e >= 0 else len(text)].strip(" \t\r")) is not None for s, e in zip(starts, ends))


def max_length(s: str) -> int:
    """The longest line searched for a time: a one-line comment holds a whole comment (600 characters)."""
    return 800 if SEPARATOR in s else 300


def closed(heads: list[TimeLine], kinds: list[str]) -> bool:
    """Whether most one-line comments are followed (after blank and score lines) by another one, buttons or the
    page's tail ("Add a comment"): where text lines follow most, they are headers of another layout (``NAME –
    PLACE 01.03.2019 11:25`` above a body)."""
    at = {t.line for t in heads}
    shut = 0
    for t in heads:
        j = t.line + 1
        while j < len(kinds) and kinds[j] in ("blank", "count"):
            j += 1
        shut += j == len(kinds) or j in at or kinds[j] in ("ui", "tail", "menu")
    return shut >= 0.5 * len(heads)
