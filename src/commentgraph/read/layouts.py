"""The known page layouts: their header patterns, the probe that finds candidate header lines, and the
choice of the layout with the most headers on a page (the fast path of the page reader).

>>> text = "01.03.2019 11:25 Anna 2\\n\\nJa.\\n\\n01.03.2019 11:20 Ben 1\\n\\nNein."
>>> hits = list(SCAN.finditer(text))
>>> layout, (starts, ends, fields, leads) = pick_layout(text, hits, [h.start() + 1 for h in hits])
>>> layout, [f[0] for f in fields]
('date_first', ['Anna', 'Ben'])
"""

from __future__ import annotations

import re
from itertools import accumulate, repeat

import numpy as np

from ..timeparse import _MONTH_ALT, DATE, DATETIME, MONTHS, WEEKDAY

_NUM = r"(?:\#|Nr\.[ ]?|No\.[ ]?)?(?P<{name}>\d{{1,9}})"
_AUTHOR_MAX = 200
#: an author: up to 200 characters ("everything between the time and the last token"), not starting with
#: a space; ``@kalle`` and ``#1 Fan`` are authors, a lone ``#10`` is a number; one starting with a digit
#: must hold a letter (checked by a lookahead, so the lazy run backtracks over one range only), or be
#: all digits with a number after it (``12345 3``: the ``{digits}`` alternative, date-first headers only)
#: (bounded quantifiers only, none nested: the work per line stays linear in its length)
_AUTHOR = (
    r"(?P<author>(?:[^\s\d\#]|\#(?!(?:Nr\.[ ]?|No\.[ ]?)?\d{{1,9}}[ \t]*$)"
    r"|(?=\d[^\n]{{0,%d}}?[^\W\d_])\d)[^\n]{{0,%d}}?{digits})" % (_AUTHOR_MAX - 1, _AUTHOR_MAX - 1)
)
#: an all-digit author, only where a number follows it and ends the line (date-first headers)
_DIGIT_AUTHOR = r"|\d{1,%d}(?=[ \t]+(?:\#|Nr\.[ ]?|No\.[ ]?)?\d{1,9}[ \t]*$)" % _AUTHOR_MAX

#: seed layout: ``01.03.2019 11:25 Meckersack 10``, also ``01.03.2019, 11:25 Uhr | Meckersack`` (the number is
#: optional, and last; a separator between time and author is dropped; a header that lost
#: its author, ``01.03.2019 11:25 10``, still matches, with ``author`` None)
DATE_FIRST = re.compile(
    rf"^[ \t]*{DATETIME}[ \t]+(?:[|·•–—-][ \t]+)?(?:by[ \t]+)?"
    rf"(?:{_AUTHOR.format(digits=_DIGIT_AUTHOR)}(?:[ \t]+{_NUM.format(name='number')})?"
    rf"|{_NUM.format(name='number0')})[ \t]*$",
    re.MULTILINE,
)
#: other sites: ``Meckersack | 01.03.2019 11:25``, ``#10 Meckersack schrieb am 01.03.2019 um 11:25 Uhr``
_SEP_DIGIT_AUTHOR = r"|\d{1,%d}(?=[ \t]+[|·•][ \t]+\S)" % _AUTHOR_MAX
#: (a separator alone is no author: ``12345 | 01.03.2019 10:05`` is author 12345, all digits where ``|`` follows)
AUTHOR_FIRST = re.compile(
    rf"^[ \t]*(?:{_NUM.format(name='number')}[.:)]?[ \t]+(?![|·•–—-][ \t]))?(?!{DATE})"
    rf"{_AUTHOR.format(digits=_SEP_DIGIT_AUTHOR)}"
    rf"(?:[ \t]+{_NUM.format(name='number2')})?[ \t]*(?:[|,·•/–—-][ \t]*)?"
    rf"(?:(?:schrieb am|schreibt am|am|on|wrote on|posted on|said on|commented on)[ \t]+)?{DATETIME}[ \t]*$",
    re.MULTILINE,
)
#: English and German sites copied as text: the author on one line (1-6 words, up to 80 characters, not
#: ending in sentence punctuation, not a date), the date and time alone on the next (``John Smith`` /
#: ``March 1, 2019 at 10:15 am``, ``#12 Meckersack`` / ``01.03.2019, 11:25 Uhr | #12``); a number on
#: either line. Tried only at the line before a line that starts with a date (see ``DATE_AT_START``).
#: (words are runs of non-space separated by blanks: one way to split a line, so the work stays linear)
TWO_LINE = re.compile(
    rf"^(?=[^\n]{{1,100}}\n)[ \t]*(?:{_NUM.format(name='number')}[.:)]?[ \t]+)?(?!{DATE})"
    r"(?P<author>[^\s\d\#]\S{0,79}(?:[ \t]+\S{1,80}){0,5})(?<![.!?:;,])"
    r"(?:[ \t]+(?i:says|said|wrote|sagt|schrieb|schreibt)[ \t]*:)?[ \t]*\n"
    rf"[ \t]*{DATETIME}(?:[ \t]*(?:[|·–—-][ \t]*)?{_NUM.format(name='number2')})?[ \t]*$",
    re.MULTILINE,
)
#: spaces that pages copied from HTML hold: no-break and narrow no-break spaces read as spaces, zero-width
#: spaces and word joiners go (zero-width joiners stay: emoji sequences and Persian words need them)
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u200b": None, "\u2060": None, "\ufeff": None})
_ODD_CHARS = ("\u00a0", "\u202f", "\u2007", "\u200b", "\u2060", "\ufeff")


def plain_spaces(text: str) -> str:
    """``text`` with the spaces of pages copied from HTML made plain (see ``_SPACES``); the page reader
    reads (and :func:`commentgraph.account_lines` checks) this form.

    >>> plain_spaces("Jane\u00a0Doe \u200bCarl")
    'Jane Doe Carl'
    """
    if any(ch in text for ch in _ODD_CHARS):  # ~100x faster than a regex search over a big page
        return text.translate(_SPACES)
    return text


#: an article's byline above its date (``By Ann Lee`` / ``March 1, 2019 at 9:00 am``) is not a comment header
BYLINE_AUTHOR = re.compile(r"(?i)(?:by|von)[ \t]")
#: words around a name that a header line of the author-first layout may hold ("Posted by", "» Tue")
NAME_WORDS = re.compile(r"(?i)^(?:posted by|written by|by|von)[ \t]|[»›]")
LAYOUTS = {"date_first": DATE_FIRST, "author_first": AUTHOR_FIRST, "two_line": TWO_LINE}
#: an author-first header ends in a time: only lines that do are tried (bounds the work on any input)
#: (written ":MM..." first: a literal ':' lets the scan skip ahead, ~1 ns a character instead of ~8; it
#: finds every line ``{TIME}[ \t]*$`` finds)
ENDS_IN_TIME = re.compile(r":\d\d(?::\d\d)?(?:[ ]?(?i:[ap]\.?m\.?))?(?:[ ]?Uhr)?[ \t]*$", re.MULTILINE)

#: a line that starts like a header but does not parse as one (truncated, mangled)
#: (as long a line as a header with the longest author)
NEAR_HEADER = re.compile(
    rf"^[ \t]*(?:{DATE})(?:[ \t,]+\d{{1,2}}(?::\d{{0,2}})?)?[^\n]{{0,%d}}$" % (_AUTHOR_MAX + 60), re.MULTILINE
)
#: words that make an author-first "header" an article line instead (``Zuletzt aktualisiert: ...``)
NOT_AUTHOR = re.compile(r"(?i)aktualisiert|programm|stand:|updated|published|veröffentlicht|^von$|^by$|:$")
#: blank lines at the start of a comment's text (matched at its start: a body is not cut out first)
LEADING_BLANK_LINES = re.compile(r"(?:[ \t]*\n)*")


#: Speed: DATE_FIRST and NEAR_HEADER cost 12-15 ns per character when tried at every position
#: (~6 s each over 1M comments); both match within one line that starts with a date, so they are
#: tried only at the line starts this cheap probe finds (a literal newline first). Same matches.
#: (a month name is tried only after its first letter: the alternation at every line start cost 2/3 of the scan)
DATE_AT_START = re.compile(
    rf"\n[ \t]*(?=\d|(?=(?i:[{''.join(sorted({m[0] for m in MONTHS}))}]))(?i:{_MONTH_ALT})"
    rf"|(?=(?i:mo|di|mi|do|fr|sa|so|su|tu|we|th)){WEEKDAY})"
)

#: the seed's plain header (``28.05.2019 17:55 B. Brandt2 61``), matched right after the probe, in the same
#: pass. Where it matches, DATE_FIRST matches with the same groups: the numeric date, the time and the
#: blanks leave DATE_FIRST no other way; authors that could continue the time (am/pm, Uhr), be a separator
#: (``| · • – — -``) or ``by`` are left to DATE_FIRST, and so are ones ending in ``Nr.``/``No.`` (where
#: DATE_FIRST's number starts earlier); the author ends in a non-blank before the blanks and the last
#: number, which is where DATE_FIRST's lazy author stops. (DATE_FIRST cost ~1.4 us a header, this ~0.3 us.)
#: ``lead`` holds the blank lines after the header (the body starts after them).
PLAIN = (
    r"(?P<date>\d{1,2}\.\d{1,2}\.\d{4})[ \t]+(?P<time>\d{1,2}:\d{2})[ \t]+"
    r"(?P<author>(?![|·•–—-]|by[ \t]|Uhr|(?i:[ap]\.?m))[^\s\d\#](?:[^\n]{0,198}[^ \t\n])?)(?<!Nr\.)(?<!No\.)"
    r"[ \t]+(?P<number>\d{1,9})[ \t]*$(?:(?!)(?P<number0>))?(?=\n(?P<lead>(?:[ \t]*\n)*))?"
)
SCAN = re.compile(rf"{DATE_AT_START.pattern}(?:{PLAIN})?", re.MULTILINE)
#: DATE_FIRST at the newline before a line (and ``lead`` as in ``PLAIN``)
DATE_FIRST_AT = re.compile(rf"\n{DATE_FIRST.pattern.removeprefix('^')}(?=\n(?P<lead>(?:[ \t]*\n)*))?", re.MULTILINE)
DF_NAMES = ("author", "number", "number0", "date", "time")
OTHER_NAMES = ("author", "number", "number2", "date", "time")


def matches_at(rx: re.Pattern, text: str, starts) -> list[re.Match]:
    """Matches of ``rx`` at offset 0 and at each offset of ``starts``."""
    match = rx.match
    out = [m] if (m := match(text, 0)) else []
    out += [m for s in starts if (m := match(text, s))]
    return out


def line_numbers(text: str, positions: list[int]) -> list[int]:
    """1-based line numbers of character offsets: sorted ones by counting newlines between them (one
    pass, in C; building an array of every newline cost ~2 ms a page), others by a search over the newlines.

    >>> line_numbers("a\\nb\\n\\nc", [0, 2, 5]), line_numbers("a\\nb\\n\\nc", [5, 0])
    ([1, 2, 4], [4, 1])
    """
    if all(a <= b for a, b in zip(positions, positions[1:])):  # sorted (headers, near-headers)
        return list(accumulate(map(text.count, repeat("\n"), [0, *positions[:-1]], positions), initial=1))[1:]
    newlines = np.fromiter((m.start() for m in re.finditer("\n", text)), dtype=np.int64)
    return (np.searchsorted(newlines, np.asarray(positions, dtype=np.int64), side="left") + 1).tolist()


#: a layout's headers: offsets where each starts and ends, its fields (author, number, other number,
#: date, time), and where its body starts (-1: not known yet)
Found = tuple[list[int], list[int], list[tuple], list[int]]


def as_found(matches: list[re.Match], names: tuple[str, ...]) -> Found:
    return (
        [m.start() for m in matches],
        [m.end() for m in matches],
        [m.group(*names) for m in matches],
        [-1] * len(matches),
    )


def date_first(text: str, hits: list[re.Match]) -> Found:
    """DATE_FIRST's matches at offset 0 and at the probed line starts (the plain ones from the scan, the
    others by ``DATE_FIRST_AT``: the same groups, with ``lead``)."""
    match = DATE_FIRST_AT.match
    ms = [h if h.start("date") >= 0 else match(text, h.start()) for h in hits]
    if None in ms:
        ms = [m for m in ms if m is not None]
    starts, ends = [m.start() + 1 for m in ms], [m.end() for m in ms]
    fields, leads = [m.group(*DF_NAMES) for m in ms], [m.end("lead") for m in ms]
    if m := DATE_FIRST.match(text, 0):
        starts.insert(0, 0), ends.insert(0, m.end()), fields.insert(0, m.group(*DF_NAMES)), leads.insert(0, -1)
    return starts, ends, fields, leads


def pick_layout(text: str, hits: list[re.Match], starts: list[int]) -> tuple[str, Found]:
    """The layout with the most headers on the page, and its headers (``hits``: the scan's matches,
    ``starts``: the line starts they probe)."""
    best = ("date_first", date_first(text, hits))
    # author-first: only lines that end in a time are tried (bounds the work on any input)
    ends = dict.fromkeys(text.rfind("\n", 0, m.start()) + 1 for m in ENDS_IN_TIME.finditer(text))
    found = [m for s in ends if (m := AUTHOR_FIRST.match(text, s)) and not NOT_AUTHOR.search(m["author"].strip())]
    if len(found) > len(best[1][0]):
        best = ("author_first", as_found(found, OTHER_NAMES))
    # two-line: the line before each line that starts with a date (its '\n' at s - 1; not an empty one)
    authors = dict.fromkeys(text.rfind("\n", 0, s - 1) + 1 for s in starts if s > 1 and text[s - 2] != "\n")
    raw = [m for s in authors if (m := TWO_LINE.match(text, s))]
    found = [m for m in raw if not NOT_AUTHOR.search(m["author"].strip()) and not BYLINE_AUTHOR.match(m["author"])]
    if found:
        # a date line of these (a byline's too) is no header of another layout: those are not counted
        dated = {text.find("\n", m.start()) + 1 for m in raw}
        if len(found) >= sum(s not in dated for s in best[1][0]):
            best = ("two_line", as_found(found, OTHER_NAMES))
    return best


def is_blank_after(text: str, end: int) -> bool:
    nxt = text.find("\n", end + 1)
    rest = text[end + 1 : nxt if nxt >= 0 else len(text)]
    return end >= len(text) or not rest.strip()


def competes(line: str) -> bool:
    """Whether a line ending in a time reads as an author-first header (as :func:`pick_layout` counts them)."""
    return bool((m := AUTHOR_FIRST.match(line)) and not NOT_AUTHOR.search(m["author"].strip()))
