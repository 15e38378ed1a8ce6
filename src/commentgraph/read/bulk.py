"""Plain pages in the seed's layout, read all at once: every line of every page as one Polars column.

The page reader's fast path reads a page with Python's ``re`` and a loop over its headers (~10 us a
comment). Most pages of a corpus copied from one site are plain: UTF-8, ``\\n`` line ends, every header
``01.03.2019 11:25 Meckersack 10`` on its own line. This stage finds such pages and reads them with
Polars (Rust regex, all lines at once). A page is taken only where that reading is, by construction, the
one the per-page reader gives (see :func:`scan`); every other page is left to it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
import polars as pl
import pyarrow as pa

from ..timeparse import DATE, WEEKDAY, date_days, time_seconds
from .vocab import NUMBER_REPLY

#: a plain header (the reader's ``_PLAIN``, whose lookarounds are the filters in ``_header_ok``)
PLAIN = (
    r"^[ \t]*(?P<date>\d{1,2}\.\d{1,2}\.\d{4})[ \t]+(?P<time>\d{1,2}:\d{2})[ \t]+"
    r"(?P<author>[^\s\d#](?:.{0,198}[^ \t])?)[ \t]+(?P<number>\d{1,9})[ \t]*$"
)
_NOT_AUTHOR_START = r"^(?:[|·•–—-]|by[ \t]|Uhr|(?i:[ap]\.?m))"
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
#: characters the per-page reader treats specially (control characters, carriage returns, no-break and
#: zero-width spaces, other white space ``str.strip`` removes): pages holding one are left to it
ODD = r"[\x00-\x08\x0b-\x1f\x7f\x85\xa0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]"


@dataclass
class Plain:
    """What :func:`scan` read: ``taken`` page indices, and per taken page its line count, article head (the
    text before the first header) and comment count; ``comments`` those pages' comments, in page order."""

    taken: np.ndarray
    n_lines: np.ndarray
    heads: list[str]
    sizes: np.ndarray
    comments: pl.DataFrame


def read_files(paths: list) -> tuple[pa.LargeStringArray, np.ndarray]:
    """The files' text as one column, and which files were read (not: unreadable, or not UTF-8; those are
    left to the per-page reader, which says why or reads them as cp1252 or UTF-16).

    (One buffer for all files: a Python ``bytes`` a file, then an Arrow array of them, cost ~3x as much.)
    """
    sizes = np.zeros(len(paths), dtype=np.int64)
    ok = np.zeros(len(paths), dtype=bool)
    for i, p in enumerate(paths):
        try:
            sizes[i], ok[i] = os.stat(p).st_size, True
        except OSError:
            pass
    offsets = np.zeros(len(paths) + 1, dtype=np.int64)
    np.cumsum(sizes, out=offsets[1:])
    buf = np.zeros(int(offsets[-1]), dtype=np.uint8)
    view = memoryview(buf)
    for i in np.flatnonzero(ok).tolist():
        try:
            with open(paths[i], "rb", buffering=0) as fh:
                got = fh.readinto(view[offsets[i] : offsets[i + 1]])
                ok[i] = got == sizes[i] and not fh.read(1)  # (a file that changed size: read one by one)
        except OSError:
            ok[i] = False
    raw = pa.LargeBinaryArray.from_buffers(
        pa.large_binary(), len(paths), [None, pa.py_buffer(offsets), pa.py_buffer(buf)]
    )
    try:
        return raw.cast(pa.large_string()), ok
    except pa.ArrowInvalid:  # some file is not UTF-8: it is left out (read one by one, as cp1252 or UTF-16)
        for i in np.flatnonzero(ok).tolist():
            try:
                bytes(view[offsets[i] : offsets[i + 1]]).decode("utf-8")
            except UnicodeDecodeError:
                ok[i] = False
        sizes[~ok] = 0
        data = b"".join(bytes(view[offsets[i] : offsets[i + 1]]) for i in np.flatnonzero(ok).tolist())
        np.cumsum(sizes, out=offsets[1:])
        raw = pa.LargeBinaryArray.from_buffers(
            pa.large_binary(), len(paths), [None, pa.py_buffer(offsets), pa.py_buffer(data)]
        )
        return raw.cast(pa.large_string()), ok


def _lines(texts: pl.Series) -> pl.DataFrame:
    """One row a line of the pages: ``page``, ``ln`` (0-based), ``line``, ``off`` (its byte offset in its
    page), ``dated`` (it starts with a date)."""
    split = texts.str.split("\n")
    counts = split.list.len().to_numpy().astype(np.int64)
    lines = split.explode()
    firsts = np.cumsum(counts) - counts
    width = lines.str.len_bytes().to_numpy().astype(np.int64) + 1
    ends = np.cumsum(width)
    at = np.repeat(firsts, counts)
    # (positions within a page from positions in all pages: ~1/4 of the cost of window expressions)
    page_base = np.repeat(np.concatenate([[0], ends])[firsts], counts)
    return pl.DataFrame(
        {
            "i": np.arange(len(lines), dtype=np.int64),
            "page": np.repeat(np.arange(len(counts), dtype=np.int64), counts),
            "line": lines,
            "ln": np.arange(len(lines), dtype=np.int64) - at,
            "off": ends - width - page_base,
            "dated": lines.str.contains(DATE_START),
        }
    )


#: the plain header as it is copied most often (single spaces, no blanks around it): fields cut by position
SIMPLE = r"^\d{1,2}\.\d{1,2}\.\d{4} \d{1,2}:\d{2} [^\s\d#](?:.{0,198}[^ \t])? \d{1,9}$"


def _headers(lines: pl.DataFrame) -> pl.DataFrame:
    """The lines that start with a date, with the plain header's fields where one is written (``plain``).

    (Cut by position where the header is written simply, which ``PLAIN`` reads the same: capture groups
    over a million lines cost ~1.5x.)
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
    dated = pl.concat([cut, rest.select(cut.columns)]).sort("i")
    ok = (
        pl.col("author").is_not_null()
        & ~pl.col("author").str.contains(_NOT_AUTHOR_START)
        & ~pl.col("author").str.contains(_NOT_AUTHOR_END)
        & pl.col("number").str.contains(r"^[0-9]+$")
    )
    return dated.with_columns(plain=ok.fill_null(False), number=pl.col("number").cast(pl.Int64, strict=False))


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
    odd |= set(lines.filter(pl.col("line").str.contains(NUMBER_REPLY)).get_column("page").to_list())  # (parents)
    for page, line in lines.filter(pl.col("line").str.contains(ENDS_IN_TIME)).select("page", "line").iter_rows():
        if page not in odd and competes(line):
            odd.add(page)
    ok = (pl.col("plain") > 0) & (pl.col("other") == 0) & (pl.col("numbers") == pl.col("plain"))
    return per.filter(ok & ~pl.col("page").is_in(list(odd))).get_column("page").sort()


def views(data: pa.Buffer, starts: np.ndarray, lengths: np.ndarray) -> pa.Array:
    """Strings that are byte ranges of ``data``, as an Arrow string-view array (no bytes copied).

    >>> views(pa.py_buffer(b"Hello, world of views"), np.array([0, 7]), np.array([5, 14])).to_pylist()
    ['Hello', 'world of views']
    """
    n = len(starts)
    out = np.zeros((n, 16), dtype=np.uint8)
    words = out.view(np.int32)
    words[:, 0] = lengths
    raw = np.frombuffer(data, dtype=np.uint8)
    if len(raw) >= 12:
        # each string's first 12 bytes: rows of a sliding window (a gather of rows, not of n x 12 indices)
        window = np.lib.stride_tricks.sliding_window_view(raw, 12)
        inline = window[np.minimum(starts, len(raw) - 12)]
        near_end = np.flatnonzero(starts > len(raw) - 12)
        if len(near_end):
            at = np.minimum(starts[near_end, None] + np.arange(12), len(raw) - 1)
            inline[near_end] = raw[at]
        out[:, 4:16] = np.where(np.arange(12) < np.minimum(lengths, 12)[:, None], inline, 0)
    elif len(raw):
        at = np.minimum(starts[:, None] + np.arange(12), len(raw) - 1)
        out[:, 4:16] = np.where(np.arange(12) < np.minimum(lengths, 12)[:, None], raw[at], 0)
    long = lengths > 12
    words[long, 2] = 0  # buffer 0, from this offset (the first four bytes stay as the prefix)
    words[long, 3] = starts[long]
    return pa.Array.from_buffers(pa.string_view(), n, [None, pa.py_buffer(out), data])


def _spans(lines: pl.DataFrame, base: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each comment's text as a byte range of the buffer: from the first non-blank line after its header to
    the end of its last non-blank line, without trailing blanks (``text[j:end].rstrip()`` of the reader)."""
    page = lines.get_column("page").to_numpy()
    off = lines.get_column("off").to_numpy() + base[page]
    head = lines.get_column("head").to_numpy()
    line = lines.get_column("line")
    tail = line.str.len_bytes().to_numpy().astype(np.int64)
    blanks = (line.str.ends_with(" ") | line.str.ends_with("\t")).to_numpy()  # (rare: stripped alone)
    tail[blanks] = line.filter(blanks).str.strip_chars_end(" \t").str.len_bytes().to_numpy()
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
    if len(idx):
        some = series.gather(idx)
        idx = idx[(~(some.str.contains(ODD) | some.str.contains(_NOT_TEXT))).fill_null(False).to_numpy()]
    lines = _lines(series.gather(idx))
    headers = _headers(lines)
    ok = _page_checks(lines, headers, competes)
    plain = headers.filter(pl.col("page").is_in(ok.implode()) & pl.col("plain"))
    head = np.zeros(lines.height, dtype=bool)
    head[plain.get_column("i").to_numpy()] = True
    lines = lines.with_columns(head=pl.Series(head)).filter(pl.col("page").is_in(ok.implode()))
    base = np.zeros(len(idx), dtype=np.int64)
    base[:] = np.frombuffer(texts.buffers()[1], dtype=np.int64)[texts.offset : texts.offset + len(texts)][idx]
    start, length = _spans(lines, base)
    data = texts.buffers()[2]
    per = lines.group_by("page", maintain_order=True).agg(
        n=pl.len(), last_empty=pl.col("line").last() == "", first=pl.col("off").filter(pl.col("head")).first()
    )
    pages = per.get_column("page").to_numpy()
    heads = pl.from_arrow(views(data, base[pages], per.get_column("first").to_numpy())).to_list()
    comments = plain.select(
        "page",
        (pl.col("ln") + 1).alias("line"),
        pl.col("author").str.strip_chars(" \t"),
        "number",
        "date",
        "time",
        pl.col("line").alias("header"),
    ).with_columns(text=pl.from_arrow(views(data, start, length)))
    return Plain(
        taken=idx[pages],
        n_lines=(per.get_column("n") - per.get_column("last_empty").cast(pl.Int64)).to_numpy(),
        heads=heads,
        sizes=comments.group_by("page", maintain_order=True).len().get_column("len").to_numpy(),
        comments=comments.with_columns(page=pl.col("page").replace_strict(np.arange(len(idx)), idx)),
    )
