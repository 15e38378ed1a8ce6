"""Headers of a display name above a handle (Mastodon's "Jana Lindqvist" / "@jana@fjord.social" / time, X's
"Greta Hansen" / "@gretahansen"): the handle is part of the header, and a post whose time follows its text (X's
main post in a copied conversation) still has that header above the text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .chrome import HANDLE_LINE
from .lines import clean_author, name_like, sentence_like

if TYPE_CHECKING:
    from .infer import TimeLine


def handle_under(names: list[int], stripped: list[str]) -> bool:
    """Whether the last of the name lines ``names`` (a walk above a time) is a handle right under a name."""
    return len(names) >= 2 and names[-1] == names[-2] + 1 and HANDLE_LINE.match(stripped[names[-1]]) is not None


def _name(j: int, kinds: list[str], stripped: list[str]) -> bool:
    return kinds[j] == "text" and name_like(stripped[j]) and not sentence_like(stripped[j])


def text_above(heads: list[TimeLine], found: tuple, kinds: list[str], stripped: list[str]) -> tuple[tuple, list[int]]:
    """``found`` (starts, authors, ...) and, per block, the first line of a text that stands above its time (-1:
    none): a block without an author whose lines above the time open with a name and a handle, where most other
    blocks' headers are a name above a handle ("Greta Hansen" / "@gretahansen" / text / "10:05 AM · Mar 1, 2019")."""
    starts, authors, *rest = found
    pre = [-1] * len(heads)
    named = [b for b, a in enumerate(authors) if a is not None]
    paired = [b for b in named if starts[b] + 1 < heads[b].line and HANDLE_LINE.match(stripped[starts[b] + 1])]
    if not paired or len(paired) < 0.6 * len(named) or len(named) == len(heads):
        return found, pre
    starts, authors = list(starts), list(authors)
    for b, t in enumerate(heads):
        lo = heads[b - 1].line + 1 if b else 0
        if authors[b] is not None:
            continue
        for j in range(t.line - 2, lo, -1):
            if HANDLE_LINE.match(stripped[j]) and _name(j - 1, kinds, stripped):
                if any(kinds[x] == "text" for x in range(j + 1, t.line)):
                    starts[b], authors[b], pre[b] = j - 1, clean_author(stripped[j - 1]), j + 1
                break
    return (starts, authors, *rest), pre


def handle_names(blocks, stripped: list[str]) -> dict[str, str]:
    """The handle under each block's name, folded and without its "@" (and server), -> that block's author."""
    from .blocks import fold

    out = {}
    for blk in blocks:
        j = blk.top + 1
        if blk.author and j < blk.time_line and HANDLE_LINE.match(stripped[j]):
            out.setdefault(fold(stripped[j].strip().lstrip("@").split("@")[0]), blk.author)
    return out


def named_by_handle(blocks, names: dict[str, str]) -> None:
    """Reply markers that name a handle of the page ("Replying to @gretahansen") name its author instead."""
    from .blocks import fold

    for blk in blocks if names else ():
        blk.markers = [
            (mk[0], mk[1], names.get(fold(mk[2].lstrip("@")), mk[2]), *mk[3:]) if mk[0] == "reply" and mk[2] else mk
            for mk in blk.markers
        ]


def handled_blocks(blocks, stripped: list[str]) -> int:
    """How many blocks hold a handle line in their header, under the name (above the time)."""
    return sum(any(HANDLE_LINE.match(stripped[j]) for j in range(b.top + 1, b.time_line)) for b in blocks)
