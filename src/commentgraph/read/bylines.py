"""Where a comment's author stands, once the headers are known (the fourth stage of layout inference): in
the time line (``inline``, ``suffix``), on a name-like line above it (``above``), or first in a block whose
time follows the body (``after``)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from . import vocab
from .blocks import after_header
from .lines import clean_author, name_like, sentence_like

if TYPE_CHECKING:
    from .infer import TimeLine

#: at most this many name-like lines are looked at above a time line
_MAX_ABOVE = 4


def names_above(i: int, lo: int, kinds: list[str], stripped: list[str]) -> tuple[list[int], bool]:
    """Name-like lines above time line ``i`` (top first, at most ``_MAX_ABOVE``), skipping menus, labels
    and their values, avatars and blank lines before the first name; and whether a boundary (a blank
    line, a button, a counter, the previous block) ended the walk."""
    found = []
    j = i - 1
    while j >= lo:
        k = kinds[j]
        if k in ("blank", "title"):
            if found:
                return found[::-1], True
        elif k in ("menu", "label", "value", "label_inline", "avatar") or (
            k == "count" and vocab.is_symbols(stripped[j])
        ):
            pass  # (a separator such as "·" between a name and its time is no boundary)
        elif k == "text" and name_like(stripped[j]) and not sentence_like(stripped[j]):
            found.append(j)
            if len(found) == _MAX_ABOVE:
                return found[::-1], False
        else:
            return found[::-1], True
        j -= 1
    return found[::-1], lo > 0


def _first_of_after_block(lo: int, hi: int, kinds: list[str], stripped: list[str], *, first=False, spaced=True):
    """In ``after`` mode, the author line of the block whose time line is ``hi``: the first text line after
    the previous block's buttons (``lo``); in the first block (article text above it), the first name-like
    line followed by a blank line where the other blocks' authors are (``spaced``), else by text, else the
    first name-like line."""
    cands = [
        j for j in range(lo, hi) if kinds[j] == "text" and name_like(stripped[j]) and not sentence_like(stripped[j])
    ]
    if first:
        like = [j for j in cands if j + 1 < hi and (kinds[j + 1] == "blank") == spaced]
        return (like or cands or [None])[0]
    j = lo
    while j < hi and kinds[j] != "text":
        j += 1
    return j if j < hi and j in cands else None


def authors_above(heads: list[TimeLine], kinds: list[str], stripped: list[str]) -> tuple[list, list, list]:
    """``(starts, authors, numbers)`` where the author stands on a line above the time."""
    walks = []
    for b, t in enumerate(heads):
        lo = after_header(heads[b - 1].line, kinds, t.line) if b else 0
        walks.append(names_above(t.line, lo, kinds, stripped))
    sizes = Counter(len(w) for w, _ in walks[1:] if w)
    depth = max(sizes, key=lambda k: (sizes[k], -k)) if sizes else 1
    starts, authors = [], []
    for b, (t, (names, bounded)) in enumerate(zip(heads, walks)):
        if not names:
            starts.append(t.line)
            authors.append(None)
            continue
        # later blocks: the top name of a walk a boundary ended; the first block (article above it):
        # the name as far above the time as in the other blocks
        j = names[0] if (b and bounded) else names[-depth] if len(names) >= depth else names[0]
        starts.append(j - (j > 0 and kinds[j - 1] == "title"))  # (a post's title line heads it)
        authors.append(clean_author(stripped[j]))
    return starts, authors, [None] * len(heads)


def authors_after(heads: list[TimeLine], kinds: list[str], stripped: list[str]) -> tuple[list, list, list]:
    """``(starts, authors, numbers)`` where the author opens a block whose time follows the body."""
    found = {}
    for b in [*range(1, len(heads)), 0]:  # (the first block last: it is read like the others)
        t = heads[b]
        if b == 0:  # (where no block holds a blank line, the first starts after the article's last one)
            inner = [kinds[j] for c, j0 in found.items() if j0 is not None for j in range(j0, heads[c].line)]
            stop = ("ui", "tail", "count") + (("blank",) if found and "blank" not in inner else ())
            lo = max((j + 1 for j in range(t.line) if kinds[j] in stop), default=0)
        else:
            lo = max(after_header(heads[b - 1].line, kinds, t.line), heads[b - 1].line + 1)
            while lo < t.line and kinds[lo] in ("ui", "blank", "count", "avatar"):
                lo += 1
        blank = [kinds[j + 1] == "blank" for j in found.values() if j is not None]
        found[b] = _first_of_after_block(lo, t.line, kinds, stripped, first=b == 0, spaced=sum(blank) * 2 >= len(blank))
    starts = [found[b] if found[b] is not None else t.line for b, t in enumerate(heads)]
    authors = [clean_author(stripped[found[b]]) if found[b] is not None else None for b in range(len(heads))]
    return starts, authors, [None] * len(heads)
