"""A page read by layout inference (:func:`commentgraph.read.infer.infer`): its blocks' values, the notices
of what inference did, then the page joins the tables."""

from __future__ import annotations

import pyarrow as pa

from ..problems import Problems
from . import times
from .blocks import name_line
from .checks import number_ids
from .collect import EXTRA
from .head import page_head

#: the date of a comment with only a relative time (its stamp comes from ``scraped_at``)
EPOCH_DATE = "01.01.1970"


def _blocks(tables, blocks, lines: list[str], probs: Problems) -> tuple:
    """Each block's date and time (indices of the distinct ones), its sparse values, and which blocks hold a
    relative time or a date only."""
    extra = {k: [None] * len(blocks) for k in EXTRA}
    date_at, time_at, relative, dated_only = [], [], [], []
    for i, b in enumerate(blocks):
        st, m = b.stamp, b.posted_text
        extra["posted_text"][i] = m
        extra["number_text"][i] = b.number_text
        extra["ui_text"][i] = b.ui_text
        extra["quoted_text"][i] = b.quoted_text
        extra["parent"][i] = b.parent
        extra["offset"][i] = st.offset
        date, time = EPOCH_DATE, "00:00"
        if st.kind in ("datetime", "date", "bad"):
            date, time = b.date_text or EPOCH_DATE, b.time_text or "00:00"
            if st.kind == "date":
                dated_only.append(i)
        else:  # relative to the scrape (a date without a year too)
            relative.append(i)
            extra["ago"][i], extra["days_back"][i], extra["secs"][i] = st.ago, st.days_back, st.secs
            extra["month_day"][i] = st.month_day
        date_at.append(tables.date(date))
        time_at.append(tables.time(time))
        where = {"line": b.time_line + 1, "excerpt_text": lines[b.time_line]}
        if date_at[-1] in tables.bad_dates or time_at[-1] in tables.bad_times:
            probs.add(
                "impossible_date", f"date or time {m!r} does not exist; posted_at is NaT, the comment is kept", **where
            )
        if b.author is None:
            probs.add(
                "missing_author",
                "no author line found for this comment header; the comment is kept with author NA",
                **where,
            )
        if not b.text:
            probs.add(
                "empty_comment",
                "a comment header with no text under it",
                line=b.top + 1,
                excerpt_text=lines[b.time_line],
                severity="notice",
            )
    return date_at, time_at, extra, relative, dated_only


def _notices(tables, found, lines: list[str], n_lines: int, relative, dated_only, probs: Problems) -> None:
    """What inference read and moved: date order, relative times, dates only, buttons, a page tail."""
    blocks = found.blocks
    if found.date_doubt:
        probs.add("date_order", found.date_doubt, line=blocks[0].time_line + 1, severity="notice")
    if relative:
        first = blocks[relative[0]]
        if tables.scraped_at is None:
            message = (
                f"{len(relative)} comments give only a relative time (e.g. {first.posted_text!r}); "
                "posted_at is NaT, the written time is in posted_text: pass scraped_at= to read them"
            )
        else:
            message = (
                f"{len(relative)} relative times (e.g. {first.posted_text!r}) read against scraped_at; "
                "precise only to their unit"
            )
        if any(blocks[i].stamp.kind == "yearless" for i in relative):
            message += " (a date without a year is the latest such day up to scraped_at)"
        probs.add("relative_time", message, line=first.time_line + 1, severity="notice")
    if dated_only:
        first = blocks[dated_only[0]]
        months = any(times.MONTH_YEAR.fullmatch(blocks[i].posted_text) for i in dated_only)
        probs.add(
            "date_only",
            f"{len(dated_only)} comments give a date without a time of day (e.g. "
            f"{first.posted_text!r}); posted_at is that day's midnight"
            + (" (a month and year alone: the month's first day)" if months else ""),
            line=first.time_line + 1,
            severity="notice",
        )
    moved = sum(len(b.ui_text.split("\n")) for b in blocks if b.ui_text)
    if moved:
        example = next(b.ui_text for b in blocks if b.ui_text).split("\n")[0]
        probs.add(
            "ui_lines",
            f"{moved} lines of buttons, counters and markers (e.g. {example!r}) moved from comment text to ui_text",
            line=blocks[0].top + 1,
            severity="notice",
        )
    if found.tail is not None:
        probs.add(
            "page_tail",
            f"lines {found.tail + 1}..{n_lines} after the last comment (a comment form, "
            "pagination) are no comment's text",
            line=found.tail + 1,
            excerpt_text=lines[found.tail],
            severity="notice",
        )


def _lines_after(blocks, lines: list[str], probs: Problems) -> None:
    """A notice for each one-line comment followed by text lines before the next one: they are kept as its
    text, as a body's lines are in other layouts, though on Stack Exchange they are another part of the page
    (an answer, a user card)."""
    for b in blocks:
        if "\n" not in b.text:
            continue
        more = b.text.split("\n", 1)[1]
        second = more.split("\n", 1)[0].strip()
        at = next((j for j in range(b.time_line + 1, b.end + 1) if lines[j].strip() == second), b.time_line + 1)
        probs.add(
            "text_after_one_line_comment",
            f"{len(more.split(chr(10)))} lines after the one-line comment are kept as its text (they may be "
            "another part of the page: an answer, a user card)",
            line=at + 1,
            excerpt_text=lines[at],
            severity="notice",
        )


def inferred_page(tables, text: str, found, *, name: str, article_id: str, encoding: str) -> None:
    """Read a page by the layout inference found (``found``) into ``tables``."""
    probs = Problems(name, strict=tables.strict, rows=tables.rows)
    blocks = found.blocks
    n = len(blocks)
    lines = text.split("\n")
    n_lines = len(lines) - (1 if text.endswith("\n") or not text else 0)
    line_of = [b.top + 1 for b in blocks]
    probs.add(
        "layout_inferred",
        f"comments found by the page's own layout: {found.described}",
        line=line_of[0],
        excerpt_text=lines[blocks[0].time_line],
        severity="notice",
    )
    date_at, time_at, extra, relative, dated_only = _blocks(tables, blocks, lines, probs)
    _notices(tables, found, lines, n_lines, relative, dated_only, probs)
    if found.layout == "inferred:oneline":
        _lines_after(blocks, lines, probs)
    numbers = [b.number for b in blocks]
    by_line, present = number_ids(numbers, line_of, [lines[b.time_line] for b in blocks], probs)
    title, updated, declared = page_head("\n".join(lines[: blocks[0].top]), n, present, probs)
    tables.splits.append((len(tables.rows), len(tables.dates), n, name))
    texts = pa.array([b.text for b in blocks], type=pa.large_string())
    after = found.layout == "inferred:after"
    stripped = [x.strip(" \t\r") for x in lines[: blocks[-1].time_line + 1]] if after else []
    header_lines = [
        name_line(b, stripped) - b.top + 1
        if after
        else b.text_above - b.top
        if b.text_above >= 0
        else b.time_line - b.top + 1
        for b in blocks
    ]
    tables.commit(
        article_id,
        name,
        encoding,
        found.layout,
        n_lines,
        title,
        updated,
        declared,
        [b.author for b in blocks],
        texts,
        date_at,
        time_at,
        numbers,
        by_line,
        line_of,
        header_lines,
        extra={**extra, "last_line": [b.end + 1 for b in blocks]},
    )
