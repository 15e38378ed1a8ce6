"""Read copied comment pages (article text followed by its comments) into tidy tables."""

from __future__ import annotations

import hashlib
import os
import re
from array import array
from itertools import accumulate, repeat
from pathlib import Path, PurePath

import numpy as np
import pandas as pd
import pyarrow as pa
import polars as pl
import pyarrow.compute as pc

from .discussion import Discussion, make_discussion
from .errors import ReadError
from .problems import Problems
from .read import bulk, vocab
from .read.html import page_text
from .read.infer import infer
from .read.checks import number_ids, number_notes
from .read.head import page_head
from .read.lines import strip_name_words
from .schema import COLUMNS, DEFAULT_TZ, TIME_UNIT
from .sources import looks_like_path
from .timeparse import _MONTH_ALT, DATE, MONTHS, DATETIME, WEEKDAY, date_days, localize, slash_order, time_seconds

_NUM = r"(?:\#|Nr\.[ ]?|No\.[ ]?)?(?P<{name}>\d{{1,9}})"
_AUTHOR_MAX = 200
#: an author: up to 200 characters ("everything between the time and the last token"), not starting with
#: a space; ``@kalle`` and ``#1 Fan`` are authors, a lone ``#10`` is a number; one starting with a digit
#: must hold a letter (checked by a lookahead, so the lazy run backtracks over one range only), or be
#: all digits with a number after it (``12345 3``: the ``{digits}`` alternative, date-first headers only)
#: (bounded quantifiers only, none nested: the work per line stays linear in its length)
_AUTHOR = (r"(?P<author>(?:[^\s\d\#]|\#(?!(?:Nr\.[ ]?|No\.[ ]?)?\d{{1,9}}[ \t]*$)"
           r"|(?=\d[^\n]{{0,%d}}?[^\W\d_])\d)[^\n]{{0,%d}}?{digits})" % (_AUTHOR_MAX - 1, _AUTHOR_MAX - 1))
#: an all-digit author, only where a number follows it and ends the line (date-first headers)
_DIGIT_AUTHOR = r"|\d{1,%d}(?=[ \t]+(?:\#|Nr\.[ ]?|No\.[ ]?)?\d{1,9}[ \t]*$)" % _AUTHOR_MAX

#: seed layout: ``01.03.2019 11:25 Meckersack 10``, also ``01.03.2019, 11:25 Uhr | Meckersack`` (the number is
#: optional, and last; a separator between time and author is dropped; a header that lost
#: its author, ``01.03.2019 11:25 10``, still matches, with ``author`` None)
DATE_FIRST = re.compile(
    rf"^[ \t]*{DATETIME}[ \t]+(?:[|·•–—-][ \t]+)?(?:by[ \t]+)?"
    rf"(?:{_AUTHOR.format(digits=_DIGIT_AUTHOR)}(?:[ \t]+{_NUM.format(name='number')})?|{_NUM.format(name='number0')})[ \t]*$",
    re.MULTILINE)
#: other sites: ``Meckersack | 01.03.2019 11:25``, ``#10 Meckersack schrieb am 01.03.2019 um 11:25 Uhr``
AUTHOR_FIRST = re.compile(
    rf"^[ \t]*(?:{_NUM.format(name='number')}[.:)]?[ \t]+)?(?!{DATE}){_AUTHOR.format(digits='')}"
    rf"(?:[ \t]+{_NUM.format(name='number2')})?[ \t]*(?:[|,·•/–—-][ \t]*)?"
    rf"(?:(?:schrieb am|schreibt am|am|on|wrote on|posted on|said on|commented on)[ \t]+)?{DATETIME}[ \t]*$",
    re.MULTILINE)
#: English and German sites copied as text: the author on one line (1-6 words, up to 80 characters, not
#: ending in sentence punctuation, not a date), the date and time alone on the next (``John Smith`` /
#: ``March 1, 2019 at 10:15 am``, ``#12 Meckersack`` / ``01.03.2019, 11:25 Uhr | #12``); a number on
#: either line. Tried only at the line before a line that starts with a date (see ``_DATE_AT_START``).
#: (words are runs of non-space separated by blanks: one way to split a line, so the work stays linear)
TWO_LINE = re.compile(
    rf"^(?=[^\n]{{1,100}}\n)[ \t]*(?:{_NUM.format(name='number')}[.:)]?[ \t]+)?(?!{DATE})"
    r"(?P<author>[^\s\d\#]\S{0,79}(?:[ \t]+\S{1,80}){0,5})(?<![.!?:;,])"
    r"(?:[ \t]+(?i:says|said|wrote|sagt|schrieb|schreibt)[ \t]*:)?[ \t]*\n"
    rf"[ \t]*{DATETIME}(?:[ \t]*(?:[|·–—-][ \t]*)?{_NUM.format(name='number2')})?[ \t]*$",
    re.MULTILINE)
#: spaces that pages copied from HTML hold: no-break and narrow no-break spaces read as spaces, zero-width
#: spaces and word joiners go (zero-width joiners stay: emoji sequences and Persian words need them)
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u200b": None, "\u2060": None,
                         "\ufeff": None})
_ODD_CHARS = ("\u00a0", "\u202f", "\u2007", "\u200b", "\u2060", "\ufeff")


def plain_spaces(text: str) -> str:
    """``text`` with the spaces of pages copied from HTML made plain (see ``_SPACES``); the page reader
    reads (and :func:`commentgraph.account_lines` checks) this form.

    >>> plain_spaces("Jane\u00a0Doe \u200bCarl")
    'Jane Doe Carl'
    """
    if any(ch in text for ch in _ODD_CHARS):   # ~100x faster than a regex search over a big page
        return text.translate(_SPACES)
    return text
#: an article's byline above its date (``By Ann Lee`` / ``March 1, 2019 at 9:00 am``) is not a comment header
_BYLINE = re.compile(r"(?i)(?:by|von)[ \t]")
#: how far around the first header buttons and markers (``vocab.CHROME``) are looked for
_CHROME_WINDOW = 4000
#: words around a name that a header line of the author-first layout may hold ("Posted by", "» Tue")
_NAME_WORDS = re.compile(r"(?i)^(?:posted by|written by|by|von)[ \t]|[»›]")
#: problems that make the known layouts' reading of a page doubtful: layout inference is tried
_UNCLEAN = frozenset({"truncated_header", "header_like_line", "missing_author"})
#: per-comment values only some pages have (sparse: comment index -> value)
_EXTRA = ("ui_text", "quoted_text", "posted_text", "number_text", "parent", "ago", "days_back", "secs", "offset",
          "last_line")
LAYOUTS = {"date_first": DATE_FIRST, "author_first": AUTHOR_FIRST, "two_line": TWO_LINE}
#: an author-first header ends in a time: only lines that do are tried (bounds the work on any input)
#: (written ":MM..." first: a literal ':' lets the scan skip ahead, ~1 ns a character instead of ~8; it
#: finds every line ``{TIME}[ \t]*$`` finds)
_ENDS_IN_TIME = re.compile(r":\d\d(?::\d\d)?(?:[ ]?(?i:[ap]\.?m\.?))?(?:[ ]?Uhr)?[ \t]*$", re.MULTILINE)

#: a line that starts like a header but does not parse as one (truncated, mangled)
#: (as long a line as a header with the longest author)
NEAR_HEADER = re.compile(rf"^[ \t]*(?:{DATE})(?:[ \t,]+\d{{1,2}}(?::\d{{0,2}})?)?[^\n]{{0,%d}}$"
                         % (_AUTHOR_MAX + 60), re.MULTILINE)
#: words that make an author-first "header" an article line instead (``Zuletzt aktualisiert: ...``)
_NOT_AUTHOR = re.compile(r"(?i)aktualisiert|programm|stand:|updated|published|veröffentlicht|^von$|^by$|:$")
#: blank lines at the start of a comment's text (matched at its start: a body is not cut out first)
_LEADING_BLANK_LINES = re.compile(r"(?:[ \t]*\n)*")






def _article_id(name: str, text: str) -> str:
    if name.startswith("<"):
        return "page-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return Path(name).stem




#: Speed: DATE_FIRST and NEAR_HEADER cost 12-15 ns per character when tried at every position
#: (~6 s each over 1M comments); both match within one line that starts with a date, so they are
#: tried only at the line starts this cheap probe finds (a literal newline first). Same matches.
#: (a month name is tried only after its first letter: the alternation at every line start cost 2/3 of the scan)
_DATE_AT_START = re.compile(rf"\n[ \t]*(?=\d|(?=(?i:[{''.join(sorted({m[0] for m in MONTHS}))}]))(?i:{_MONTH_ALT})"
                            rf"|(?=(?i:mo|di|mi|do|fr|sa|so|su|tu|we|th)){WEEKDAY})")

#: the seed's plain header (``28.05.2019 17:55 B. Brandt2 61``), matched right after the probe, in the same
#: pass. Where it matches, DATE_FIRST matches with the same groups: the numeric date, the time and the
#: blanks leave DATE_FIRST no other way; authors that could continue the time (am/pm, Uhr), be a separator
#: (``| · • – — -``) or ``by`` are left to DATE_FIRST, and so are ones ending in ``Nr.``/``No.`` (where
#: DATE_FIRST's number starts earlier); the author ends in a non-blank before the blanks and the last
#: number, which is where DATE_FIRST's lazy author stops. (DATE_FIRST cost ~1.4 us a header, this ~0.3 us.)
#: ``lead`` holds the blank lines after the header (the body starts after them).
_PLAIN = (r"(?P<date>\d{1,2}\.\d{1,2}\.\d{4})[ \t]+(?P<time>\d{1,2}:\d{2})[ \t]+"
          r"(?P<author>(?![|·•–—-]|by[ \t]|Uhr|(?i:[ap]\.?m))[^\s\d\#](?:[^\n]{0,198}[^ \t\n])?)(?<!Nr\.)(?<!No\.)"
          r"[ \t]+(?P<number>\d{1,9})[ \t]*$(?:(?!)(?P<number0>))?(?=\n(?P<lead>(?:[ \t]*\n)*))?")
_SCAN = re.compile(rf"{_DATE_AT_START.pattern}(?:{_PLAIN})?", re.MULTILINE)
#: DATE_FIRST at the newline before a line (and ``lead`` as in ``_PLAIN``)
_DATE_FIRST_AT = re.compile(rf"\n{DATE_FIRST.pattern.removeprefix('^')}(?=\n(?P<lead>(?:[ \t]*\n)*))?", re.MULTILINE)
_DF_NAMES = ("author", "number", "number0", "date", "time")
_OTHER_NAMES = ("author", "number", "number2", "date", "time")


def _intern(value: str, index: dict, keys: list, parse, bad: set, parsed) -> int:
    """The index of ``value`` in ``keys``; a new value is parsed once (``parse(value)`` into ``parsed``, its
    index into ``bad`` when unreadable)."""
    if (i := index.get(value)) is None:
        i = index[value] = len(keys)
        keys.append(value)
        if (got := parse(value)) is None:
            bad.add(i)
        parsed.append(got or 0)
    return i


def _matches_at(rx: re.Pattern, text: str, starts) -> list[re.Match]:
    """Matches of ``rx`` at offset 0 and at each offset of ``starts``."""
    match = rx.match
    out = [m] if (m := match(text, 0)) else []
    out += [m for s in starts if (m := match(text, s))]
    return out


def _line_numbers(text: str, positions: list[int]) -> list[int]:
    """1-based line numbers of character offsets: sorted ones by counting newlines between them (one
    pass, in C; building an array of every newline cost ~2 ms a page), others by a search over the newlines.

    >>> _line_numbers("a\\nb\\n\\nc", [0, 2, 5]), _line_numbers("a\\nb\\n\\nc", [5, 0])
    ([1, 2, 4], [4, 1])
    """
    if all(a <= b for a, b in zip(positions, positions[1:])):   # sorted (headers, near-headers)
        return list(accumulate(map(text.count, repeat("\n"), [0, *positions[:-1]], positions), initial=1))[1:]
    newlines = np.fromiter((m.start() for m in re.finditer("\n", text)), dtype=np.int64)
    return (np.searchsorted(newlines, np.asarray(positions, dtype=np.int64), side="left") + 1).tolist()


#: a layout's headers: offsets where each starts and ends, its fields (author, number, other number,
#: date, time), and where its body starts (-1: not known yet)
_Found = tuple[list[int], list[int], list[tuple], list[int]]


def _found(matches: list[re.Match], names: tuple[str, ...]) -> _Found:
    return ([m.start() for m in matches], [m.end() for m in matches], [m.group(*names) for m in matches],
            [-1] * len(matches))


def _date_first(text: str, hits: list[re.Match]) -> _Found:
    """DATE_FIRST's matches at offset 0 and at the probed line starts (the plain ones from the scan, the
    others by ``_DATE_FIRST_AT``: the same groups, with ``lead``)."""
    match = _DATE_FIRST_AT.match
    ms = [h if h.start("date") >= 0 else match(text, h.start()) for h in hits]
    if None in ms:
        ms = [m for m in ms if m is not None]
    starts, ends = [m.start() + 1 for m in ms], [m.end() for m in ms]
    fields, leads = [m.group(*_DF_NAMES) for m in ms], [m.end("lead") for m in ms]
    if m := DATE_FIRST.match(text, 0):
        starts.insert(0, 0), ends.insert(0, m.end()), fields.insert(0, m.group(*_DF_NAMES)), leads.insert(0, -1)
    return starts, ends, fields, leads


def _pick_layout(text: str, hits: list[re.Match], starts: list[int]) -> tuple[str, _Found]:
    """The layout with the most headers on the page, and its headers (``hits``: the scan's matches,
    ``starts``: the line starts they probe)."""
    best = ("date_first", _date_first(text, hits))
    # author-first: only lines that end in a time are tried (bounds the work on any input)
    ends = dict.fromkeys(text.rfind("\n", 0, m.start()) + 1 for m in _ENDS_IN_TIME.finditer(text))
    found = [m for s in ends if (m := AUTHOR_FIRST.match(text, s)) and not _NOT_AUTHOR.search(m["author"].strip())]
    if len(found) > len(best[1][0]):
        best = ("author_first", _found(found, _OTHER_NAMES))
    # two-line: the line before each line that starts with a date (its '\n' at s - 1; not an empty one)
    authors = dict.fromkeys(text.rfind("\n", 0, s - 1) + 1 for s in starts if s > 1 and text[s - 2] != "\n")
    raw = [m for s in authors if (m := TWO_LINE.match(text, s))]
    found = [m for m in raw if not _NOT_AUTHOR.search(m["author"].strip()) and not _BYLINE.match(m["author"])]
    if found:
        # a date line of these (a byline's too) is no header of another layout: those are not counted
        dated = {text.find("\n", m.start()) + 1 for m in raw}
        if len(found) >= sum(s not in dated for s in best[1][0]):
            best = ("two_line", _found(found, _OTHER_NAMES))
    return best


def _is_blank_after(text: str, end: int) -> bool:
    nxt = text.find("\n", end + 1)
    rest = text[end + 1: nxt if nxt >= 0 else len(text)]
    return end >= len(text) or not rest.strip()






class _Tables:
    """Plain lists (and int arrays) of the reader's fields across pages; the frames are built once.

    Speed: building three small frames per page and concatenating them cost ~2/3 of reading; here a
    page adds Python values to lists, and :meth:`frames` makes each column once, with one time-zone
    localisation for all stamps.
    """

    def __init__(self, tz: str, strict: bool, scraped_at=None):
        self.tz, self.strict, self.scraped_at = tz, strict, scraped_at
        self.extra: dict[str, dict[int, object]] = {}
        self.authors, self.texts = [[]], []       # authors: lists (pages read here) and arrays (bulk pages)
        self.n = 0                               # comments so far
        self.by_line = bytearray()               # ids use the header line (no number, or a duplicate one)
        self.numbers, self.has_number = array("q"), bytearray()
        # each comment's date and time: indices into the distinct ones (each read once), with their days since
        # 1970 and seconds after midnight (0 for unreadable ones, whose indices are in bad_dates, bad_times)
        self.dates, self.date_keys, self.date_index, self.days, self.bad_dates = array("q"), [], {}, array("q"), set()
        self.times, self.time_keys, self.time_index, self.secs, self.bad_times = array("q"), [], {}, array("q"), set()
        self.lines, self.page_lines = array("q"), []   # header lines; lines of each page
        self.header_lines = bytearray()          # lines a header takes (2: author, then date line)
        self.page_ids, self.page_sizes = [], []
        self.articles = []
        self.rows = []                           # problem rows, all pages
        self.splits = []                         # (index in rows, first comment, comment count, source)

    # ------------------------------------------------------------------ one page
    def add_page(self, text: str, *, name: str, article_id: str | None, encoding: str,
                 rendered: bool = False) -> None:
        """Read one page: by the known layouts (the fast path) where they read it cleanly, else by the
        layout the page's own repetition shows (:mod:`commentgraph.read.infer`), whichever finds more."""
        article_id = article_id or _article_id(name, text)
        text = plain_spaces(text)
        if rendered:
            Problems(name, rows=self.rows).add(
                "html_rendered", "an HTML page, rendered to text as a browser copy gives it (scripts, styles and "
                "hidden elements dropped, blocks as lines); line numbers count the rendered text's lines",
                severity="notice")
        hits = list(_SCAN.finditer(text))
        starts = [h.start() + 1 for h in hits]
        picked = _pick_layout(text, hits, starts)
        n_fast = len(picked[1][0])
        first = picked[1][0][0] if n_fast else 0
        # (a page in the seed's layout, every header numbered and read cleanly, keeps its texts verbatim,
        # button words and all)
        seed_like = picked[0] == "date_first" and all(f[1] is not None or f[2] is not None for f in picked[1][2])
        chrome = n_fast == 0 or not seed_like and len(
            vocab.CHROME.findall(text, max(0, first - _CHROME_WINDOW), first + _CHROME_WINDOW)) >= 2
        if not chrome:
            mark = len(self.rows)
            if self._add_fast(text, hits, starts, picked, name=name, article_id=article_id, encoding=encoding,
                              trial=True):
                return
            del self.rows[mark:]
        lines = text.split("\n")
        if text.endswith("\n"):
            lines.pop()
        found = infer(lines)
        # inference wins where the page has buttons or markers (it moves them out of the text) and reads as
        # many comments, or where it reads more than the known layouts
        if found is not None and (len(found.blocks) > n_fast or chrome and len(found.blocks) == n_fast
                                  and (n_fast == 0 or found.moved_anything)):
            self._add_inferred(text, found, name=name, article_id=article_id, encoding=encoding)
        else:
            self._add_fast(text, hits, starts, picked, name=name, article_id=article_id, encoding=encoding)

    def _add_fast(self, text: str, hits, starts, picked, *, name: str, article_id: str, encoding: str,
                  trial: bool = False) -> bool:
        """The known layouts. On ``trial``, give up (return False, before anything joins the tables) where
        the page reads unclean: headers dropped or truncated, authors missing."""
        probs = Problems(name, strict=self.strict and not trial, rows=self.rows)
        mark = len(self.rows)
        layout, (header_starts, header_ends, fields, leads) = picked

        # date-first: numberless (or authorless) headers are accepted only where a blank line follows (as in
        # the seed: ``01.03.2019 11:30 war ich beim Arzt`` in a body stays text); author-first: a full header
        # (author, date, time) is one whatever follows it. Either way a header with a sentence for an author
        # (over 6 words, no number) is not one. Lines not taken are reported below (header_like_line).
        dropped = []
        if any(g[0] is None or (g[1] is None and g[2] is None) for g in fields):
            need_blank = layout == "date_first"
            keep = [not (g[0] is None or (g[1] is None and g[2] is None))
                    or ((not need_blank or _is_blank_after(text, e))
                        and not (g[0] is not None and len(g[0].split()) > 6))
                    for e, g in zip(header_ends, fields)]
            dropped = [(s, e) for s, e, k in zip(header_starts, header_ends, keep) if not k]
            header_starts, header_ends, fields, leads = (
                [x for x, k in zip(xs, keep) if k] for xs in (header_starts, header_ends, fields, leads))
        line_of = _line_numbers(text, header_starts)
        n_lines = text.count("\n") + (0 if text.endswith("\n") or not text else 1)

        first = header_starts[0] if header_starts else len(text)

        # lines that start like a header but did not parse as one (article text may begin with a
        # dateline: before the first header such lines stay article text)
        taken = set(header_starts)
        if layout == "two_line":   # a header's date line is part of it (not a near-header)
            taken.update(text.find("\n", s) + 1 for s in header_starts)
        near = _matches_at(NEAR_HEADER, text, [s for s in starts if s >= first and s not in taken])
        near = [m for m in near if m.start() >= first and m.start() not in taken]
        if dropped:   # header matches not taken that NEAR_HEADER misses (author-first lines): kept as text
            seen = {m.start() for m in near}
            dropped = [(s, e) for s, e in dropped if s >= first and s not in seen]
        for m, ln in zip(near, _line_numbers(text, [m.start() for m in near])):
            if _is_blank_after(text, m.end()):
                probs.add("truncated_header", "a line starts like a comment header but lacks its time, author "
                          "or number; its lines are kept in the comment above", line=ln, excerpt_text=m[0])
            else:
                probs.add("header_like_line", "a body line looks almost like a comment header; kept as text",
                          line=ln, excerpt_text=m[0], severity="notice")
        for (s, e), ln in zip(dropped, _line_numbers(text, [s for s, _ in dropped])):
            probs.add("header_like_line", "a body line reads like a comment header (but its 'author' is a "
                      "sentence, or no number and no blank line follow); kept as text", line=ln,
                      excerpt_text=text[s:e], severity="notice")

        n = len(header_starts)
        base = len(self.dates)
        # (comprehensions over the header fields: a loop appending to six lists cost ~1/3 more)
        raw_authors, nums, nums2, dates, times = zip(*fields) if fields else ((),) * 5
        numbers = [int(x) if x is not None else int(y) if y is not None else None for x, y in zip(nums, nums2)]
        authors = [a.strip() if a is not None else None for a in raw_authors]
        if layout == "author_first" and any(a and _NAME_WORDS.search(a) for a in authors):
            authors = [strip_name_words(a) if a else a for a in authors]   # "by Hans » Tue": Hans
        if any("/" in d for d in dates if d):   # 3/1/2019: the page's own dates decide the order
            order, doubt = slash_order(dates)
            if order == "dmy":   # written day first: the same date as a dotted one reads
                dates = tuple(d.replace("/", ".") if d and "/" in d else d for d in dates)
            if doubt:
                probs.add("date_order", doubt, line=int(_line_numbers(text, [header_starts[0]])[0]),
                          excerpt_text=next(d for d in dates if d and "/" in d), severity="notice")
        # each distinct date and time is read once for all pages (a dict look-up a comment)
        date_at, time_at = list(map(self.date_index.get, dates)), list(map(self.time_index.get, times))
        if None in date_at:
            date_at = [self._date(d) if i is None else i for d, i in zip(dates, date_at)]
        if None in time_at:
            time_at = [self._time(t) if i is None else i for t, i in zip(times, time_at)]
        bad = []
        if (self.bad_dates and not self.bad_dates.isdisjoint(date_at)) or (
                self.bad_times and not self.bad_times.isdisjoint(time_at)):
            bad = [i for i, (d, t) in enumerate(zip(date_at, time_at)) if d in self.bad_dates or t in self.bad_times]
        bounds, empty = [0], []   # each body's start and end offset (the text is cut out by pyarrow, in _cut)
        lead = _LEADING_BLANK_LINES.match
        for i, (mend, end, j) in enumerate(zip(header_ends, [*header_starts[1:], len(text)], leads)):
            if mend < end:   # body = text[j:end] without its leading blank lines, rstrip()ped
                if j < 0:   # (found by the scan for plain headers)
                    j = lead(text, mend + 1, end).end()
                w0 = end - 64 if end - 64 > j else j   # (the end found in the last 64 characters, uncut)
                w = text[w0:end].rstrip()
                e = w0 + len(w) if w or w0 == j else j + len(text[j:end].rstrip())
            else:
                j = e = end
            if j == e:
                empty.append(i)
            bounds += (j, e)
        if empty or None in raw_authors:
            empty = set(empty)
            for i, (s, e, author) in enumerate(zip(header_starts, header_ends, raw_authors)):
                if author is None:
                    probs.add("missing_author", "a comment header without an author; the comment is kept with "
                              "author NA", line=line_of[i], excerpt_text=text[s:e])
                if i in empty:
                    probs.add("empty_comment", "a comment header with no text under it", line=line_of[i],
                              excerpt_text=text[s:e], severity="notice")
        numbered = n - numbers.count(None)
        if numbered:
            for i in [i for i, x in enumerate(numbers) if x is None]:
                if i == n - 1 and bounds[2 * i + 1] == bounds[2 * i + 2] and not text[header_ends[i]:].strip("\n"):
                    probs.add("truncated_header", "the page ends in a comment header without its number (and "
                              "text); the comment is kept", line=line_of[i],
                              excerpt_text=text[header_starts[i]:header_ends[i]])
                else:
                    probs.add("missing_number", "a comment header without a number where the others have "
                              "one; the comment is kept, its id uses the header line", line=line_of[i],
                              excerpt_text=text[header_starts[i]:header_ends[i]])
        for i in bad:
            probs.add("impossible_date", f"date or time '{dates[i]} {times[i]}' does not exist; posted_at is NaT, "
                      "the comment is kept", line=line_of[i], excerpt_text=text[header_starts[i]:header_ends[i]])
        if trial:
            kinds = {r["kind"] for r in self.rows[mark:]}
            if kinds & _UNCLEAN:
                return False
            if self.strict and (err := next((r for r in self.rows[mark:] if r["severity"] == "error"), None)):
                raise ReadError(f"{err['kind']}: {err['message']}", source=name, line=err["line"])
        # ambiguous and nonexistent local times are found for all pages at once (in frames()): their rows go here
        self.splits.append((len(self.rows), base, n, name))

        excerpts = [text[x:y] for x, y in zip(header_starts, header_ends)]
        by_line, present = number_ids(numbers, line_of, excerpts, probs)
        title, updated, declared = page_head(text[:first], n, present, probs)
        if not text.strip():
            probs.add("empty", "the page is empty or holds only whitespace")
        elif not header_starts:
            probs.add("no_comments", f"no comment header found in {n_lines} lines (expected e.g. "
                      "'01.03.2019 11:25 Author 10'); all lines are article text", line=1,
                      excerpt_text=text[:120])

        if trial and self.strict and (err := next((r for r in self.rows[mark:] if r["severity"] == "error"), None)):
            raise ReadError(f"{err['kind']}: {err['message']}", source=name, line=err["line"])
        # the page is read: only now its values join the tables (strict mode raises before)
        self._commit(article_id, name, encoding, layout if header_starts else None, n_lines, title, updated,
                     declared, authors, _cut(text, bounds, authors), date_at, time_at, numbers, by_line, line_of,
                     [2 if layout == "two_line" else 1] * n)
        return True

    def _commit(self, article_id, name, encoding, layout, n_lines, title, updated, declared, authors, texts,
                date_at, time_at, numbers, by_line, line_of, header_lines, *, extra: dict | None = None) -> None:
        """A read page's values join the tables."""
        n = len(authors)
        self.n += n
        self.dates.extend(date_at)
        self.times.extend(time_at)
        if not isinstance(self.authors[-1], list):
            self.authors.append([])
        self.authors[-1] += authors
        self.by_line += by_line
        self.texts.append(texts)
        if None not in numbers:
            self.numbers.extend(numbers)
            self.has_number += b"\x01" * n
        else:
            self.numbers.extend([0 if x is None else x for x in numbers])
            self.has_number += bytes([x is not None for x in numbers])
        self.lines.extend(line_of)
        self.header_lines += bytes(header_lines)
        self.page_lines.append(n_lines)
        self.page_ids.append(article_id)
        self.page_sizes.append(n)
        self.articles.append((article_id, title, updated, declared, n, name, encoding, layout, n_lines))
        if extra is not None or self.extra:
            base = self.n - n
            for key in _EXTRA:
                col = self.extra.setdefault(key, {})
                for i, v in enumerate((extra or {}).get(key, ())):
                    if v is not None:   # (a parent: a page's own index -> an index of all comments)
                        col[base + i] = v + base if key == "parent" else v

    def add_plain(self, plain: bulk.Plain, ks: range, names: list[str], article_ids: list[str]) -> None:
        """Pages ``ks`` of a bulk reading (:func:`commentgraph.read.bulk.scan`), as ``_add_fast`` reads them."""
        sizes = plain.sizes[ks.start:ks.stop]
        at = np.concatenate([[0], np.cumsum(plain.sizes)])
        lo, hi = int(at[ks.start]), int(at[ks.stop])
        c = plain.comments.slice(lo, hi - lo)
        self.dates.frombytes(self._interned(c.get_column("date"), self._date).tobytes())
        self.times.frombytes(self._interned(c.get_column("time"), self._time).tobytes())
        self.authors.append(c.get_column("author").to_arrow().cast(pa.large_string()))
        self.texts.append(c.get_column("text").to_arrow().cast(pa.large_string()))
        numbers, lines = c.get_column("number").to_numpy(), c.get_column("line").to_numpy()
        self.numbers.frombytes(numbers.astype(np.int64).tobytes())
        self.has_number += b"\x01" * len(c)
        self.by_line += bytes(len(c))
        self.lines.frombytes(lines.astype(np.int64).tobytes())
        self.header_lines += b"\x01" * len(c)
        empty = np.flatnonzero((c.get_column("text") == "").to_numpy()).tolist()
        excerpt = dict(zip(empty, c.get_column("header").gather(empty).to_list())) if empty else {}
        bounds = np.concatenate([[0], np.cumsum(sizes)])
        for j, k in enumerate(ks):
            a, b, name, aid = int(bounds[j]), int(bounds[j + 1]), names[j], article_ids[j]
            probs = Problems(name, rows=self.rows)
            for i in (i for i in empty if a <= i < b):
                probs.add("empty_comment", "a comment header with no text under it", line=int(lines[i]),
                          excerpt_text=excerpt[i], severity="notice")
            self.splits.append((len(self.rows), self.n, b - a, name))
            nums = numbers[a:b]
            if not (np.all(np.diff(nums) == -1) or np.all(np.diff(nums) == 1)):
                number_notes(nums, lines[a:b], probs)   # (numbers unique: no ids by line)
            present = [int(nums.min()), int(nums.max())]
            title, updated, declared = page_head(plain.heads[k], b - a, present, probs)
            n_lines = int(plain.n_lines[k])
            self.page_lines.append(n_lines)
            self.page_ids.append(aid)
            self.page_sizes.append(b - a)
            self.articles.append((aid, title, updated, declared, b - a, name, "utf-8", "date_first", n_lines))
            self.n += b - a

    def _interned(self, values: pl.Series, intern) -> np.ndarray:
        """Indices of written dates or times (each distinct one read once)."""
        keys = values.unique(maintain_order=True)
        index = [intern(v) for v in keys.to_list()]
        return values.replace_strict(keys, index, return_dtype=pl.Int64).to_numpy()

    def _add_inferred(self, text: str, found, *, name: str, article_id: str, encoding: str) -> None:
        """A page read by layout inference (:func:`commentgraph.read.infer.infer`)."""
        probs = Problems(name, strict=self.strict, rows=self.rows)
        blocks = found.blocks
        n = len(blocks)
        lines = text.split("\n")
        n_lines = len(lines) - (1 if text.endswith("\n") or not text else 0)
        line_of = [b.top + 1 for b in blocks]
        probs.add("layout_inferred", f"comments found by the page's own layout: {found.described}",
                  line=line_of[0], excerpt_text=lines[blocks[0].time_line], severity="notice")
        extra = {k: [None] * n for k in _EXTRA}
        date_at, time_at, relative, dated_only = [], [], [], []
        for i, b in enumerate(blocks):
            st, m = b.stamp, b.posted_text
            extra["posted_text"][i] = m
            extra["number_text"][i] = b.number_text
            extra["ui_text"][i] = b.ui_text
            extra["quoted_text"][i] = b.quoted_text
            extra["parent"][i] = b.parent
            date, time = _EPOCH_DATE, "00:00"
            if st.kind in ("datetime", "date", "bad"):
                date, time = b.date_text or _EPOCH_DATE, b.time_text or "00:00"
                if st.kind == "date":
                    dated_only.append(i)
                extra["offset"][i] = st.offset
            else:   # relative to the scrape
                relative.append(i)
                extra["ago"][i] = st.ago
                extra["days_back"][i] = st.days_back
                extra["secs"][i] = st.secs
                extra["offset"][i] = st.offset
            date_at.append(self._date(date))
            time_at.append(self._time(time))
            if date_at[-1] in self.bad_dates or time_at[-1] in self.bad_times:
                probs.add("impossible_date", f"date or time {m!r} does not exist; posted_at is NaT, the comment is "
                          "kept", line=b.time_line + 1, excerpt_text=lines[b.time_line])
            if b.author is None:
                probs.add("missing_author", "no author line found for this comment header; the comment is kept "
                          "with author NA", line=b.time_line + 1, excerpt_text=lines[b.time_line])
            if not b.text:
                probs.add("empty_comment", "a comment header with no text under it", line=line_of[i],
                          excerpt_text=lines[b.time_line], severity="notice")
        if found.date_doubt:
            probs.add("date_order", found.date_doubt, line=blocks[0].time_line + 1, severity="notice")
        if relative:
            first = blocks[relative[0]]
            if self.scraped_at is None:
                probs.add("relative_time", f"{len(relative)} comments give only a relative time (e.g. "
                          f"{first.posted_text!r}); posted_at is NaT, the written time is in posted_text: pass "
                          "scraped_at= to read them", line=first.time_line + 1, severity="notice")
            else:
                probs.add("relative_time", f"{len(relative)} relative times (e.g. {first.posted_text!r}) read "
                          "against scraped_at; precise only to their unit", line=first.time_line + 1,
                          severity="notice")
        if dated_only:
            first = blocks[dated_only[0]]
            probs.add("date_only", f"{len(dated_only)} comments give a date without a time of day (e.g. "
                      f"{first.posted_text!r}); posted_at is that day's midnight", line=first.time_line + 1,
                      severity="notice")
        moved = sum(len(b.ui_text.split("\n")) for b in blocks if b.ui_text)
        if moved:
            example = next(b.ui_text for b in blocks if b.ui_text).split("\n")[0]
            probs.add("ui_lines", f"{moved} lines of buttons, counters and markers (e.g. {example!r}) moved from "
                      "comment text to ui_text", line=line_of[0], severity="notice")
        if found.tail is not None:
            probs.add("page_tail", f"lines {found.tail + 1}..{n_lines} after the last comment (a comment form, "
                      "pagination) are no comment's text", line=found.tail + 1, excerpt_text=lines[found.tail],
                      severity="notice")
        numbers = [b.number for b in blocks]
        by_line, present = number_ids(numbers, line_of, [lines[b.time_line] for b in blocks], probs)
        title, updated, declared = page_head("\n".join(lines[:blocks[0].top]), n, present, probs)
        self.splits.append((len(self.rows), len(self.dates), n, name))
        self._commit(article_id, name, encoding, found.layout, n_lines, title, updated, declared,
                     [b.author for b in blocks], pa.array([b.text for b in blocks], type=pa.large_string()),
                     date_at, time_at, numbers, by_line, line_of,
                     [1 if found.layout == "inferred:after" else b.time_line - b.top + 1 for b in blocks],
                     extra={**extra, "last_line": [b.end + 1 for b in blocks]})

    def _written_stamps(self, stamps: pd.Series, naive: np.ndarray, ambiguous, shifted) -> pd.Series:
        """Times written with a zone (an exact instant) and relative times (against ``scraped_at``)."""
        stamps = stamps.copy()
        if offsets := self.extra.get("offset"):
            at = np.fromiter(offsets, dtype=np.int64, count=len(offsets))
            minutes = np.fromiter(offsets.values(), dtype=np.int64, count=len(offsets))
            utc = naive[at] - minutes.astype("timedelta64[m]")
            stamps.iloc[at] = pd.DatetimeIndex(utc).tz_localize("UTC").tz_convert(self.tz)
            ambiguous[at] = shifted[at] = False
        rel = sorted(set(self.extra.get("ago", {})) | set(self.extra.get("days_back", {})))
        if rel:
            if self.scraped_at is None:
                stamps.iloc[rel] = pd.NaT
            else:
                scrape = self.scraped_at
                got = []
                for i in rel:
                    if (ago := self.extra.get("ago", {}).get(i)) is not None:
                        got.append(scrape - pd.Timedelta(seconds=ago))
                    else:
                        day = scrape.normalize() - pd.Timedelta(days=self.extra["days_back"][i])
                        secs = self.extra.get("secs", {}).get(i)
                        got.append(pd.NaT if secs is None else
                                   (day.tz_localize(None) + pd.Timedelta(seconds=secs)).tz_localize(
                                       self.tz, ambiguous=True, nonexistent="shift_forward"))
                stamps.iloc[rel] = pd.to_datetime(pd.Series(got, dtype=object), utc=True).dt.tz_convert(
                    self.tz).to_numpy()
            ambiguous[rel] = shifted[rel] = False
        return stamps

    def _extra_columns(self, comments: pd.DataFrame) -> pd.DataFrame:
        """Columns of what inference finds (buttons, quotes, written times, number texts) and the parents
        pages show."""
        n = len(comments)
        cols = {}
        for key in ("ui_text", "quoted_text", "posted_text", "number_text"):
            if not (found := self.extra.get(key)):
                cols[key] = _str_array(pa.nulls(n, type=pa.large_string()))
                continue
            values = [None] * n
            for i, v in found.items():
                values[i] = v
            cols[key] = _str_array(values)
        if parents := self.extra.get("parent"):
            ids = comments["comment_id"].to_numpy()
            values = [None] * n
            for i, p in parents.items():
                values[i] = ids[p]
            cols["parent_id"] = _str_array(values)
        return comments.assign(**cols)

    def _date(self, date: str) -> int:
        """The index of a written date in ``date_keys`` (added when new)."""
        return _intern(date, self.date_index, self.date_keys, date_days, self.bad_dates, self.days)

    def _time(self, time: str) -> int:
        """The index of a written time in ``time_keys`` (added when new)."""
        return _intern(time, self.time_index, self.time_keys, time_seconds, self.bad_times, self.secs)

    # ------------------------------------------------------------------ all pages
    def frames(self) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """``(articles, comments, problems)`` frames (not yet conformed)."""
        tz, n = self.tz, len(self.dates)
        date_at, time_at = np.frombuffer(self.dates, dtype=np.int64), np.frombuffer(self.times, dtype=np.int64)
        naive = (np.frombuffer(self.days, dtype=np.int64)[date_at] * 86400
                 + np.frombuffer(self.secs, dtype=np.int64)[time_at]).astype("datetime64[s]").astype(
            f"datetime64[{TIME_UNIT}]")
        if self.bad_dates or self.bad_times:
            naive[np.isin(date_at, list(self.bad_dates)) | np.isin(time_at, list(self.bad_times))] = np.datetime64("NaT")
        stamps, ambiguous, shifted = localize(naive, tz)
        if self.extra:
            stamps = self._written_stamps(stamps, naive, ambiguous, shifted)

        rows = self.rows
        late = np.flatnonzero(ambiguous | shifted)
        if len(late):   # rows for ambiguous and nonexistent times go after each page's impossible dates
            rows, done = [], 0
            firsts = np.array([s[1] for s in self.splits], dtype=np.int64)
            pages = np.searchsorted(firsts, late, side="right") - 1
            for k in np.unique(pages).tolist():
                at, _, _, name = self.splits[k]
                probs = Problems(name)
                where = late[pages == k]
                for i in where[ambiguous[where]].tolist():
                    date, time = self.date_keys[self.dates[i]], self.time_keys[self.times[i]]
                    probs.add("ambiguous_time", f"'{date} {time}' happens twice ({tz} falls "
                              "back); read as the first (summer-time) occurrence", line=self.lines[i],
                              severity="notice")
                for i in where[shifted[where]].tolist():
                    date, time = self.date_keys[self.dates[i]], self.time_keys[self.times[i]]
                    probs.add("nonexistent_time", f"'{date} {time}' does not exist in {tz} "
                              "(clocks spring forward); shifted to the next valid time", line=self.lines[i],
                              severity="notice")
                rows += self.rows[done:at]
                rows += probs.rows
                done = at
            rows += self.rows[done:]

        a = list(zip(*self.articles)) if self.articles else [[]] * 9
        layouts = list(a[7])
        articles = pd.DataFrame({
            "article_id": list(a[0]), "title": list(a[1]), "updated_at": _local(a[2], tz),
            "declared_comments": pd.array(list(a[3]), dtype="Int64"),
            "parsed_comments": pd.array(list(a[4]), dtype="Int64"), "source": list(a[5]), "encoding": list(a[6]),
            # (as the per-page frames concatenated gave it: object when some page had no header)
            "layout": pd.Series(layouts, dtype=object if None in layouts else "str"),
            "lines": pd.array(list(a[8]), dtype="Int64"),
        })
        has_number = np.frombuffer(bytes(self.has_number), dtype=bool)
        # a comment ends on the line before the next header, the last one of a page on the page's last line
        lines, sizes = np.frombuffer(self.lines, dtype=np.int64), np.asarray(self.page_sizes, dtype=np.int64)
        firsts = np.cumsum(sizes) - sizes
        last_lines = np.empty(n, dtype=np.int64)
        last_lines[:-1] = lines[1:] - 1
        last_lines[(firsts + sizes - 1)[sizes > 0]] = np.asarray(self.page_lines, dtype=np.int64)[sizes > 0]
        if ends := self.extra.get("last_line"):   # pages read by inference: the block's end (a page tail is not in it)
            last_lines[list(ends)] = list(ends.values())
        numbers = np.frombuffer(self.numbers, dtype=np.int64)
        # ids "<article_id>/<number>", or "<article_id>/L<line>": joined by pyarrow (~2x faster than f-strings)
        article_ids = pa.array(self.page_ids, type=pa.large_string()).take(
            np.repeat(np.arange(len(self.page_ids)), self.page_sizes))
        by_line = np.frombuffer(bytes(self.by_line), dtype=bool)
        suffix = pc.cast(pa.array(numbers), pa.large_string())
        if by_line.any():
            at_line = pc.binary_join_element_wise(_large("L"), pc.cast(pa.array(np.frombuffer(self.lines, dtype=np.int64)),
                                                                       pa.large_string()), _large(""))
            suffix = pc.if_else(pa.array(by_line), at_line, suffix)
        ids = pc.binary_join_element_wise(article_ids, suffix, _large("/"))
        comments = pd.DataFrame({
            "comment_id": _str_array(ids), "article_id": _str_array(article_ids),
            "number": pd.arrays.IntegerArray(np.frombuffer(self.numbers, dtype=np.int64).copy(), ~has_number),
            "author": _str_array(pa.chunked_array(
                [pa.array(a, type=pa.large_string()) if isinstance(a, list) else a for a in self.authors],
                type=pa.large_string())),
            # one chunk a page, as the per-page frames concatenated gave it (one copy of all texts cost ~5 %)
            "posted_at": stamps, "text": _str_array(pa.chunked_array(self.texts, type=pa.large_string())),
            "parent_id": _str_array(pa.nulls(n, type=pa.large_string())),
            "line": _int64(lines), "position": _int64(np.arange(n) - np.repeat(firsts, sizes)),
            "last_line": _int64(last_lines),
            "header_lines": _int64(np.frombuffer(bytes(self.header_lines), dtype=np.uint8)),
        })
        comments = self._extra_columns(comments)
        return articles, comments, pd.DataFrame(rows, columns=list(COLUMNS["problems"]))


def _local(seconds, tz: str) -> pd.Series:
    """Local seconds since 1970 (or None) as tz-aware stamps (a time that happens twice is the first, one in
    the spring gap moves forward)."""
    naive = pd.to_datetime(pd.Series(list(seconds), dtype="Float64"), unit="s").astype(f"datetime64[{TIME_UNIT}]")
    return naive.dt.tz_localize(tz, ambiguous=np.ones(len(naive), dtype=bool), nonexistent="shift_forward")


_STR = pd.StringDtype("pyarrow", na_value=np.nan)   # the default ``str`` dtype


def _large(s: str) -> pa.Scalar:
    return pa.scalar(s, type=pa.large_string())


def _str_array(values) -> pd.api.extensions.ExtensionArray:
    """``pd.array(values, dtype="str")`` for a list of str and None (or a pyarrow array), via pyarrow
    directly (~3x faster)."""
    if not isinstance(values, pa.Array | pa.ChunkedArray):
        values = pa.array(values, type=pa.large_string())
    return pd.array(values, dtype=_STR)






_EPOCH_DATE = "01.01.1970"


def _cut(text: str, bounds: list[int], authors: list) -> pa.LargeStringArray:
    """``[text[a:b] for a, b in pairs of bounds[1:]]`` as a pyarrow array (one call a page: cutting the
    page's UTF-8 bytes by byte offsets cost twice this)."""
    try:
        "".join([a for a in authors if a is not None]).encode("utf-8")
        return pa.array([text[a:b] for a, b in zip(bounds[1::2], bounds[2::2])], type=pa.large_string())
    except UnicodeEncodeError:   # lone surrogates: pyarrow raises as it did on the comments frame (authors first)
        pa.array(authors, type=pa.large_string())
        raise


def _int64(values) -> pd.arrays.IntegerArray:
    arr = np.array(values, dtype=np.int64)
    return pd.arrays.IntegerArray(arr, np.zeros(len(arr), dtype=bool))


def parse_page(text: str, *, name: str = "<text>", article_id: str | None = None, tz: str = DEFAULT_TZ,
               strict: bool = False, encoding: str = "str", scraped_at=None,
               rendered: bool = False) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Parse one page's text into ``(articles, comments, problems)`` frames (not yet conformed)."""
    tables = _Tables(tz, strict, _scrape_time(scraped_at, tz, name))
    tables.add_page(text, name=name, article_id=article_id, encoding=encoding, rendered=rendered)
    return tables.frames()




def _settings(tz, resolver, scraped_at=None):
    out = {"tz": tz, "reader": "read_page", "resolver": dict(resolver or {})}
    if scraped_at is not None:
        out["scraped_at"] = str(scraped_at)
    return out


def _scrape_time(scraped_at, tz: str, name: str) -> pd.Timestamp | None:
    """``scraped_at`` as a tz-aware stamp (a naive one is local time in ``tz``)."""
    if scraped_at is None:
        return None
    try:
        if isinstance(scraped_at, int | float) and not isinstance(scraped_at, bool):   # epoch seconds (UTC)
            t = pd.Timestamp(scraped_at, unit="s", tz="UTC")
        else:
            t = pd.Timestamp(scraped_at)
        if t is pd.NaT:
            raise ValueError("not a time")
        # (a local time in the fall-back hour is its first occurrence, one in the spring gap moves forward)
        return (t.tz_localize(tz, ambiguous=True, nonexistent="shift_forward") if t.tzinfo is None
                else t.tz_convert(tz))
    except (ValueError, TypeError, OverflowError) as e:
        raise ReadError(f"scraped_at {scraped_at!r} is not a time: {e}", source=name) from None


def read_page(source, *, tz: str = DEFAULT_TZ, strict: bool = False, article_id: str | None = None,
              resolver: dict | None = None, scraped_at=None) -> Discussion:
    """Read one copied comment page (a path, bytes, or the page text itself).

    ``resolver`` passes options to reference resolution (see :func:`commentgraph.link_comments`);
    ``scraped_at`` (when the page was copied) reads relative times (``vor 8 Stunden``, ``3 hours ago``).

    >>> import commentgraph as cg
    >>> d = cg.read_page("3 Kommentare\\n\\n01.03.2019 10:00 W. Merseburger 2\\n\\nJa.\\n\\n"
    ...                  "01.03.2019 11:00 Meckersack 3\\n\\n@2 W. Merseburger: Nein.")
    >>> d.comments[["number", "author"]].values.tolist()
    [[2, 'W. Merseburger'], [3, 'Meckersack']]
    >>> int(d.articles["declared_comments"].iloc[0]), d.problems["kind"].tolist()
    (3, ['count_mismatch'])
    """
    text, name, enc, rendered = page_text(source)
    articles, comments, problems = parse_page(text, name=name, article_id=article_id, tz=tz, strict=strict,
                                              encoding=enc, scraped_at=scraped_at, rendered=rendered)
    return make_discussion(articles, comments, problems, settings=_settings(tz, resolver, scraped_at))


def _expand(sources) -> list:
    if isinstance(sources, str | Path) and looks_like_path(sources) and Path(sources).is_dir():
        files = sorted(p for p in Path(sources).iterdir() if p.is_file() and not p.name.startswith("."))
        if not files:
            raise ReadError("the folder holds no files", source=str(sources))
        return files
    if isinstance(sources, str | bytes | Path):
        return [sources]
    return list(sources)


#: fewer pages than this are read one by one (the bulk reading's fixed cost is ~10 ms)
_BULK_MIN = 8


def _competes(line: str) -> bool:
    """Whether a line ending in a time reads as an author-first header (see ``_pick_layout``)."""
    return bool((m := AUTHOR_FIRST.match(line)) and not _NOT_AUTHOR.search(m["author"].strip()))


#: bytes of pages read at once (string views address a buffer by 32-bit offsets; this also bounds memory)
_BULK_BYTES = 512 * 2**20


def _bulk(items: list) -> dict[int, tuple[bulk.Plain, int]]:
    """The plain pages among ``items`` read at once (:mod:`commentgraph.read.bulk`): each item read there ->
    (the reading, its place in it). Only files are read so (not texts, bytes or HTML files)."""
    files = [i for i, x in enumerate(items) if isinstance(x, str | Path) and looks_like_path(x)
             and PurePath(x).suffix.lower() not in (".html", ".htm", ".xhtml")]
    if len(files) < _BULK_MIN:
        return {}
    sizes = []
    for i in files:
        try:
            sizes.append(os.stat(items[i]).st_size)
        except OSError:
            sizes.append(0)
    out, start = {}, 0
    while start < len(files):
        stop = start + 1
        total = sizes[start]
        while stop < len(files) and total + sizes[stop] <= _BULK_BYTES:
            total += sizes[stop]
            stop += 1
        batch = files[start:stop]
        texts, ok = bulk.read_files([items[i] for i in batch])
        plain = bulk.scan(texts, ok, _competes)
        out.update({batch[t]: (plain, k) for k, t in enumerate(plain.taken.tolist())})
        start = stop
    return out


def read_pages(sources, *, tz: str = DEFAULT_TZ, strict: bool = False, resolver: dict | None = None,
               scraped_at=None) -> Discussion:
    """Read many pages (paths, texts, or a folder of page files) into one Discussion, one article each.

    Article ids stay unique even when two sources are copies of one page (``page~2``).

    >>> import commentgraph as cg
    >>> page = "01.03.2019 10:00 Anna 1\\n\\nHallo"
    >>> cg.read_pages([page, page]).comments["comment_id"].str.split("/").str[1].tolist()
    ['1', '1']
    >>> cg.read_pages([page, page]).comments["comment_id"].is_unique
    True
    """
    items = _expand(sources)
    if not items:
        raise ReadError("no pages given")
    tables, used = _Tables(tz, strict, _scrape_time(scraped_at, tz, "<pages>")), {}
    where = _bulk(items)

    def unique(aid: str) -> str:
        used[aid] = used.get(aid, 0) + 1
        return f"{aid}~{used[aid]}" if used[aid] > 1 else aid

    i = 0
    while i < len(items):
        if (got := where.get(i)) is not None:   # a run of plain pages read in bulk
            plain, k = got
            j = i
            while (nxt := where.get(j + 1)) is not None and nxt[0] is plain and nxt[1] == where[j][1] + 1:
                j += 1
            names = [str(items[x]) for x in range(i, j + 1)]
            tables.add_plain(plain, range(k, k + j - i + 1), names, [unique(Path(x).stem) for x in names])
            i = j + 1
            continue
        text, name, enc, rendered = page_text(items[i])
        tables.add_page(text, name=name, article_id=unique(_article_id(name, text)), encoding=enc,
                        rendered=rendered)
        i += 1
    # the frames once for all pages, and one conform (conforming page by page cost ~10 ms a page)
    articles, comments, problems = tables.frames()
    settings = {**_settings(tz, resolver, scraped_at), "reader": "read_pages"}
    return make_discussion(articles, comments, problems, settings=settings)
