"""One partition, in pandas: read its files with the in-memory readers, and the metrics of its articles.

Everything here runs on a Dask worker and imports no Dask.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

from ..discussion import TABLES, Discussion, make_discussion
from ..errors import ReadError
from ..schema import conform
from .plan import Part

#: the readers' keywords a corpus passes through to every partition
READ_KEYS = ("tz", "strict", "resolver", "scraped_at")
TABLE_KEYS = ("columns", "epoch_unit", "html_text")


@functools.lru_cache(maxsize=8)
def _probe(kind: str, tz: str) -> dict[str, pd.DataFrame]:
    """Empty tables with the columns and dtypes the reader of ``kind`` gives (read from a two-comment probe)."""
    from ..pages import read_page
    from ..tables import read_table

    if kind == "pages":
        d = read_page("1 Kommentare\n\n01.03.2019 10:00 Anna 1\n\nHallo\n\n01.03.2019 11:00 Ben 2\n\n@1 Anna: ja",
                      tz=tz)
    else:
        d = read_table(pd.DataFrame({"comment_id": ["1", "2"], "author": ["Anna", "Ben"], "text": ["Hallo", "@Anna ja"],
                                     "posted_at": ["2019-03-01 10:00", "2019-03-01 11:00"], "parent_id": [None, "1"],
                                     "title": ["t", "t"]}), tz=tz)
    return {name: getattr(d, name).iloc[:0] for name in TABLES}


def meta_for(kinds, tz: str) -> dict[str, pd.DataFrame]:
    """The corpus tables' ``meta``: the schema's columns first, then those the readers of ``kinds`` add."""
    out = {}
    for name in TABLES:
        frames = [_probe(k, tz)[name] for k in sorted(set(kinds))] or [_probe("pages", tz)[name]]
        cols = {}
        for f in frames:
            for c in f.columns:
                cols.setdefault(c, f[c].dtype)
        out[name] = conform(pd.DataFrame({c: pd.Series([], dtype=t) for c, t in cols.items()}), name, tz)
    return out


def fit(frame: pd.DataFrame, meta: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with exactly ``meta``'s columns and dtypes (missing columns NA, others dropped)."""
    out = {}
    n = len(frame)
    for c in meta.columns:
        dtype = meta[c].dtype
        if c in frame.columns:
            s = frame[c].reset_index(drop=True)
            out[c] = s if s.dtype == dtype else s.astype(dtype)
        else:
            out[c] = pd.Series([None] * n, dtype=dtype) if n else pd.Series([], dtype=dtype)
    return pd.DataFrame(out, index=pd.RangeIndex(n))


def concat(parts: list[dict[str, pd.DataFrame]], meta: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Tables of several parts (or Discussions) as one set of tables, in ``meta``'s columns."""
    out = {}
    for name in TABLES:
        frames = [fit(p[name], meta[name]) for p in parts]
        out[name] = pd.concat([meta[name], *frames], ignore_index=True) if frames else meta[name].copy()
    return out


def unreadable(path: str, error: ReadError, tz: str) -> pd.DataFrame:
    """The problem row of a file no reader could read: the corpus goes on without it."""
    return conform(pd.DataFrame({
        "source": [str(error.source or path)], "line": pd.array([error.line], dtype="Int64"),
        "kind": ["unreadable_file"], "message": [f"{error.message}; the file is left out of the corpus"],
        "excerpt": [""], "severity": ["error"]}), "problems", tz)


def _tables(d: Discussion) -> dict[str, pd.DataFrame]:
    return {name: getattr(d, name) for name in TABLES}


def _read_one(kind: str, path: str, article_id: str | None, options: dict) -> Discussion:
    from ..pages import read_pages
    from ..tables import read_table

    keys = {k: options[k] for k in READ_KEYS if k in options}
    if kind == "pages":
        return read_pages([path], article_ids=[article_id], **keys)
    return read_table(path, **keys, **{k: options[k] for k in TABLE_KEYS if k in options})


def read_part(part: Part, options: dict) -> dict[str, pd.DataFrame]:
    """The five tables of one partition, as the in-memory readers give them (not yet fitted to ``meta``).

    Pages are read together by ``read_pages`` (with the article ids they have in the whole corpus); where
    that fails, file by file, and a file that cannot be read becomes an ``unreadable_file`` problem row
    (with ``strict=True`` its ``ReadError`` is raised instead).
    """
    from ..pages import read_pages

    tz = options.get("tz", "Europe/Berlin")
    if part.kind == "parquet":
        folder = Path(part.files[0])
        return {name: pd.read_parquet(folder / name / f"part.{part.index}.parquet") for name in TABLES}
    if part.kind == "pages":
        try:
            return _tables(read_pages(list(part.files), article_ids=list(part.article_ids),
                                      **{k: options[k] for k in READ_KEYS if k in options}))
        except ReadError:
            if options.get("strict"):
                raise
    got = []
    aids = part.article_ids or (None,) * len(part.files)
    for path, aid in zip(part.files, aids, strict=True):
        try:
            got.append(_tables(_read_one(part.kind, path, aid, options)))
        except ReadError as e:
            if options.get("strict"):
                raise
            got.append({"problems": unreadable(path, e, tz)})
    out = {}
    for name in TABLES:
        frames = [g[name] for g in got if name in g]
        out[name] = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return out


def settings_of(options: dict, kinds) -> dict:
    """The Discussion ``settings`` of a corpus read with ``options``."""
    readers = {"pages": "read_pages", "tables": "read_table", "parquet": "corpus parquet"}
    out = {"tz": options.get("tz", "Europe/Berlin"), "reader": "read_corpus",
           "readers": sorted({readers[k] for k in kinds}), "resolver": dict(options.get("resolver") or {})}
    if options.get("scraped_at") is not None:
        out["scraped_at"] = str(options["scraped_at"])
    return out


def load(part: Part, options: dict, meta: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """One partition's tables in ``meta``'s columns and dtypes, pseudonymised when ``options`` holds a salt."""
    tables = read_part(part, options)
    if options.get("salt") is not None:
        from ..pseudonyms import pseudonymize

        tz = options.get("tz", "Europe/Berlin")
        d = Discussion(**{n: conform(tables[n], n, tz) for n in TABLES}, settings={"tz": tz})
        tables = _tables(pseudonymize(d, salt=options["salt"], names=options.get("names", ())))
    return {name: fit(tables[name], meta[name]) for name in TABLES}


def names(part: Part, options: dict) -> set[str]:
    """The names in one partition that pseudonymisation replaces."""
    from ..pseudonyms import discussion_names

    tables = read_part(part, options)
    tz = options.get("tz", "Europe/Berlin")
    d = Discussion(**{n: conform(tables[n], n, tz) for n in TABLES}, settings={"tz": tz})
    return set(discussion_names(d))


def discussion(tables: dict[str, pd.DataFrame], settings: dict) -> Discussion:
    """A Discussion of tables already in the schema (no reading, no resolving again)."""
    return make_discussion(tables["articles"], tables["comments"], tables["problems"], settings=settings,
                           mentions=tables["mentions"], replies=tables["replies"], link=False)


def metric_of(d: Discussion, what: str, filters: dict):
    """``summary`` / ``threads`` of ``d`` (pandas, one row per article or thread), or for ``authors`` the
    per-author stats and author relations that combine across partitions."""
    from ..edges import author_edges, author_stats
    from ..summary import summary
    from ..threads import threads

    if what == "summary":
        return summary(d, **filters)
    if what == "threads":
        return threads(d, **filters)
    if what == "authors":
        return author_stats(d.comments), author_edges(d, **filters, min_weight=1)
    raise ValueError(f"unknown metric {what!r}")
