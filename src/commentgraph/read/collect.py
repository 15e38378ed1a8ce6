"""The page reader's accumulator: each read page's values join plain lists and int arrays, and the
frames are built once for all pages (:mod:`commentgraph.read.frames`).

Speed: building three small frames per page and concatenating them cost ~2/3 of reading; here a page adds
Python values to lists (or, read in bulk, Arrow arrays), and each column is made once, with one time-zone
localisation for all stamps.
"""

from __future__ import annotations

from array import array

import numpy as np
import polars as pl

from ..problems import Problems
from ..timeparse import date_days, time_seconds
from . import bulk
from .checks import number_notes, pages_number_gaps
from .head import page_head

#: per-comment values only some pages have (sparse: comment index -> value)
EXTRA = (
    "ui_text",
    "quoted_text",
    "posted_text",
    "number_text",
    "parent",
    "ago",
    "days_back",
    "secs",
    "offset",
    "last_line",
    "month_day",
)


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


class PageTables:
    """Plain lists (and int arrays) of the reader's fields across pages; the frames are built once."""

    def __init__(self, tz: str, strict: bool, scraped_at=None):
        self.tz, self.strict, self.scraped_at = tz, strict, scraped_at
        self.extra: dict[str, dict[int, object]] = {}
        self.authors, self.texts = [[]], []  # authors: lists (pages read here) and arrays (bulk pages)
        self.n = 0  # comments so far
        self.by_line = bytearray()  # ids use the header line (no number, or a duplicate one)
        self.numbers, self.has_number = array("q"), bytearray()
        # each comment's date and time: indices into the distinct ones (each read once), with their days since
        # 1970 and seconds after midnight (0 for unreadable ones, whose indices are in bad_dates, bad_times)
        self.dates, self.date_keys, self.date_index, self.days, self.bad_dates = array("q"), [], {}, array("q"), set()
        self.times, self.time_keys, self.time_index, self.secs, self.bad_times = array("q"), [], {}, array("q"), set()
        self.lines, self.page_lines = array("q"), []  # header lines; lines of each page
        self.header_lines = bytearray()  # lines a header takes (2: author, then date line)
        self.page_ids, self.page_sizes = [], []
        self.articles = []
        self.rows = []  # problem rows, all pages
        self.splits = []  # (index in rows, first comment, comment count, source)

    # ------------------------------------------------------------------ one page
    def commit(
        self,
        article_id,
        name,
        encoding,
        layout,
        n_lines,
        title,
        updated,
        declared,
        authors,
        texts,
        date_at,
        time_at,
        numbers,
        by_line,
        line_of,
        header_lines,
        *,
        extra: dict | None = None,
    ) -> None:
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
            for key in EXTRA:
                col = self.extra.setdefault(key, {})
                for i, v in enumerate((extra or {}).get(key, ())):
                    if v is not None:  # (a parent: a page's own index -> an index of all comments)
                        col[base + i] = v + base if key == "parent" and not isinstance(v, str) else v

    def add_plain(self, plain: bulk.Plain, ks: range, names: list[str], article_ids: list[str]) -> None:
        """Pages ``ks`` of a bulk reading (:func:`commentgraph.read.bulk.scan`), as ``_add_fast`` reads them."""
        sizes = plain.sizes[ks.start : ks.stop]
        at = np.concatenate([[0], np.cumsum(plain.sizes)])
        lo, hi = int(at[ks.start]), int(at[ks.stop])
        c = plain.comments.slice(lo, hi - lo)
        self.dates.frombytes(self.interned(c.get_column("date"), self.date).tobytes())
        self.times.frombytes(self.interned(c.get_column("time"), self.time).tobytes())
        self.authors.append(plain.authors.slice(lo, hi - lo))
        self.texts.append(plain.texts.slice(lo, hi - lo))
        numbers, lines = c.get_column("number").to_numpy(), c.get_column("line").to_numpy()
        self.numbers.frombytes(numbers.astype(np.int64).tobytes())
        self.has_number += b"\x01" * len(c)
        self.by_line += bytes(len(c))
        self.lines.frombytes(lines.astype(np.int64).tobytes())
        self.header_lines += b"\x01" * len(c)
        empty = np.flatnonzero(c.get_column("empty").to_numpy()).tolist()
        excerpt = dict(zip(empty, c.get_column("header").gather(empty).to_list())) if empty else {}
        bounds = np.concatenate([[0], np.cumsum(sizes)])
        gaps, mixed, lo_hi = pages_number_gaps(numbers, bounds)
        for j, k in enumerate(ks):
            a, b, name, aid = int(bounds[j]), int(bounds[j + 1]), names[j], article_ids[j]
            probs = Problems(name, rows=self.rows)
            for i in (i for i in empty if a <= i < b):
                probs.add(
                    "empty_comment",
                    "a comment header with no text under it",
                    line=int(lines[i]),
                    excerpt_text=excerpt[i],
                    severity="notice",
                )
            self.splits.append((len(self.rows), self.n, b - a, name))
            if j in gaps:  # (numbers unique: no ids by line)
                probs.add("number_gap", gaps[j], severity="notice")
            elif mixed[j]:
                number_notes(numbers[a:b], lines[a:b], probs)
            title, updated, declared = page_head(plain.heads[k], b - a, lo_hi[j].tolist(), probs)
            n_lines = int(plain.n_lines[k])
            self.page_lines.append(n_lines)
            self.page_ids.append(aid)
            self.page_sizes.append(b - a)
            self.articles.append((aid, title, updated, declared, b - a, name, "utf-8", "date_first", n_lines))
            self.n += b - a

    def interned(self, values: pl.Series, intern) -> np.ndarray:
        """Indices of written dates or times (each distinct one read once)."""
        keys = values.unique(maintain_order=True)
        index = [intern(v) for v in keys.to_list()]
        return values.replace_strict(keys, index, return_dtype=pl.Int64).to_numpy()

    def date(self, date: str) -> int:
        """The index of a written date in ``date_keys`` (added when new)."""
        return _intern(date, self.date_index, self.date_keys, date_days, self.bad_dates, self.days)

    def time(self, time: str) -> int:
        """The index of a written time in ``time_keys`` (added when new)."""
        return _intern(time, self.time_index, self.time_keys, time_seconds, self.bad_times, self.secs)
