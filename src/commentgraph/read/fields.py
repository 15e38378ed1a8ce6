"""The table reader's columns, one stage each: texts, times, numbers, ids, parents, articles. Each takes
whole columns and returns whole columns; what it cannot read goes to ``probs`` with the row's line."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..errors import ReadError
from ..problems import Problems
from ..schema import TIME_UNIT
from . import columns as tcols
from .columns import HTML_MARK, MAX_WHOLE, as_id, html_to_text, link_parents
from .stamps import read_times, relative_seconds


def strings(values: pd.Series) -> pd.Series:
    """A column as stripped strings, blank ones missing (authors)."""
    out = values.astype("str").where(values.notna()).str.strip()
    return out.where(out != "")


def texts(values: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Comment texts with ``\\r\\n`` and ``\\r`` made ``\\n``, and which may hold markup (a ``<`` or ``&``).

    (One scan of all texts for the few that need more: a regex over a million texts costs ~0.6 s.)
    """
    text = values.astype("str").where(values.notna())
    maybe = tcols.contains(text, "[\r<&]")
    if maybe.any():
        text = text.copy()
        text[maybe] = text[maybe].str.replace(r"\r\n?", "\n", regex=True)
    return text, maybe


def missing(values: pd.Series, rows: np.ndarray, probs: Problems, kind: str, message: str) -> None:
    """A notice for each missing value."""
    for i in np.flatnonzero(values.isna().to_numpy()):
        probs.add(kind, message, line=int(rows[i]), severity="notice")


def markup(text: pd.Series, maybe: np.ndarray, html_text: bool, rows: np.ndarray, probs: Problems) -> pd.Series:
    """Texts as given, or plain text where ``html_text``; a notice where a quarter or more hold markup."""
    marked = pd.Series(False, index=text.index)
    if maybe.any():  # the markup regex only where a '<' or '&' could start it: it is slow on a million texts
        marked[maybe] = text[maybe].str.contains(HTML_MARK).to_numpy(dtype=bool)
    if html_text:
        return text.where(~marked, html_to_text(text))
    if int(marked.sum()) >= 2 and marked.mean() >= 0.25:
        first = text[marked].iloc[0]
        m = HTML_MARK.search(first)
        probs.add(
            "html_text",
            f"{int(marked.sum()):,} of {len(text):,} texts hold HTML markup (e.g. {m.group(0)!r}); kept verbatim, "
            "read_table(..., html_text=True) gives plain text",
            line=int(rows[marked.to_numpy()][0]),
            excerpt_text=first,
            severity="notice",
        )
    return text


def wrong_types(raw: pd.DataFrame, cols: dict, rows: np.ndarray, probs: Problems) -> None:
    """An error for each JSON value of our columns that is a list, an object or a boolean (kept as its JSON text)."""
    kinds = raw.attrs.get("json_kinds", {})
    for ours, src in cols.items():
        kind = kinds.get(src)
        for i in np.flatnonzero(pd.notna(kind)) if kind is not None else []:
            probs.add(
                "wrong_type",
                f"{ours} (field {src!r}) is {kind[i]}, not a {'time' if ours == 'posted_at' else 'string or number'}; "
                "kept as its JSON text",
                line=int(rows[i]),
                excerpt_text=str(raw[src].iloc[i]),
            )


def scrape_time(scraped_at, tz: str, name: str) -> pd.Timestamp | None:
    """``scraped_at`` as a stamp in ``tz`` (a naive one is local)."""
    if scraped_at is None:
        return None
    try:
        scrape = pd.Timestamp(scraped_at)
        return scrape.tz_localize(tz) if scrape.tzinfo is None else scrape.tz_convert(tz)
    except (ValueError, TypeError) as e:
        raise ReadError(f"scraped_at {scraped_at!r} is not a time: {e}", source=name) from None


def times(values: pd.Series, column: str, tz: str, epoch_unit, scrape, rows: np.ndarray, probs: Problems, forms=None):
    """The time column as stamps in ``tz``. A column named for UTC (``created_utc``, ``date_gmt``) holds UTC times even
    when written without an offset; relative times are read against ``scrape``. ``forms`` (a dict), when
    given, receives how many values were written as epoch numbers, with a UTC offset (``Z``, ``+00:00``;
    naive ones in a column named for UTC count here too), another offset, or none."""
    naive_tz = "UTC" if re.search(r"utc|gmt", column, re.IGNORECASE) else tz
    notes: list[str] = []
    dst: dict = {}
    posted, bad_time = read_times(values, naive_tz, epoch_unit, notes, dst)
    if forms is not None:
        forms.update(dst["forms"])
        if naive_tz != tz:
            forms["utc"], forms["naive"] = forms["utc"] + forms["naive"], 0
    for note in notes:
        probs.add("epoch_units" if note.startswith("epoch") else "date_order", note, severity="notice")
    written = values.reset_index(drop=True)
    for i in np.flatnonzero(dst["ambiguous"]):  # as the page reader says it
        probs.add(
            "ambiguous_time",
            f"{str(written.iloc[i])!r} happens twice ({naive_tz} falls back); read as "
            "the first (summer-time) occurrence",
            line=int(rows[i]),
            severity="notice",
        )
    for i in np.flatnonzero(dst["shifted"]):
        probs.add(
            "nonexistent_time",
            f"{str(written.iloc[i])!r} does not exist in {naive_tz} (clocks spring "
            "forward); shifted to the next valid time",
            line=int(rows[i]),
            severity="notice",
        )
    if naive_tz != tz:
        posted = posted.dt.tz_convert(tz)
    for i in np.flatnonzero(bad_time):
        val = written.iloc[i]
        ago = None if pd.isna(val) else relative_seconds(val)
        if ago is not None and scrape is not None:
            posted.iloc[i] = scrape - pd.Timedelta(seconds=ago)
            probs.add(
                "relative_time",
                f"relative time {str(val)!r} read as {ago} s before scraped_at; precise only to its unit",
                line=int(rows[i]),
                excerpt_text=str(val),
                severity="notice",
            )
            continue
        if ago is not None:
            what = f"relative ({str(val)[:40]!r}); pass scraped_at= to read it"
        else:
            what = "missing" if pd.isna(val) or str(val).strip() == "" else f"unreadable ({str(val)[:40]!r})"
        probs.add(
            "bad_time", f"time {what}; posted_at is NaT, the comment is kept", line=int(rows[i]), excerpt_text=str(val)
        )
    return posted


def numbers(values: pd.Series | None, n: int, rows: np.ndarray, probs: Problems) -> pd.Series:
    """Comment numbers as whole numbers (``Int64``); others are errors and NA."""
    if values is None:
        return pd.Series(pd.NA, index=range(n), dtype="Int64")
    src = values
    if not (pd.api.types.is_numeric_dtype(src.dtype) and not pd.api.types.is_bool_dtype(src.dtype)):
        src = src.astype("str").where(src.notna()).str.strip()
    num = pd.to_numeric(src, errors="coerce").astype("Float64")
    wild = num.isna() | (num.abs() >= MAX_WHOLE) | (num != np.floor(num.fillna(0)))
    bad = (src.notna() & wild.fillna(True)).to_numpy(dtype=bool)
    for i in np.flatnonzero(bad):
        probs.add("bad_number", f"number {values.iloc[i]!r} is not a whole number", line=int(rows[i]))
    return num.where(~bad).astype("Int64")


def ids(values: pd.Series | None, art: pd.Series, rows: np.ndarray, probs: Problems) -> tuple:
    """``(ids, written, repeated)``: comment ids, unique (a repeated one gets a ``~2`` suffix: an error within
    an article, a notice across articles), the ids as written, and which rows repeat one."""
    if values is not None:
        out = as_id(values)
        for i in np.flatnonzero(out.isna().to_numpy()):
            probs.add("missing_id", "no comment id; one was made from the row", line=int(rows[i]))
        if out.isna().any():
            out = out.fillna(pd.Series([f"{a}/row{r}" for a, r in zip(art, rows)], dtype="str"))
    else:
        out = pd.Series([f"{a}/row{r}" for a, r in zip(art, rows)], dtype="str")
    dup = tcols.repeated(out)
    if not dup.any():
        return out, out, dup
    in_article = tcols.repeated(out, art)
    seen: dict[str, int] = {}
    new = out.tolist()
    for i, cid in enumerate(new):
        seen[cid] = seen.get(cid, 0) + 1
        if not dup[i]:
            continue
        new[i] = f"{cid}~{seen[cid]}"
        if in_article[i]:
            probs.add(
                "duplicate_id",
                f"comment id {cid!r} appears more than once in article {art[i]!r}; this one "
                f"is kept as {new[i]!r} (parents naming {cid!r} point to the first)",
                line=int(rows[i]),
            )
        else:
            probs.add(
                "duplicate_id",
                f"comment id {cid!r} is used in more than one article (ids are per article); "
                f"this one is kept as {new[i]!r}, parents in article {art[i]!r} naming {cid!r} point to it",
                line=int(rows[i]),
                severity="notice",
            )
    return pd.Series(new, dtype="str"), out, dup


def parents(
    values: pd.Series,
    nested: pd.Series | None,
    written,
    ids_,
    art,
    dup,
    rows,
    probs: Problems,
    number: pd.Series | None = None,
    posted: pd.Series | None = None,
    author: pd.Series | None = None,
) -> tuple:
    """``(parent_id, how)``: parent ids reconciled with the comment ids (see ``link_parents``), a nested reply's
    parent where none is written, parents written as comment numbers (Discourse's ``reply_to_post_number``)
    made ids, self-parents dropped; one notice for the parents naming no comment."""
    parent = _null_words(as_id(values), written, rows, probs)
    if nested is not None:
        parent = parent.fillna(as_id(nested))  # a nested reply without an explicit parent
    as_written = parent
    parent, how = link_parents(parent, written, art)
    if dup.any():
        # a parent id names a comment of the same article first, else the first comment with that id
        own = {}
        for a, w, c in zip(art, written, ids_):
            own.setdefault((a, w), c)
        parent = pd.Series([p if pd.isna(p) else own.get((a, p), p) for a, p in zip(art, parent)], dtype="str")
    if number is not None:
        parent = _numbered_parents(parent, ids_, art, number, how)
    if author is not None and posted is not None:
        parent = tcols.named_parents(parent, ids_, art, author, posted, how)
        if how.get("name_parents"):
            probs.add(
                "name_parents",
                f"{how['name_parents']:,} parents name an author, not a comment id: each taken "
                "as that author's latest comment posted before the reply",
                severity="notice",
            )
    selfp = (parent == ids_).fillna(False).to_numpy(dtype=bool)
    for i in np.flatnonzero(selfp):
        probs.add("self_parent", "a comment names itself as parent; parent dropped", line=int(rows[i]))
    parent = parent.where(~selfp)
    check_parents(parent, ids_, art, posted, rows, probs)
    dangling = parent.notna() & ~tcols.isin(parent, ids_)
    if dangling.any():
        examples = ", ".join(repr(x) for x in as_written[dangling].drop_duplicates().head(3))
        probs.add(
            "dangling_parent",
            f"{int(dangling.sum()):,} of {int(parent.notna().sum()):,} parent ids are not "
            f"comment ids in this table (e.g. {examples}): their reply edges dangle",
            excerpt_text=examples,
            severity="notice",
        )
    return parent, how


#: parent ids as exporters write a missing value (``str(None)``, JavaScript's ``undefined``)
_NULL_WORDS = ("null", "none", "nan", "undefined", "nil")


def _null_words(parent: pd.Series, written: pd.Series, rows, probs: Problems) -> pd.Series:
    """Parent ids written as a missing value (``null``, ``None``, ``NaN``) naming no comment: no parent; a notice."""
    null = parent.str.lower().isin(_NULL_WORDS)
    if not null.any():
        return parent
    null &= ~tcols.isin(parent, written.dropna())
    if not null.any():
        return parent
    at = np.flatnonzero(null.to_numpy(dtype=bool))
    probs.add(
        "null_parent",
        f"{len(at):,} parent id(s) written as a missing value ({', '.join(map(repr, parent[null].unique()[:3]))}) "
        "name no comment: read as no parent",
        line=int(rows[at[0]]),
        excerpt_text=str(parent.iloc[at[0]]),
        severity="notice",
    )
    return parent.where(~null)


def check_parents(parent: pd.Series, ids_: pd.Series, art: pd.Series, posted, rows, probs: Problems) -> None:
    """Problem rows for parents that are comments but cannot be: in another article, posted after the reply, or
    on a cycle of parents (``a -> b -> a``; kept, ``threads`` cuts it). Each a row with the reply's line."""
    up = tcols.rows_in(parent, ids_)  # the parent's row, -1 where none
    has = np.flatnonzero(up >= 0)
    if not len(has):
        return
    artv = art.to_numpy()
    for i in has[artv[has] != artv[up[has]]]:
        probs.add(
            "parent_in_other_article",
            f"parent {parent.iloc[i]!r} is a comment of article {artv[up[i]]!r}, not of {artv[i]!r}; edge kept",
            line=int(rows[i]),
            severity="notice",
        )
    if posted is not None:
        t = posted.to_numpy(dtype=f"datetime64[{TIME_UNIT}]")  # (UTC; NaT compares False)
        for i in has[(t[has] < t[up[has]])]:
            probs.add(
                "parent_after_reply",
                f"parent {parent.iloc[i]!r} was posted after its reply ({posted.iloc[up[i]]} > {posted.iloc[i]}); "
                "edge kept",
                line=int(rows[i]),
                severity="notice",
            )
    for i in _on_cycles(up):
        probs.add(
            "parent_cycle",
            f"comment {ids_.iloc[i]!r} is its own ancestor (its parents form a cycle); kept, threads cut the cycle",
            line=int(rows[i]),
        )


def _on_cycles(up: np.ndarray) -> np.ndarray:
    """Rows on a cycle of parents (``up``: each row's parent row, -1 for none), by pointer doubling: the ancestor
    ``2**k >= n`` steps up exists only on or under a cycle, and those ancestors are the cycle's rows.

    >>> _on_cycles(np.array([-1, 2, 1, 1, 3])).tolist()
    [1, 2]
    """
    is_parent = np.zeros(len(up), dtype=bool)
    is_parent[up[up >= 0]] = True
    jump = np.where(is_parent, up, -1)  # (a row that is no comment's parent is on no cycle)
    for _ in range(max(1, int(np.ceil(np.log2(len(up) + 1)))) + 1):
        ok = jump >= 0
        if not ok.any():
            return np.zeros(0, dtype=np.int64)
        jump[ok] = jump[jump[ok]]
    return np.unique(jump[jump >= 0])


def _numbered_parents(parent: pd.Series, ids_: pd.Series, art: pd.Series, number: pd.Series, how: dict) -> pd.Series:
    """Parents naming no comment id but a comment number of their article, taken as that comment, where
    at least half of such parents do (decided from the data: the column holds numbers, not ids).

    >>> how = {}
    >>> _numbered_parents(pd.Series([None, "1", "2"], dtype="str"), pd.Series(["a", "b", "c"], dtype="str"),
    ...                   pd.Series(["t"] * 3, dtype="str"), pd.Series([1, 2, 3], dtype="Int64"), how).tolist(), how
    ([nan, 'a', 'b'], {'number_parents': 2})
    """
    open_ = (parent.notna() & ~tcols.isin(parent, ids_)).to_numpy(dtype=bool)
    has = number.notna().to_numpy(dtype=bool)
    if not open_.any() or not has.any():
        return parent
    key = art.astype("str") + "\x1f" + number.astype("str")
    by_number = pd.Series(ids_[has].to_numpy(), index=pd.Index(key[has].to_numpy())).groupby(level=0).first()
    asked = (art[open_].astype("str") + "\x1f" + parent[open_].astype("str")).to_numpy()
    got = by_number.reindex(asked)
    if got.notna().sum() * 2 < len(got):
        return parent
    out = parent.copy()
    out.iloc[np.flatnonzero(open_)] = got.where(got.notna(), parent[open_].to_numpy()).to_numpy()
    how["number_parents"] = int(got.notna().sum())
    return out.astype("str")


def articles(art: pd.Series, titles: pd.Series, name: str) -> pd.DataFrame:
    """One row an article, in the order they first appear (its first title)."""
    g = pd.DataFrame({"article_id": art, "title": titles}).groupby("article_id", sort=False)
    return pd.DataFrame(
        {
            "article_id": g.size().index.astype("str"),
            "title": g["title"].first().to_numpy(),
            "updated_at": pd.NaT,
            "declared_comments": pd.Series(index=pd.RangeIndex(g.ngroups), dtype="Int64").array,
            "parsed_comments": g.size().to_numpy(),
            "source": name,
            "encoding": None,
        }
    )
