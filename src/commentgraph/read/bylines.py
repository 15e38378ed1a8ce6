"""Where a comment's author stands, once the headers are known (the fourth stage of layout inference): in
the time line (``inline``, ``suffix``), on a name-like line above it (``above``), or first in a block whose
time follows the body (``after``)."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from . import chrome, vocab
from .blocks import after_header
from .handles import handle_under
from .lines import ARROW, clean_author, name_like, sentence_like

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
        elif (
            k in ("menu", "label", "value", "label_inline", "avatar")
            or (k == "reply" and not found)
            or (k == "count" and vocab.is_symbols(stripped[j]))
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


def _fold(s: str) -> str:
    return " ".join(clean_author(s).split()).casefold()


def _title_tops(walks: list, kinds: list[str]) -> set[int]:
    """Blocks whose top name-like line is a post title: where most later blocks' walks end at a title line
    (``Re: ...``, heise), a block without one whose walk is a name longer than the others heads it with a
    thread's own title ("Radfahrer sind auch Menschen" / author / time)."""
    later = [(b, names) for b, (names, _) in enumerate(walks) if b and names]
    titled = [b for b, names in later if names[0] > 0 and kinds[names[0] - 1] == "title"]
    if len(titled) * 2 < len(later) or not titled:
        return set()
    depth = Counter(len(walks[b][0]) for b in titled).most_common(1)[0][0]
    return {b for b, names in later if b not in titled and len(names) == depth + 1}


def _reply_names(walks: list, stripped: list[str]) -> list[int | None]:
    """The line of each block's name that is whom the comment answers: the name right below its author when
    it is the author of another block (Disqus: ``MaryJ`` / ``JohnSmith`` / ``3 years ago``; the Guardian).
    The authors known: the top names of later blocks, then also the first block's name as far above its time
    as most other blocks' authors (a rank under every name, "Forenprofi", is nobody's reply)."""
    tops = Counter(_fold(stripped[names[0]]) for names, bounded in walks[1:] if names and bounded)
    out = _replies_to(walks, stripped, tops)
    sizes = Counter(len(names) - (out[b] is not None) for b, (names, _) in enumerate(walks) if b and names)
    if walks and walks[0][0] and sizes:
        depth = max(sizes, key=lambda k: (sizes[k], -k))
        tops[_fold(stripped[walks[0][0][-min(depth, len(walks[0][0]))]])] += 1
        out = _replies_to(walks, stripped, tops)
    return out


def _replies_to(walks: list, stripped: list[str], tops: Counter) -> list[int | None]:
    out: list[int | None] = [None] * len(walks)
    for b, (names, bounded) in enumerate(walks[1:], 1):
        if len(names) < 2 or not bounded:
            continue
        below, author = _fold(stripped[names[-1]]), _fold(stripped[names[-2]])
        if below != author and tops[below] - (below == _fold(stripped[names[0]])) > 0:
            out[b] = names[-1]
    return out


def authors_above(heads: list[TimeLine], kinds: list[str], stripped: list[str]) -> tuple[list, list, list, list]:
    """``(starts, authors, numbers, replies)`` where the author stands on a line above the time; ``replies``
    holds the name a block's header says it answers (see :func:`_reply_names`), else None."""
    walks = []
    for b, t in enumerate(heads):
        lo = after_header(heads[b - 1].line, kinds, t.line) if b else 0
        walks.append(names_above(t.line, lo, kinds, stripped))
    titles = _title_tops(walks, kinds)
    # (SMF: a title right above each later block's time, "Re: Trains": the first block's line there is its title)
    titled = [b for b, t in enumerate(heads) if b and kinds[t.line - 1] == "title"]
    if titled and len(titled) * 2 >= len(heads) - 1 and walks[0][0] and walks[0][0][-1] == heads[0].line - 1:
        walks[0] = (walks[0][0][:-1], walks[0][1])
    walks = [(names[1:], bounded) if b in titles else (names, bounded) for b, (names, bounded) in enumerate(walks)]
    reply_at = _reply_names(walks, stripped)
    walks = [(names[:-1], bounded) if reply_at[b] else (names, bounded) for b, (names, bounded) in enumerate(walks)]
    # (a handle under a display name, "Jana" / "@jana@fjord.social" / time: part of that name's header)
    walks = [(names[:-1] if handle_under(names, stripped) else names, bounded) for names, bounded in walks]
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
        if b and len(names) > depth and names[0] == after_header(heads[b - 1].line, kinds, t.line):
            j = names[-depth]  # (the walk took the whole text of the block above: "bob" / date / "Me too." / "cat")
        authors.append(stripped[j])
        j -= b in titles
        lo = after_header(heads[b - 1].line, kinds, t.line) if b else 0
        while j - 1 >= lo and vocab.BADGE_LINE.match(stripped[j - 1]):  # ("Moderator" / NAME: the badge heads it)
            j -= 1
        starts.append(j - (j > 0 and kinds[j - 1] == "title"))  # (a post's title line heads it)
    replies = [clean_author(stripped[j]) if j is not None else None for j in reply_at]
    # a reply arrow in the author line ("ann_k ↪ Simon_W") names whom the comment answers
    split = [ARROW.split(a, 1) if a else [a] for a in authors]
    replies = [r or (clean_author(p[1]) if len(p) == 2 else None) for r, p in zip(replies, split)]
    return starts, [clean_author(p[0]) if p[0] else None for p in split], [None] * len(heads), replies


def authors_after(heads: list[TimeLine], kinds: list[str], stripped: list[str]) -> tuple[list, list, list, list]:
    """``(starts, authors, numbers, replies)`` where the author opens a block whose time follows the body."""
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
    for b in range(len(heads)):  # (a badge above the name, "Top contributor" / NAME: it heads the comment)
        while found[b] is not None and starts[b] - 1 > (heads[b - 1].line if b else -1):
            if not vocab.BADGE_LINE.match(stripped[starts[b] - 1]):
                break
            starts[b] -= 1
    authors = [clean_author(stripped[found[b]]) if found[b] is not None else None for b in range(len(heads))]
    return starts, authors, [None] * len(heads), [None] * len(heads)


#: what stands between a reply's author and the name it answers once the copy lost the arrow icon between them
#: (Disqus: "MaryJ  JohnSmith • 3 years ago"): two spaces or more, or an icon font's glyph
_GAP = re.compile(r"[ \t]*[\ue000-\uf8ff][ \t]*|[ \t]{2,}")


def split_replies(prefixes: list[str]) -> list[tuple[str, str | None]]:
    """Each header prefix as ``(author, the name it answers or None)``: a reply arrow ("Bob → Anna Lee"), or
    a gap between two names where the page shows that layout (one of the names is an author of the page).

    >>> split_replies(["Anna Lee", "Bob  Anna Lee", "Bob → Carl", "Ed  Wood"])
    [('Anna Lee', None), ('Bob', 'Anna Lee'), ('Bob', 'Carl'), ('Ed', 'Wood')]
    >>> split_replies(["Ed  Wood", "Anna"])
    [('Ed  Wood', None), ('Anna', None)]
    """
    arrows = [ARROW.split(p, 1) for p in prefixes]
    gaps = [_GAP.split(p.strip(), 1) if len(a) == 1 else a for p, a in zip(prefixes, arrows)]
    known = {_fold(p) for p, g in zip(prefixes, gaps) if len(g) == 1}
    known |= {_fold(a[0]) for a in arrows if len(a) == 2}
    paired = [len(g) == 2 and all(name_like(x) for x in g) for g in gaps]
    confirmed = any(ok and (_fold(g[0]) in known or _fold(g[1]) in known) for ok, g in zip(paired, gaps))
    return [
        (clean_author(g[0]), clean_author(g[1])) if ok and (confirmed or len(a) == 2) else (clean_author(p), None)
        for p, g, a, ok in zip(prefixes, gaps, arrows, paired)
    ]


def drop_places(authors: list[str]) -> list[str]:
    """Authors without the place after their name where nearly every header writes one ("Jane Doe, London,
    United Kingdom, 2 hours ago", as the Daily Mail does); a comma in one name of many stays.

    >>> drop_places(["Jane Doe, London, UK", "Tom, Cork, Ireland"]), drop_places(["O'Brien, Pat", "Anna", "Ben"])
    (['Jane Doe', 'Tom'], ["O'Brien, Pat", 'Anna', 'Ben'])
    """
    placed = [", " in a for a in authors]
    if len(authors) < 2 or sum(placed) < 0.8 * len(authors):
        return authors
    return [a.split(", ", 1)[0] for a in authors]


def name_lines_above(found: tuple, heads: list[TimeLine], kinds: list[str], stripped: list[str]) -> tuple:
    """``found`` (starts, authors, ...) with each block that has its author's name alone on the line right above
    its header line (an avatar's alt text, GitHub's "@octocat" / "octocat commented on Mar 1, 2019") starting
    there: the line heads that comment, it is no text of the comment before."""
    starts, authors, *rest = found
    starts = list(starts)
    for b, a in enumerate(authors):
        j = starts[b] - 1
        if (
            a
            and j > (heads[b - 1].line if b else -1)
            and kinds[j] == "text"
            and _fold(stripped[j].lstrip("@")) == _fold(a)
        ):
            starts[b] = j
    return (starts, authors, *rest)


def credentials_above(found: tuple, heads: list[TimeLine], kinds: list[str], stripped: list[str]) -> tuple:
    """``found`` with the author on the line above the header where nearly every header names no person but a
    credential ("Anna Svensson" / "Software engineer at Foocorp · 5y", as Quora writes it): that line heads it."""
    starts, authors, *rest = found
    above = [
        s - 1
        if a
        and chrome.CREDENTIAL.search(a)
        and s - 1 > (heads[b - 1].line if b else -1)
        and kinds[s - 1] == "text"
        and name_like(stripped[s - 1])
        and not sentence_like(stripped[s - 1])
        else None
        for b, (s, a) in enumerate(zip(starts, authors))
    ]
    if len(heads) < 2 or sum(j is not None for j in above) < max(2, 0.6 * len(heads)):
        return found
    starts = [s if j is None else j for s, j in zip(starts, above)]
    authors = [a if j is None else clean_author(stripped[j]) for a, j in zip(authors, above)]
    return (starts, authors, *rest)


def drop_quoted_headers(heads, starts, authors, *rest):
    """A reply that quotes the header of the comment it answers ("@ Dietmar Hilsebein" / "8. April 2019
    @ 11:38") holds no header of its own: the quoted one is dropped (its lines become the reply's text)."""
    seen = {(a, t.match[0]) for a, t in zip(authors, heads) if a}
    quoted = {
        b
        for b, (a, t) in enumerate(zip(authors, heads))
        if a and a.startswith("@") and (a.lstrip("@ "), t.match[0]) in seen
    }
    if not quoted:
        return heads, starts, authors, *rest
    keep = [b for b in range(len(heads)) if b not in quoted]
    return tuple([xs[b] for b in keep] for xs in (heads, starts, authors, *rest))


_HANDLE_AFTER = re.compile(r"^(?P<name>\S.*?)[ \t]+@[\w.\-]{1,40}(?:@[\w.\-]{1,60})?$")


def drop_handles(authors: list) -> list:
    """Authors without the handle after their name where nearly every header writes one ("Jane Doe @janedoe ·
    Mar 1", as X and Mastodon do); a handle alone ("@janedoe") is the name.

    >>> drop_handles(["Jane Doe @janedoe", "Bob @bob@chaos.social", "@anna"])
    ['Jane Doe', 'Bob', '@anna']
    >>> drop_handles(["Jane Doe @janedoe", "Bob", "Anna"])
    ['Jane Doe @janedoe', 'Bob', 'Anna']
    """
    ms = [_HANDLE_AFTER.match(a) if a else None for a in authors]
    if len(authors) < 2 or sum(m is not None for m in ms) < 0.6 * len(authors):
        return authors
    return [m["name"] if m else a for m, a in zip(ms, authors)]


_FIELDS = ("label", "label_inline", "value", "menu")


def authors_below(heads: list[TimeLine], kinds: list[str], stripped: list[str]) -> tuple | None:
    """``((starts, authors, numbers, replies), ends)`` where most blocks have their author on the line right under
    the time, then a rank and member fields (vBulletin 4: "03-01-2019, 10:05 AM #2" / NAME / "Senior Member" /
    "Join Date: Jan 2019" / "Posts: 12" / text; ``ends``: each block's last such line), or, under a header of a
    number and a time, nothing above it, the text after it (Zeit: "#1 — vor 3 Stunden" / NAME / text), else None."""
    authors: list[str | None] = []
    ends = []
    bare = heads[0].pk == "num"  # (a header of a number and a time only may have its name under it, no fields)
    for b, t in enumerate(heads):
        limit = heads[b + 1].line if b + 1 < len(heads) else len(kinds)
        lo = after_header(heads[b - 1].line, kinds, t.line) if b else 0
        j = after_header(t.line, kinds, limit)
        while j < limit and kinds[j] == "blank":
            j += 1
        k, ranks = j + 1, 0
        while k < limit and kinds[k] == "text" and name_like(stripped[k]) and ranks < 2:  # (a rank, a title)
            k, ranks = k + 1, ranks + 1
        named = j < limit and kinds[j] == "text" and name_like(stripped[j]) and not sentence_like(stripped[j])
        if (
            named
            and bare
            and j + 1 < limit
            and kinds[j + 1] == "text"
            and not (b and names_above(t.line, lo, kinds, stripped)[0])
        ):
            authors.append(clean_author(stripped[j]))  # (Zeit: "#1 — vor 3 Stunden" / NAME / text)
            ends.append(j)
            continue
        if not (named and k < limit and kinds[k] in _FIELDS):
            authors.append(None)
            ends.append(t.line)
            continue
        while k < limit and (kinds[k] in _FIELDS or kinds[k] == "blank" or vocab.is_symbols(stripped[k])):
            k += 1
        authors.append(clean_author(stripped[j]))
        ends.append(k - 1)
    if len(heads) < 2 or sum(a is not None for a in authors) < 0.6 * len(heads):
        return None
    return ([t.line for t in heads], authors, [None] * len(heads), [None] * len(heads)), ends


def bodies_empty(heads: list[TimeLine], starts: list[int], kinds: list[str]) -> bool:
    """Whether most blocks read with the author above the time would hold no text line after it (only
    buttons and counters up to the next block's name): the text then stands between the name and the time."""
    if len(heads) < 2:
        return False
    ends = [*starts[1:], len(kinds)]
    empty = [
        not any(kinds[j] == "text" for j in range(after_header(t.line, kinds, end), end)) for t, end in zip(heads, ends)
    ]
    return sum(empty) >= 0.6 * len(heads)


#: a comment's number before the name in a header ("#3 Gerd_B | vor 3 Stunden", as Stern writes it)
_NUMBERED = re.compile(r"#(?P<number>\d{1,9})[ \t]+(?P<name>\S.*)")


def numbered(prefixes: list[str]) -> tuple[list[str], list]:
    """Header prefixes without the number before the name, and the numbers, where nearly every one has one."""
    ms = [_NUMBERED.fullmatch(p) for p in prefixes]
    if sum(m is not None for m in ms) < max(2, 0.8 * len(prefixes)):
        return prefixes, [None] * len(prefixes)
    return [m["name"] if m else p for m, p in zip(ms, prefixes)], [m["number"] if m else None for m in ms]


#: a post's number and title above its header ("2. Schön" / "Leserin heute, 10:30 Uhr", Spiegel's old forum)
_NUMBERED_TITLE = re.compile(r"(?P<number>\d{1,6})\.(?:[ \t]+\S.{0,200})?")


def numbered_titles(found: tuple, heads: list[TimeLine], stripped: list[str]) -> tuple:
    """``found`` with the line above each header that holds a post's number and title heading its block (and
    giving its number), where nearly every header has one."""
    starts, authors, numbers, *rest = found
    above = [
        m if s - 1 > (heads[b - 1].line if b else -1) and (m := _NUMBERED_TITLE.fullmatch(stripped[s - 1])) else None
        for b, s in enumerate(starts)
    ]
    if len(heads) < 2 or sum(m is not None for m in above) < max(2, 0.8 * len(heads)):
        return found
    starts = [s - (m is not None) for s, m in zip(starts, above)]
    numbers = [n if n is not None or m is None else m["number"] for n, m in zip(numbers, above)]
    return (starts, authors, numbers, *rest)
