"""Read structured exports (CSV, JSON, JSON Lines, Parquet, a DataFrame) into tidy tables: ``read_table``
assembles the stages of the read/ wing (formats, columns, stamps)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .discussion import Discussion, make_discussion
from .errors import ReadError
from .problems import Problems
from .read import columns as tcols
from .read import database
from .read import fields
from .read.columns import as_id, resolve_columns
from .read.formats import TABLE_SUFFIXES, load
# (public helpers of the table reader stay importable from here)
from .read.columns import CANDIDATES, REQUIRED, html_to_text, link_parents  # noqa: F401, E402
from .read.formats import csv_text, sniff_delimiter  # noqa: F401
from .read.records import flatten_json  # noqa: F401
from .read.stamps import relative_seconds  # noqa: F401
from .schema import DEFAULT_TZ
from .timeparse import MONTHS


def read_table(source, columns: dict | None = None, *, tz: str = DEFAULT_TZ, strict: bool = False,
               article_id: str | None = None, epoch_unit: str | None = None, scraped_at=None,
               resolver: dict | None = None, html_text: bool = False, table: str | None = None,
               query: str | None = None) -> Discussion:
    """Read a CSV, TSV, JSON, JSON Lines, Parquet or Excel export (or a DataFrame) into a Discussion.

    ``columns`` maps OUR column name to THE SOURCE's (``{"author": "user_name"}``); columns it does not
    map are looked for under common names (``CANDIDATES``). Required: author, posted_at, text; optional:
    comment_id, article_id, number, parent_id (an explicit parent), title. Times may be ISO strings (a
    naive one is local time in ``tz``), epoch seconds or milliseconds (UTC; ``epoch_unit`` forces one),
    or page-style times; relative times (``7 hours ago``, ``vor 3 Tagen``) are read against ``scraped_at``
    (when the page was scraped; without it they stay NaT with a problem row saying so), and get a
    ``relative_time`` notice because their precision is only the unit written. Source columns not
    mapped are kept after ours. Nested JSON replies are
    flattened, the nesting giving ``parent_id`` where no parent column exists; API resources that wrap
    a comment (YouTube ``commentThreads``/``comments``, Reddit ``{"kind", "data"}`` things) are unwrapped.
    A naive time in a column named for UTC (``created_utc``, ``date_gmt``) is UTC.

    Parent ids are reconciled with the comment ids by ``link_parents``: a type prefix such as Reddit's
    ``t1_`` is dropped where that resolves them, and a parent naming the comment's article (Reddit's
    ``t3_...`` = ``link_id``) means a top-level comment (no parent); ``d.settings["parent_ids"]`` says what
    was done. Parents still naming no comment in the table get one ``dangling_parent`` notice.

    ``text`` stays verbatim, HTML and all; where a quarter or more of the texts hold HTML markup
    (Hacker News, YouTube's ``textDisplay``, Disqus) an ``html_text`` notice says so, and
    ``html_text=True`` turns the markup into plain text (``html_to_text``).

    Databases: a SQLite file (``.sqlite``, ``.db``; ``table="comments"`` or ``query="select ..."``), a
    SQLAlchemy URL, a DuckDB file, relation or connection (see :mod:`commentgraph.read.database`); rows
    are fetched in chunks, and a problem row's ``line`` is the row of the result.

    >>> import pandas as pd, commentgraph as cg
    >>> df = pd.DataFrame({"id": [1, 2], "user": ["Ann", "Ben"], "ts": [1551434700, 1551438300],
    ...                    "body": ["Hi", "@Ann no"], "reply_to": [None, 1]})
    >>> d = cg.read_table(df, columns={"comment_id": "id", "author": "user", "posted_at": "ts",
    ...                                "text": "body", "parent_id": "reply_to"})
    >>> d.comments[["comment_id", "parent_id"]].values.tolist()
    [['1', nan], ['2', '1']]
    >>> str(d.comments["posted_at"].iloc[0])
    '2019-03-01 11:05:00+01:00'
    """
    db_name = None
    if database.is_database(source, table, query):  # rows of a table or query, with their row numbers
        db_name, article_id = database.describe(source, table, query), article_id or database.stem(source, table)
        source = database.load(source, table=table, query=query)
    name = db_name or ("<DataFrame>" if isinstance(source, pd.DataFrame) else str(source))
    if not isinstance(source, pd.DataFrame | str | Path):
        raise ReadError(f"cannot read a {type(source).__name__} as a table; give a path or a DataFrame")
    probs = Problems(name, strict=strict)
    raw = load(source, probs, columns)
    if raw.empty and len(raw.columns) == 0:
        raise ReadError("the table has no columns", source=name)
    raw = raw.reset_index(drop=True)
    cols = resolve_columns(raw, columns, name, line=None if isinstance(source, pd.DataFrame) else 1)
    n = len(raw)
    is_csv = isinstance(source, str | Path) and TABLE_SUFFIXES.get(Path(source).suffix.lower()) in ("csv", "tsv")
    if "_row_line" in raw.columns:
        rows = raw["_row_line"].astype("Int64").to_numpy()
    else:
        rows = np.arange(n) + (2 if is_csv else 1)  # CSV: the header is line 1

    def col(ours: str) -> pd.Series | None:
        return raw[cols[ours]] if ours in cols else None

    default_article = article_id or (Path(name).stem if name != "<DataFrame>" else "table")
    art = (as_id(col("article_id"), float_text=False).fillna(default_article) if "article_id" in cols
           else pd.Series([default_article] * n, dtype="str"))
    fields.wrong_types(raw, cols, rows, probs)
    author = fields.strings(col("author"))
    if str(cols["author"]).lower() in {c.lower() for c in tcols.AUTHOR_IDS}:
        probs.add("author_ids", f"no column of author names: the ids in {cols['author']!r} stand for the authors",
                  line=1 if is_csv else None, severity="notice")
    text, maybe = fields.texts(col("text"))
    scrape = fields.scrape_time(scraped_at, tz, name)
    forms: dict = {}
    posted = fields.times(_time_values(raw, cols, rows, probs), str(cols["posted_at"]), tz, epoch_unit, scrape, rows,
                          probs, forms)
    fields.missing(author, rows, probs, "missing_author", "no author; kept with author NA")
    fields.missing(text, rows, probs, "missing_text", "no text; kept with an empty text")
    text = fields.markup(text.fillna(""), maybe, html_text, rows, probs)
    number = fields.numbers(col("number"), n, rows, probs)
    ids, written, dup = fields.ids(col("comment_id"), art, rows, probs)
    parent, parent_how = tcols.null_str(n), {}
    if "parent_id" in cols:
        nested = raw["_nest_parent"] if "_nest_parent" in raw.columns and cols["parent_id"] != "_nest_parent" else None
        parent, parent_how = fields.parents(col("parent_id"), nested, written, ids, art, dup, rows, probs,
                                            number=number if "number" in cols else None, posted=posted,
                                            author=author)

    comments = pd.DataFrame({
        "comment_id": ids, "article_id": art, "number": number, "author": author, "posted_at": posted,
        "text": text, "parent_id": parent, "line": tcols.null_int(n),
        "position": art.groupby(art, sort=False).cumcount().astype("Int64"), "row": pd.array(rows, dtype="Int64"),
    })
    ours = set(cols.values()) | {"_row_line"}
    # source columns not mapped are kept after ours (added at once: one by one is quadratic in their number)
    kept = {f"source_{c}" if c in comments.columns else str(c): raw[c].to_numpy() for c in raw.columns if c not in ours}
    if kept:
        comments = pd.concat([comments, pd.DataFrame(kept, index=comments.index)], axis=1)
    titles = raw[cols["title"]].astype("str") if "title" in cols else tcols.null_str(n)
    if n == 0:
        probs.add("no_comments", "the table has no rows")
    settings = {"tz": tz, "reader": "read_table", "columns": cols, "resolver": dict(resolver or {}),
                "parent_ids": parent_how, "time_forms": forms}
    return make_discussion(fields.articles(art, titles, name), comments, probs.frame(), settings=settings)


#: a time of day alone (``10:05``, ``10.05 Uhr``, ``9:05 PM``), and a day-first dotted date alone (``01.03.2019``)
_CLOCK = r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*(?:Uhr|[AaPp]\.?[Mm]\.?))?"
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
#: a date alone, as exports write it (a Rust regex: Polars scans the column): dotted day first, slashes or dashes
#: before a four-digit year (their order decided as the page reader decides slash dates), ISO, month names
_DATE_ALONE = (
    r"[0-9]{1,2}\.\s?[0-9]{1,2}\.\s?(?:[0-9]{4}|[0-9]{2})|[0-9]{1,2}/[0-9]{1,2}/(?:[0-9]{4}|[0-9]{2})"
    r"|[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    rf"|[0-9]{{1,2}}(?:\.|st|nd|rd|th)?\s+(?i:{_MONTH_ALT})\.?,?\s+[0-9]{{4}}"
    rf"|(?i:{_MONTH_ALT})\.?\s+[0-9]{{1,2}}(?:st|nd|rd|th)?,?\s+[0-9]{{4}}"
)
#: a day-first date with dashes (``01-03-2019``, with or without a time): read as its slash form
_DASHED = r"^(\s*)([0-9]{1,2})-([0-9]{1,2})-([0-9]{4})(?=$|[\sT,])"
#: columns that may hold the time of day beside a date column
_CLOCK_NAMES = {"time", "zeit", "uhrzeit", "clock", "hour", "posted_time", "time_of_day"}


def _time_values(raw: pd.DataFrame, cols: dict, rows, probs: Problems) -> pd.Series:
    """The time column's values as read: a date in one column and its time of day in another (``Datum`` and
    ``Uhrzeit``, ``date`` and ``time``, whichever the column map took) joined (a ``date_and_time`` notice), and a
    day-first dotted date without a time (``01.03.2019``) read as that day's midnight (a ``date_only`` notice).
    (Each test runs on 500 values first: on a million rows of ISO times they cost ~10 ms.)"""
    src = cols["posted_at"]
    values = raw[src]
    if values.dtype != "str" and not pd.api.types.is_object_dtype(values.dtype):
        return values

    def all_match(s, pattern):
        for part in (s.head(500), s):
            part = part.dropna().astype("str").str.strip()
            if not len(part) or not part.str.fullmatch(pattern).all():
                return False
        return True

    def beside(test):  # the first other column named for a date or a time of day whose values pass ``test``
        names = _CLOCK_NAMES | {"date", "datum"}
        return next((raw[c] for c in raw.columns if c != src and str(c).strip().lower() in names and test(raw[c])), None)

    dates = clock = None
    if all_match(values, _CLOCK):  # the map took the time of day: its date is beside it
        dates, clock = beside(lambda c: all_match(c, r".*\d.*") and not all_match(c, _CLOCK)), values
    elif all_match(values, r"[^:]*\d[^:]*") and not all_match(values, r"[-+]?\d+(?:\.\d+)?"):  # a date alone
        dates, clock = values, beside(lambda c: all_match(c, _CLOCK))
    if dates is not None and clock is not None:
        probs.add("date_and_time", "the time is a date column and a time-of-day column joined", severity="notice")
        return dates.astype("str").str.strip() + (" " + clock.astype("str").str.strip()).fillna(" 00:00")
    text = values.astype("str").where(values.notna())
    dashed = tcols.contains(text, r"^\s*[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}").any()
    if dashed:
        text = text.str.replace(_DASHED, r"\1\2/\3/\4", regex=True)
    alone = tcols.contains(text, rf"^\s*(?:{_DATE_ALONE})\s*$")
    if alone.any():
        probs.add("date_only", f"{int(alone.sum()):,} time(s) are a date without a time of day: read as that "
                  "day's midnight", line=int(rows[np.flatnonzero(alone)[0]]), severity="notice")
        return text.where(~alone, text.str.strip() + " 00:00")
    return text if dashed else values
