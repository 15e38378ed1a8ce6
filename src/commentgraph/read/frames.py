"""The page reader's frames: ``(articles, comments, problems)`` from what :class:`PageTables` collected, each
column made once for all pages (time zones localised at once, ids joined by pyarrow)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..problems import Problems
from ..schema import COLUMNS, TIME_UNIT
from ..timeparse import localize

#: the default ``str`` dtype of pandas 3
STR = pd.StringDtype("pyarrow", na_value=np.nan)


def frames(tables) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """``(articles, comments, problems)`` frames (not yet conformed)."""
    tz, n = tables.tz, len(tables.dates)
    date_at, time_at = np.frombuffer(tables.dates, dtype=np.int64), np.frombuffer(tables.times, dtype=np.int64)
    naive = (
        (
            np.frombuffer(tables.days, dtype=np.int64)[date_at] * 86400
            + np.frombuffer(tables.secs, dtype=np.int64)[time_at]
        )
        .astype("datetime64[s]")
        .astype(f"datetime64[{TIME_UNIT}]")
    )
    if tables.bad_dates or tables.bad_times:
        naive[np.isin(date_at, list(tables.bad_dates)) | np.isin(time_at, list(tables.bad_times))] = np.datetime64(
            "NaT"
        )
    stamps, ambiguous, shifted = localize(naive, tz)
    if tables.extra:
        stamps = written_stamps(tables, stamps, naive, ambiguous, shifted)

    rows = _dst_rows(tables, ambiguous, shifted)
    articles = _articles(tables)
    has_number = np.frombuffer(bytes(tables.has_number), dtype=bool)
    # a comment ends on the line before the next header, the last one of a page on the page's last line
    lines, sizes = np.frombuffer(tables.lines, dtype=np.int64), np.asarray(tables.page_sizes, dtype=np.int64)
    firsts = np.cumsum(sizes) - sizes
    last_lines = np.empty(n, dtype=np.int64)
    last_lines[:-1] = lines[1:] - 1
    last_lines[(firsts + sizes - 1)[sizes > 0]] = np.asarray(tables.page_lines, dtype=np.int64)[sizes > 0]
    if ends := tables.extra.get("last_line"):  # pages read by inference: the block's end (a page tail is not in it)
        last_lines[list(ends)] = list(ends.values())
    numbers = np.frombuffer(tables.numbers, dtype=np.int64)
    # ids "<article_id>/<number>", or "<article_id>/L<line>": joined by pyarrow (~2x faster than f-strings)
    article_ids = pa.array(tables.page_ids, type=pa.large_string()).take(
        np.repeat(np.arange(len(tables.page_ids)), tables.page_sizes)
    )
    by_line = np.frombuffer(bytes(tables.by_line), dtype=bool)
    suffix = pc.cast(pa.array(numbers), pa.large_string())
    if by_line.any():
        at_line = pc.binary_join_element_wise(
            _large("L"), pc.cast(pa.array(np.frombuffer(tables.lines, dtype=np.int64)), pa.large_string()), _large("")
        )
        suffix = pc.if_else(pa.array(by_line), at_line, suffix)
    ids = pc.binary_join_element_wise(article_ids, suffix, _large("/"))
    comments = pd.DataFrame(
        {
            "comment_id": str_array(ids),
            "article_id": str_array(article_ids),
            "number": pd.arrays.IntegerArray(np.frombuffer(tables.numbers, dtype=np.int64).copy(), ~has_number),
            "author": str_array(
                pa.chunked_array(
                    [pa.array(a, type=pa.large_string()) if isinstance(a, list) else a for a in tables.authors],
                    type=pa.large_string(),
                )
            ),
            # one chunk a page, as the per-page frames concatenated gave it (one copy of all texts cost ~5 %)
            "posted_at": stamps,
            "text": str_array(pa.chunked_array(tables.texts, type=pa.large_string())),
            "parent_id": str_array(pa.nulls(n, type=pa.large_string())),
            "line": int64(lines),
            "position": int64(np.arange(n) - np.repeat(firsts, sizes)),
            "last_line": int64(last_lines),
            "header_lines": int64(np.frombuffer(bytes(tables.header_lines), dtype=np.uint8)),
        },
        copy=False,  # (the arrays are new: a copy of each cost ~0.1 s at 1M comments)
    )
    comments = extra_columns(tables, comments)
    return articles, comments, pd.DataFrame(rows, columns=list(COLUMNS["problems"]))


def _dst_rows(tables, ambiguous: np.ndarray, shifted: np.ndarray) -> list[dict]:
    """The problem rows with those for local times that happen twice or never, each after its page's rows."""
    tz = tables.tz
    rows = tables.rows
    late = np.flatnonzero(ambiguous | shifted)
    if len(late):  # rows for ambiguous and nonexistent times go after each page's impossible dates
        rows, done = [], 0
        firsts = np.array([s[1] for s in tables.splits], dtype=np.int64)
        pages = np.searchsorted(firsts, late, side="right") - 1
        for k in np.unique(pages).tolist():
            at, _, _, name = tables.splits[k]
            probs = Problems(name)
            where = late[pages == k]
            for i in where[ambiguous[where]].tolist():
                date, time = tables.date_keys[tables.dates[i]], tables.time_keys[tables.times[i]]
                probs.add(
                    "ambiguous_time",
                    f"'{date} {time}' happens twice ({tz} falls back); read as the first (summer-time) occurrence",
                    line=tables.lines[i],
                    severity="notice",
                )
            for i in where[shifted[where]].tolist():
                date, time = tables.date_keys[tables.dates[i]], tables.time_keys[tables.times[i]]
                probs.add(
                    "nonexistent_time",
                    f"'{date} {time}' does not exist in {tz} (clocks spring forward); shifted to the next valid time",
                    line=tables.lines[i],
                    severity="notice",
                )
            rows += tables.rows[done:at]
            rows += probs.rows
            done = at
        rows += tables.rows[done:]

    return rows


def _articles(tables) -> pd.DataFrame:
    """One row a page read."""
    a = list(zip(*tables.articles)) if tables.articles else [[]] * 9
    layouts = list(a[7])
    articles = pd.DataFrame(
        {
            "article_id": list(a[0]),
            "title": list(a[1]),
            "updated_at": _local(a[2], tables.tz),
            "declared_comments": pd.array(list(a[3]), dtype="Int64"),
            "parsed_comments": pd.array(list(a[4]), dtype="Int64"),
            "source": list(a[5]),
            "encoding": list(a[6]),
            # (as the per-page frames concatenated gave it: object when some page had no header)
            "layout": pd.Series(layouts, dtype=object if None in layouts else "str"),
            "lines": pd.array(list(a[8]), dtype="Int64"),
        }
    )
    return articles


def written_stamps(tables, stamps: pd.Series, naive: np.ndarray, ambiguous, shifted) -> pd.Series:
    """Times written with a zone (an exact instant) and relative times (against ``scraped_at``)."""
    stamps = stamps.copy()
    if offsets := tables.extra.get("offset"):
        at = np.fromiter(offsets, dtype=np.int64, count=len(offsets))
        minutes = np.fromiter(offsets.values(), dtype=np.int64, count=len(offsets))
        utc = naive[at] - minutes.astype("timedelta64[m]")
        stamps.iloc[at] = pd.DatetimeIndex(utc).tz_localize("UTC").tz_convert(tables.tz)
        ambiguous[at] = shifted[at] = False
    extra = tables.extra
    rel = sorted(set(extra.get("ago", {})) | set(extra.get("days_back", {})) | set(extra.get("month_day", {})))
    if rel:
        if tables.scraped_at is None:
            stamps.iloc[rel] = pd.NaT
        else:
            scrape = tables.scraped_at
            got = []
            for i in rel:
                if (ago := extra.get("ago", {}).get(i)) is not None:
                    got.append(scrape - pd.Timedelta(seconds=ago))
                elif (md := extra.get("month_day", {}).get(i)) is not None:
                    got.append(_yearless(scrape, md, extra.get("secs", {}).get(i), tables.tz))
                else:
                    day = scrape.normalize() - pd.Timedelta(days=extra["days_back"][i])
                    secs = extra.get("secs", {}).get(i)
                    got.append(
                        pd.NaT
                        if secs is None
                        else (day.tz_localize(None) + pd.Timedelta(seconds=secs)).tz_localize(
                            tables.tz, ambiguous=True, nonexistent="shift_forward"
                        )
                    )
            stamps.iloc[rel] = (
                pd.to_datetime(pd.Series(got, dtype=object), utc=True).dt.tz_convert(tables.tz).to_numpy()
            )
        ambiguous[rel] = shifted[rel] = False
    return stamps


def _yearless(scrape: pd.Timestamp, month_day: int, secs: int | None, tz: str):
    """The latest day ``month_day`` (month * 100 + day) up to ``scrape``, at ``secs`` (midnight when None).

    >>> str(_yearless(pd.Timestamp("2020-01-14 18:00", tz="UTC"), 1231, 3600, "UTC"))
    '2019-12-31 01:00:00+00:00'
    """
    month, day = divmod(month_day, 100)
    for year in (scrape.year, scrape.year - 1, scrape.year - 4):  # (29 February: the last leap year)
        try:
            stamp = pd.Timestamp(year=year, month=month, day=day) + pd.Timedelta(seconds=secs or 0)
        except ValueError:
            continue
        stamp = stamp.tz_localize(tz, ambiguous=True, nonexistent="shift_forward")
        if stamp <= scrape:
            return stamp
    return pd.NaT


def extra_columns(tables, comments: pd.DataFrame) -> pd.DataFrame:
    """Columns of what inference finds (buttons, quotes, written times, number texts) and the parents
    pages show."""
    n = len(comments)
    cols = {}
    for key in ("ui_text", "quoted_text", "posted_text", "number_text"):
        if not (found := tables.extra.get(key)):
            cols[key] = str_array(pa.nulls(n, type=pa.large_string()))
            continue
        values = [None] * n
        for i, v in found.items():
            values[i] = v
        cols[key] = str_array(values)
    if parents := tables.extra.get("parent"):
        ids, aids = comments["comment_id"].to_numpy(), comments["article_id"].to_numpy()
        values = [None] * n
        for i, p in parents.items():  # (a str: a parent not on the page, "12" -> "<article>/12")
            values[i] = f"{aids[i]}/{p}" if isinstance(p, str) else ids[p]
        cols["parent_id"] = str_array(values)
    return comments.assign(**cols)


def _local(seconds, tz: str) -> pd.Series:
    """Local seconds since 1970 (or None) as tz-aware stamps (a time that happens twice is the first, one in
    the spring gap moves forward)."""
    naive = pd.to_datetime(pd.Series(list(seconds), dtype="Float64"), unit="s").astype(f"datetime64[{TIME_UNIT}]")
    return naive.dt.tz_localize(tz, ambiguous=np.ones(len(naive), dtype=bool), nonexistent="shift_forward")


def _large(s: str) -> pa.Scalar:
    return pa.scalar(s, type=pa.large_string())


def str_array(values) -> pd.api.extensions.ExtensionArray:
    """``pd.array(values, dtype="str")`` for a list of str and None (or a pyarrow array), via pyarrow
    directly (~3x faster)."""
    if not isinstance(values, pa.Array | pa.ChunkedArray):
        values = pa.array(values, type=pa.large_string())
    return pd.array(values, dtype=STR)


def int64(values) -> pd.arrays.IntegerArray:
    arr = np.array(values, dtype=np.int64)
    return pd.arrays.IntegerArray(arr, np.zeros(len(arr), dtype=bool))
