"""Integer codes and row lookups: joins on codes instead of strings."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def codes(*columns) -> list[np.ndarray]:
    """Integer codes of the values of several columns, equal values (NA included) equal codes.

    >>> [a.tolist() for a in codes(pd.Series(["x", "y", None]), pd.Series(["y", None, "z"]))]
    [[0, 1, 2], [1, 2, 3]]
    """
    try:
        values = pd.concat(
            [pd.Series(col.array if isinstance(col, pd.Series) else col) for col in columns], ignore_index=True
        )
    except UnicodeError:  # a lone surrogate in an object column joined to a str one: compare as objects
        values = pd.Series(np.concatenate([np.asarray(col, dtype=object) for col in columns]), dtype=object)
    codes = pd.factorize(values, use_na_sentinel=False)[0].astype(np.int64, copy=False)
    return np.split(codes, np.cumsum([len(col) for col in columns])[:-1])


def first_rows(codes: np.ndarray, size: int, last: bool = False) -> np.ndarray:
    """For each code below ``size``, the first (or last) position holding it in ``codes``; -1 where none.

    >>> first_rows(np.array([2, 0, 2]), 4).tolist(), first_rows(np.array([2, 0, 2]), 4, last=True).tolist()
    ([1, -1, 0, -1], [1, -1, 2, -1])
    """
    out = np.full(size, -1, dtype=np.int64)
    pos = np.arange(len(codes), dtype=np.int64)
    if last:
        out[codes] = pos  # where a code repeats, the last assignment stays
    else:
        out[codes[::-1]] = pos[::-1]
    return out


def lookup(rows_of: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """``rows_of[codes]``, -1 for codes outside ``rows_of``.

    >>> lookup(np.array([4, 5]), np.array([1, 2, -1, 0])).tolist()
    [5, -1, -1, 4]
    >>> lookup(np.array([], dtype=int), np.array([0])).tolist()
    [-1]
    """
    if not len(rows_of):
        return np.full(len(codes), -1, dtype=np.int64)
    inside = (codes >= 0) & (codes < len(rows_of))
    return np.where(inside, rows_of[np.where(inside, codes, 0)], -1)


def whole_numbers(col: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Where ``col`` holds a whole number, and the numbers as int64 (0 elsewhere).

    >>> [a.tolist() for a in whole_numbers(pd.Series([1.0, None, 2.5]))]
    [[True, False, False], [1, 0, 0]]
    >>> [a.tolist() for a in whole_numbers(pd.Series([3, pd.NA], dtype=object))]
    [[True, False], [3, 0]]
    """
    if pd.api.types.is_integer_dtype(col.dtype):
        return col.notna().to_numpy(dtype=bool), col.to_numpy(dtype="int64", na_value=0)
    if not (
        pd.api.types.is_numeric_dtype(col.dtype)
        or pd.api.types.infer_dtype(col, skipna=True) in ("integer", "floating", "mixed-integer-float", "empty")
    ):
        raise ValueError(f"comment numbers must be numbers, not {col.dtype} values")  # as the join on them did
    x = pd.to_numeric(col, errors="coerce").astype("Float64")
    ok = (x.notna() & (x == x.round()) & (x.abs() < 2.0**62)).fillna(False).to_numpy(dtype=bool)
    return ok, x.where(ok, 0).to_numpy(dtype="int64", na_value=0)


def take(col: pd.Series, rows: np.ndarray) -> pd.Series:
    """``col`` at positions ``rows`` (-1: missing, as a left join leaves it), on a fresh range index."""
    if (rows < 0).any():
        values = pd.api.extensions.take(col.array, rows, allow_fill=True)
    else:
        values = col.array.take(rows)
    return pd.Series(values, name=col.name, copy=False)


def values_at(col: pd.Series, rows: np.ndarray) -> list:
    """``col``'s values at positions ``rows`` as a list (None at -1), taken chunk by chunk where ``col`` is an
    Arrow column in several chunks: a take across the chunks of a long text column copies all of it first.

    >>> values_at(pd.Series(["a", "b", "c"], dtype="str"), np.array([2, -1, 0]))
    ['c', None, 'a']
    """
    rows = np.asarray(rows, dtype=np.int64)
    arrow = getattr(col.array, "__arrow_array__", None)
    chunks = arrow().chunks if arrow is not None and isinstance(arrow(), pa.ChunkedArray) else None
    if chunks is None or len(chunks) < 2:
        return [None if v is pd.NA or v is None or v != v else v for v in take(col, rows).tolist()]
    out = [None] * len(rows)
    starts = np.cumsum([0] + [len(ch) for ch in chunks])
    which = np.searchsorted(starts, rows, side="right") - 1
    for k, chunk in enumerate(chunks):
        at = np.flatnonzero((which == k) & (rows >= 0))
        if len(at):
            for i, v in zip(at.tolist(), chunk.take(pa.array(rows[at] - starts[k])).to_pylist(), strict=True):
                out[i] = v
    return out


def tuple_order(first: list, second: list) -> np.ndarray:
    """The order ``sorted(zip(first, second))`` puts the pairs in (Arrow sorts UTF-8 bytes, which is code
    point order, as Python compares strings; Python does it where a string is no valid UTF-8)."""
    try:
        table = pa.table({"a": pa.array(first, pa.string()), "b": pa.array(second, pa.string())})
        return pc.sort_indices(table, [("a", "ascending"), ("b", "ascending")]).to_numpy().astype(np.int64)
    except (pa.ArrowException, UnicodeError):
        pairs = list(zip(first, second))
        return np.array(sorted(range(len(pairs)), key=pairs.__getitem__), dtype=np.int64)
