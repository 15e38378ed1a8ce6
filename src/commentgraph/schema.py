"""Column names and dtypes of the Discussion tables, and helpers that enforce them."""

from __future__ import annotations

import gc
from contextlib import contextmanager

import numpy as np
import pandas as pd

DEFAULT_TZ = "Europe/Berlin"
TIME_UNIT = "us"

#: table name -> {column: dtype}; ``"datetime"`` means tz-aware datetime64 in the Discussion's tz.
COLUMNS: dict[str, dict[str, str]] = {
    "articles": {
        "article_id": "str",
        "title": "str",
        "updated_at": "datetime",
        "declared_comments": "Int64",
        "parsed_comments": "Int64",
        "source": "str",
        "encoding": "str",
    },
    "comments": {
        "comment_id": "str",
        "article_id": "str",
        "number": "Int64",
        "author": "str",
        "posted_at": "datetime",
        "text": "str",
        "parent_id": "str",
        "line": "Int64",
        "position": "Int64",
    },
    "mentions": {
        "comment_id": "str",
        "article_id": "str",
        "start": "Int64",
        "end": "Int64",
        "raw": "str",
        "written_number": "Int64",
        "written_name": "str",
        "target_number": "Int64",
        "target_author": "str",
        "target_comment_id": "str",
        "resolution": "str",
        "reason": "str",
        "candidates": "Int64",
        "score": "Float64",
    },
    "replies": {
        "source_comment_id": "str",
        "target_comment_id": "str",
        "target_author": "str",
        "via": "str",
        "resolution": "str",
        "article_id": "str",
        "source_author": "str",
        "latency": "timedelta",
    },
    "problems": {
        "source": "str",
        "line": "Int64",
        "kind": "str",
        "message": "str",
        "excerpt": "str",
        "severity": "str",
    },
}


def dtype_of(kind: str, tz: str = DEFAULT_TZ):
    """The pandas dtype for a schema kind.

    >>> str(dtype_of("datetime", "UTC"))
    'datetime64[us, UTC]'
    """
    if kind == "datetime":
        return pd.DatetimeTZDtype(unit=TIME_UNIT, tz=tz)
    if kind == "timedelta":
        return f"timedelta64[{TIME_UNIT}]"
    return kind


def empty(table: str, tz: str = DEFAULT_TZ) -> pd.DataFrame:
    """An empty table with the schema's columns and dtypes.

    >>> list(empty("problems").columns)
    ['source', 'line', 'kind', 'message', 'excerpt', 'severity']
    """
    return pd.DataFrame(
        {col: pd.Series([], dtype=dtype_of(kind, tz)) for col, kind in COLUMNS[table].items()}
    )


def scrub_surrogates(value) -> str:
    """``value`` as text with lone surrogates (which UTF-8 and Arrow cannot hold) as U+FFFD.

    >>> scrub_surrogates("A\\udc80nna")
    'A�nna'
    """
    text = str(value)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def conform(df: pd.DataFrame, table: str, tz: str = DEFAULT_TZ) -> pd.DataFrame:
    """Return ``df`` with the schema's columns first, in order and dtype; extra columns kept after.

    Missing schema columns are added as all-NA. Index is reset.
    """
    n = len(df)
    out = {}
    for col, kind in COLUMNS[table].items():
        dtype = dtype_of(kind, tz)
        if col in df.columns:
            s = df[col].reset_index(drop=True)
            if kind == "datetime":
                if s.dtype != dtype:
                    s = pd.to_datetime(s, utc=True).dt.tz_convert(tz).astype(dtype)
            elif kind == "str":
                if str(s.dtype) != "str":
                    try:
                        s = s.astype("str").where(s.notna()).astype("str")
                    except UnicodeEncodeError:  # lone surrogates (from a Python str) have no UTF-8 form
                        s = s.map(scrub_surrogates, na_action="ignore").astype("str").where(s.notna())
                        s = s.astype("str")
            elif str(s.dtype) != str(dtype):
                s = s.astype(dtype)
            out[col] = s
        else:
            out[col] = pd.Series(index=pd.RangeIndex(n), dtype=dtype)  # all missing (no list of n NAs)
    for col in df.columns:
        if col not in out:
            out[col] = df[col].reset_index(drop=True)
    return pd.DataFrame(out, index=pd.RangeIndex(n))


#: author names (compared stripped and case-folded) that stand for "someone", not for one person
PLACEHOLDER_AUTHORS = frozenset({
    "", "[deleted]", "[removed]", "deleted", "[gelöscht]", "gelöscht", "gast", "guest", "anonym",
    "anonymous", "anonymer nutzer", "anonymer user", "unbekannt", "unknown",
})


def is_placeholder(names: pd.Series) -> np.ndarray:
    """Boolean array: which author names are placeholders (or NA).

    >>> from commentgraph.schema import is_placeholder
    >>> is_placeholder(pd.Series(["Gast", " anonymous ", "Wessi", None, "[Name entfernt]"], dtype="str")).tolist()
    [True, True, False, True, True]
    """
    codes, uniques = pd.factorize(pd.Series(names))  # decide once per distinct name
    folded = [str(u).strip().casefold() for u in uniques.tolist()]  # (str(): a number as a name)
    # [deleted], [Name entfernt], ...
    ph = np.array([f in PLACEHOLDER_AUTHORS or (f[:1] == "[" and f[-1:] == "]") for f in folded], dtype=bool)
    return np.where(codes < 0, True, ph[np.maximum(codes, 0)]) if len(ph) else codes < 0


@contextmanager
def no_cycle_collection():
    """Python's cyclic garbage collector paused for a block that makes millions of small objects holding no
    cycles (reference matches and tuples, a graph's attribute dicts): the collector would scan all of them
    again and again as they grow (a fifth of ``link_comments`` at 1M comments). Memory is still freed as
    usual; cycles wait for the end of the block."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def isin(values, among) -> np.ndarray:
    """``values.isin(among)`` as a bool array, by pyarrow's hash lookup where both are str columns (missing values:
    False): pandas' ``isin`` of an Arrow-backed str column builds one pyarrow scalar per value of ``among``
    (~4 s for a million ids against 300k).

    >>> isin(pd.Series(["a", None, "c"], dtype="str"), {"c", "a"}).tolist()
    [True, False, True]
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    s = values if isinstance(values, pd.Series | pd.Index) else pd.Series(values)
    right = None
    if isinstance(among, pd.Series | pd.Index):
        right = pa.array(among.array) if among.dtype == "str" else None
    else:
        try:
            right = pa.array(list(among), type=pa.large_string())
        except (pa.ArrowException, TypeError, ValueError, UnicodeError):  # not all strings: pandas decides
            pass
    if right is None or s.dtype != "str" or not len(s):
        return np.asarray(s.isin(among), dtype=bool)
    found = pc.is_in(pa.array(s.array), value_set=right, skip_nulls=True)
    return found.fill_null(False).to_numpy(zero_copy_only=False)
