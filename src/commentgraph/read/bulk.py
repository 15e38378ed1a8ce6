"""Plain pages in the seed's layout, read all at once: every line of every page as one Polars column.

The page reader's fast path reads a page with Python's ``re`` and a loop over its headers (~10 us a
comment). Most pages of a corpus copied from one site are plain: UTF-8, ``\\n`` line ends, every header
``01.03.2019 11:25 Meckersack 10`` on its own line. This stage finds such pages and reads them with
Polars (Rust regex, all lines at once). A page is taken only where that reading is, by construction, the
one the per-page reader gives (see :func:`scan`); every other page is left to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc

from ..timeparse import DATE, WEEKDAY, date_days, time_seconds
from .buffer import ODD, byte_scan, line_index, odd_pages, read_files, views
from .vocab import NUMBER_REPLY

__all__ = ["ODD", "Plain", "read_files", "scan", "views"]

#: a plain header (the reader's ``_PLAIN``, whose lookarounds are the filters in ``_header_ok``)
PLAIN = (
    r"^[ \t]*(?P<date>\d{1,2}\.\d{1,2}\.\d{4})[ \t]+(?P<time>\d{1,2}:\d{2})[ \t]+"
    r"(?P<author>[^\s\d#](?:.{0,198}[^ \t])?)[ \t]+(?P<number>\d{1,9})[ \t]*$"
)
#: (``by`` alone: in the line a blank follows it, which PLAIN's look-ahead ``by[ \t]`` sees)
_NOT_AUTHOR_START = r"^(?:[|·•–—-]|by(?:[ \t]|$)|Uhr|(?i:[ap]\.?m))"
_NOT_AUTHOR_END = r"(?:Nr|No)\.$"


def _no_lookarounds(pattern: str) -> str:
    """``pattern`` without its lookarounds (Rust's regex has none): it matches where the pattern does, and
    maybe more (so a test with it is a superset)."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith(("(?<!", "(?<=", "(?!", "(?="), i) and pattern[i - 1 : i] != "\\":
            depth, j = 0, i
            while j < len(pattern):
                if pattern[j] == "\\":
                    j += 2
                    continue
                if pattern[j] == "[":
                    j = pattern.index("]", j + 2)
                depth += pattern[j] == "("
                depth -= pattern[j] == ")"
                j += 1
                if depth == 0:
                    break
            i = j
            continue
        out.append(pattern[i])
        i += 1
    return "".join(out)


#: a line that starts with a date (any form the reader knows): if it is no plain header, the per-page reader
#: may read it as a header of its own kind, or report it; such pages are left to it
DATE_START = rf"^[ \t]*(?:{_no_lookarounds(WEEKDAY)})?(?:{_no_lookarounds(DATE)})"
#: a line ending in a time (an author-first header may: such lines are checked in Python, see ``scan``)
ENDS_IN_TIME = r":\d\d(?::\d\d)?(?:[ ]?(?i:[ap]\.?m\.?))?(?:[ ]?Uhr)?[ \t]*$"


@dataclass
class Plain:
    """What :func:`scan` read: ``taken`` page indices, and per taken page its line count, article head (the
    text before the first header) and comment count; ``comments`` those pages' comments, in page order, and
    ``authors`` and ``texts`` their authors and texts (copied out of the files' buffer, which the next batch of
    files reuses)."""

    taken: np.ndarray
    n_lines: np.ndarray
    heads: list[str]
    sizes: np.ndarray
    comments: pl.DataFrame
    authors: pa.LargeStringArray
    texts: pa.LargeStringArray


#: bytes a line that starts with a date may start with (ASCII digits, blanks, the first letters of weekdays
#: and months in either case, any non-ASCII byte: Unicode digits and case folds), and bytes a line that ends
#: in a time may end with (digits, ``m``, ``M``, ``.``, the ``r`` of ``Uhr``, blanks, non-ASCII bytes)
_FIRST = np.zeros(256, dtype=bool)
_FIRST[[ord(c) for c in "0123456789 \t"]] = True
_FIRST[[ord(w[0].lower()) for w in re.findall(r"[A-Za-z]+", DATE_START)]] = True
_FIRST[[ord(w[0].upper()) for w in re.findall(r"[A-Za-z]+", DATE_START)]] = True
_FIRST[0x80:] = True
_LAST = np.zeros(256, dtype=bool)
_LAST[[ord(c) for c in "0123456789mM.r \t"]] = True
_LAST[0x80:] = True


def _lines(texts: pa.LargeStringArray, idx: np.ndarray, nl: np.ndarray) -> tuple[dict, pl.DataFrame, pl.DataFrame]:
    """The lines of pages ``idx`` (see :func:`~commentgraph.read.buffer.line_index`); the quick headers
    among them (see :func:`_quick`: they start with a date, end in no time); and as strings the other lines
    that may start with a date or end in a time (by their first and last byte): ``i`` (the line), ``page``,
    ``line``, ``ln``, ``off``, ``dated`` (it starts with a date), ``timed`` (it ends in a time)."""
    lines = line_index(texts, idx, nl)
    start, length, buf = lines["start"], lines["length"], texts.buffers()[2] or pa.py_buffer(b"")
    data = np.frombuffer(buf, dtype=np.uint8)
    some = np.flatnonzero(length > 0)
    lines["blank_end"] = np.zeros(len(start), dtype=bool)
    quick = None
    if len(some):
        first, ends = data[start[some]], data[start[some] + length[some] - 1]
        lines["blank_end"][some] = (ends == 32) | (ends == 9)
        keep = _FIRST[first] | _LAST[ends]
        digit = some[keep & (first >= 48) & (first <= 57)]
        some = some[keep]
        fast, fields = _quick(buf, start[digit], length[digit])
        if fields:
            at = digit[fast]
            some = np.setdiff1d(some, at, assume_unique=True)
            quick = pl.DataFrame({"i": at, "page": lines["page"][at], "ln": lines["ln"][at], "off": lines["off"][at]})
            quick = quick.with_columns(**fields)
    cand = pl.DataFrame(
        {
            "i": some,
            "page": lines["page"][some],
            "line": pl.from_arrow(views(buf, start[some], length[some])),
            "ln": lines["ln"][some],
            "off": lines["off"][some],
        }
    )
    cand = cand.with_columns(
        dated=pl.col("line").str.contains(DATE_START), timed=pl.col("line").str.contains(ENDS_IN_TIME)
    )
    return lines, cand, quick


#: the plain header as it is copied most often (single spaces, no blanks around it): fields cut by position
SIMPLE = r"^\d{1,2}\.\d{1,2}\.\d{4} \d{1,2}:\d{2} [^\s\d#](?:.{0,198}[^ \t])? \d{1,9}$"


#: the bytes of the plain header's most common form ``01.03.2019 11:25 A...`` (a digit: 1, other bytes as
#: they are written, the author's first byte a letter: 2)
_QUICK = np.frombuffer(b"11.11.1111 11:11 \x02", dtype=np.uint8)


def _inline(fields: np.ndarray) -> pa.Array:
    """Strings of up to 12 bytes (the rows of ``fields``) as an Arrow string-view array (held in the views)."""
    out = np.zeros((len(fields), 16), dtype=np.uint8)
    out[:, 0] = fields.shape[1]
    out[:, 4 : 4 + fields.shape[1]] = fields
    return pa.Array.from_buffers(pa.string_view(), len(fields), [None, pa.py_buffer(out)])


def _quick(data: pa.Buffer, start: np.ndarray, length: np.ndarray) -> tuple[np.ndarray, dict]:
    """The dated lines written ``DD.MM.YYYY HH:MM Author N`` (ASCII digits, single spaces, an author that
    starts with an ASCII letter, ends in no blank and has at most 200 bytes, a number of 1-9 digits), which
    ``SIMPLE`` matches and cuts the same, and their fields cut by numpy (~1/3 of the cost of the regexes)."""
    raw = np.frombuffer(data, dtype=np.uint8)
    ok = length >= 20
    at = np.flatnonzero(ok)
    if not len(at):
        return ok, {}
    first, end = start[at], start[at] + length[at]
    # (each line's first 20 and last 14 bytes gathered once, then looked at a column at a time: 2-d arrays
    # of comparisons cost ~2x, a gather from the buffer a column ~2x)
    head = np.lib.stride_tricks.sliding_window_view(raw, len(_QUICK) + 2)[first]
    tail = np.lib.stride_tricks.sliding_window_view(raw, 14)[end - 14]
    good = np.ones(len(at), dtype=bool)
    for j, want in enumerate(_QUICK.tolist()):
        got = head[:, j]
        if want == 49:
            good &= (got >= 48) & (got <= 57)
        elif want == 2:
            good &= ((got | 32) >= 97) & ((got | 32) <= 122)
        else:
            good &= got == want
    k = np.zeros(len(at), dtype=np.int64)  # the number's digits, from the end
    digits = np.ones(len(at), dtype=bool)
    number = np.zeros(len(at), dtype=np.int64)
    for j in range(1, 11):
        got = tail[:, 14 - j]
        digits &= (got >= 48) & (got <= 57)
        number += np.where(digits, (got.astype(np.int64) - 48) * 10 ** (j - 1), 0)
        k += digits
    kk, rows = np.minimum(k, 9), np.arange(len(at))
    good &= (k >= 1) & (k <= 9) & (length[at] >= k + 19) & (length[at] - k - 18 <= 200)
    good &= tail[rows, 13 - kk] == 32
    good &= (tail[rows, 12 - kk] != 32) & (tail[rows, 12 - kk] != 9)
    ok[at] = good
    named = _named(head, tail[rows, 10 - kk], tail[rows, 11 - kk], tail[rows, 12 - kk], length[at] - k - 18)
    at, first, k, number = at[good], first[good], k[good], number[good]
    head = head[good]
    return ok, {
        "date": pl.from_arrow(_inline(head[:, :10])),
        "time": pl.from_arrow(_inline(head[:, 11:16])),
        "author": pl.from_arrow(views(data, first + 17, length[at] - k - 18)),
        "number": pl.Series(number),
        "plain": pl.Series(named[good]),
    }


def _named(head: np.ndarray, x: np.ndarray, y: np.ndarray, z: np.ndarray, size: np.ndarray) -> np.ndarray:
    """Whether quick headers' authors (``size`` bytes from column 17 of ``head``, ending in the bytes ``x y z``)
    are names: what ``_NOT_AUTHOR_START`` and ``_NOT_AUTHOR_END`` find, tested on the bytes (an author that
    starts with an ASCII letter can only start with ``by``, ``Uhr`` or am/pm)."""
    a, b, c = head[:, 17], head[:, 18], head[:, 19]
    three = size >= 3
    by = (size >= 2) & (a == ord("b")) & (b == ord("y")) & ((c == 32) | (c == 9))  # ("by": c is the blank after it)
    uhr = three & (a == ord("U")) & (b == ord("h")) & (c == ord("r"))
    ampm = ((a | 32) == ord("a")) | ((a | 32) == ord("p"))
    ampm &= ((size >= 2) & ((b | 32) == ord("m"))) | (three & (b == ord(".")) & ((c | 32) == ord("m")))
    nr = three & (x == ord("N")) & ((y == ord("r")) | (y == ord("o"))) & (z == ord("."))
    return ~(by | uhr | ampm | nr)


def _headers(lines: pl.DataFrame, quick: pl.DataFrame | None) -> pl.DataFrame:
    """The lines that start with a date, with the plain header's fields where one is written (``plain``).

    (Cut by numpy where the header is written most simply, by position where it is written simply, which
    ``PLAIN`` reads the same: capture groups over a million lines cost ~1.5x.)
    """
    dated = lines.filter("dated")
    simple = dated.get_column("line").str.contains(SIMPLE)
    cut = dated.filter(simple)
    parts = cut.get_column("line").str.splitn(" ", 3).struct.unnest()
    rest = parts.get_column("field_2")
    number = rest.str.extract(r" (\d{1,9})$")
    cut = cut.with_columns(
        date=parts.get_column("field_0"),
        time=parts.get_column("field_1"),
        author=rest.str.head(-(number.str.len_chars().cast(pl.Int64) + 1)),
        number=number,
    )
    rest = dated.filter(~simple).with_columns(pl.col("line").str.extract_groups(PLAIN).alias("h")).unnest("h")
    dated = pl.concat([cut, rest.select(cut.columns)])
    ok = (
        pl.col("author").is_not_null()
        & ~pl.col("author").str.contains(_NOT_AUTHOR_START)
        & ~pl.col("author").str.contains(_NOT_AUTHOR_END)
        & pl.col("number").str.contains(r"^[0-9]+$")
    )
    dated = dated.with_columns(plain=ok.fill_null(False), number=pl.col("number").cast(pl.Int64, strict=False))
    dated = dated.select("i", "page", "ln", "off", "date", "time", "author", "number", "plain")
    if quick is None:
        return dated.sort("i")
    quick = quick.select(dated.columns)
    return quick if not dated.height else pl.concat([dated, quick]).sort("i")  # (quick: in line order)


def _bad_stamps(headers: pl.DataFrame) -> set[int]:
    """Pages with a date or time that does not exist (the per-page reader reports those)."""
    bad = set()
    for col, read in (("date", date_days), ("time", time_seconds)):
        values = headers.get_column(col).unique().drop_nulls().to_list()
        wrong = [v for v in values if read(v) is None]
        if wrong:
            bad.update(headers.filter(pl.col(col).is_in(wrong)).get_column("page").to_list())
    return bad


#: pages that start with a binary file's magic (the per-page reader says what they are) or like HTML
_NOT_TEXT = r"^(?:%PDF|GIF8|PAR1|\s*<)"


def _page_checks(lines: pl.DataFrame, headers: pl.DataFrame, competes) -> pl.Series:
    """The pages the per-page reader reads as this stage does: plain headers, and no dated line that is no
    plain header, no number twice, no impossible date, no line another layout takes."""
    per = headers.group_by("page").agg(
        plain=pl.col("plain").sum(),
        other=(~pl.col("plain")).sum(),
        numbers=pl.col("number").filter(pl.col("plain")).n_unique(),
    )
    odd = set(_bad_stamps(headers.filter(pl.col("plain"))))
    for page, line in lines.filter("timed").select("page", "line").iter_rows():
        if page not in odd and competes(line):
            odd.add(page)
    ok = (pl.col("plain") > 0) & (pl.col("other") == 0) & (pl.col("numbers") == pl.col("plain"))
    return per.filter(ok & ~pl.col("page").is_in(list(odd))).get_column("page").sort()


def _spans(lines: dict[str, np.ndarray], cand: pl.DataFrame, head: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each comment's text as a byte range of the buffer: from the first non-blank line after its header to
    the end of its last non-blank line, without trailing blanks (``text[j:end].rstrip()`` of the reader)."""
    page, off = lines["page"], lines["start"]
    tail = lines["length"].copy()
    blanks = cand.filter(pl.Series(lines["blank_end"][cand.get_column("i").to_numpy()]))  # (rare: stripped alone)
    tail[blanks.get_column("i").to_numpy()] = (
        blanks.get_column("line").str.strip_chars_end(" \t").str.len_bytes().to_numpy()
    )
    body = (tail > 0) & ~head  # (a blank line holds only spaces and tabs)
    big = np.iinfo(np.int64).max
    first = np.minimum.accumulate(np.where(body, off, big)[::-1])[::-1]  # next body line's start
    last = np.maximum.accumulate(np.where(body, off + tail, -1))  # previous body line's end
    rows = np.flatnonzero(head)
    # a comment ends where the next header starts, or with its page
    page_end = np.flatnonzero(np.r_[page[1:] != page[:-1], True])
    stop = np.minimum(np.r_[rows[1:], len(page)], page_end[np.searchsorted(page_end, rows)] + 1)
    start = np.append(first, big)[rows + 1]
    end = last[stop - 1]
    empty = (start >= end) | (end <= off[rows])
    start = np.where(empty, 0, start)
    return start, np.where(empty, 0, end - start)


def _number_replies(pages: pl.Series) -> np.ndarray:
    """The pages holding a reply marker that names a number ("Antwort auf #2 von Sabrina"): layout inference
    makes it the comment's parent, so they are left to the per-page reader (the regex only where a ``#`` is)."""
    out = pages.str.contains("#", literal=True).fill_null(False).to_numpy()
    if out.any():
        at = np.flatnonzero(out)
        out[at] = pages.gather(at).str.contains(NUMBER_REPLY).fill_null(False).to_numpy()
    return out


def scan(texts: pa.LargeStringArray, eligible: np.ndarray, competes) -> Plain:
    """Read the plain pages among ``texts`` (where ``eligible``). ``competes(line)`` says whether a line ending
    in a time reads as another layout's header (the per-page reader's author-first test).

    A page is taken only where all of these hold, so that the per-page reader would read it the same:
    no control characters, carriage returns, odd spaces or HTML; at least one header; every line that
    starts with a date is a plain header; no comment number twice; every date and time exists; no line
    ending in a time reads as an author-first header.
    """
    series = pl.from_arrow(texts)
    idx = np.flatnonzero(eligible)
    newlines, suspects = byte_scan(texts)
    if len(idx):
        some = series.gather(idx)
        odd = pl.Series(odd_pages(texts, series, suspects)[idx])
        idx = idx[(~(odd | some.str.contains(_NOT_TEXT))).fill_null(False).to_numpy() & ~_number_replies(some)]
    lines, cand, quick = _lines(texts, idx, newlines)
    headers = _headers(cand, quick)
    pages = _page_checks(cand, headers, competes).to_numpy()
    plain = headers.filter(pl.col("page").is_in(pl.Series(pages).implode()) & pl.col("plain"))
    head = np.zeros(len(lines["page"]), dtype=bool)
    head[plain.get_column("i").to_numpy()] = True
    # (the lines of pages not taken stay: a comment's text ends with its page, no head is in them)
    start, length = _spans(lines, cand, head)
    data = texts.buffers()[2]
    rows = np.flatnonzero(head)
    firsts = np.cumsum(lines["counts"]) - lines["counts"]
    last_empty = lines["length"][(firsts + lines["counts"] - 1)[pages]] == 0
    first = lines["off"][rows[np.searchsorted(lines["page"][rows], pages)]]
    base = lines["start"][firsts[pages]]
    heads = pl.from_arrow(views(data, base, first)).to_list()
    comments = plain.select(
        "page",
        (pl.col("ln") + 1).alias("line"),
        pl.col("author").str.strip_chars(" \t"),
        "number",
        "date",
        "time",
    ).with_columns(empty=pl.Series(length == 0), header=_excerpts(data, lines, plain.get_column("i"), length == 0))
    return Plain(
        taken=idx[pages],
        n_lines=lines["counts"][pages] - last_empty,
        heads=heads,
        sizes=comments.group_by("page", maintain_order=True).len().get_column("len").to_numpy(),
        comments=_detached(
            comments.drop("author").with_columns(page=pl.col("page").replace_strict(np.arange(len(idx)), idx)), data
        ),
        authors=pc.cast(
            comments.get_column("author").to_arrow(compat_level=pl.CompatLevel.newest()), pa.large_string()
        ),
        texts=pc.cast(views(data, start, length), pa.large_string()),
    )


def _excerpts(data: pa.Buffer, lines: dict, i: pl.Series, empty: np.ndarray) -> pl.Series:
    """The header lines ``i`` of comments with no text (their excerpts), else null."""
    rows = np.flatnonzero(empty)
    at = i.to_numpy()[rows]
    out = pl.Series("header", [None] * len(empty), dtype=pl.String)
    if len(rows):
        found = pl.from_arrow(views(data, lines["start"][at], lines["length"][at]))
        out = out.scatter(rows, found)
    return out


def _detached(frame: pl.DataFrame, data: pa.Buffer) -> pl.DataFrame:
    """``frame`` with no column that refers to ``data`` (the files' buffer, reused for the next batch): such a
    column is copied (Polars' string operations make new strings; this makes sure)."""
    lo, hi = data.address, data.address + data.size
    for name in frame.columns:
        arr = frame.get_column(name).to_arrow(compat_level=pl.CompatLevel.newest())
        chunks = arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]
        if any(b is not None and b.address < hi and b.address + b.size > lo for c in chunks for b in c.buffers()):
            frame = frame.with_columns(pl.Series(name, pc.cast(arr, pa.large_string())))
    return frame
