"""Where the ``@``-references stand: every match of the mention pattern in all texts, found in one pass."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa

_AT = re.compile("[@＠]")


def as_polars(text: pd.Series) -> pl.Series:
    """``text`` as a Polars string column (nulls where a value is no string), without copying Arrow data."""
    try:
        arr = pa.array(text.array)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
        arr = pa.array([t if isinstance(t, str) else None for t in text.tolist()], type=pa.large_string())
    if not pa.types.is_string(arr.type) and not pa.types.is_large_string(arr.type):
        arr = pa.array([t if isinstance(t, str) else None for t in text.tolist()], type=pa.large_string())
    return pl.Series(arr)


def has_at(text: pl.Series) -> np.ndarray:
    """Which texts hold an ``@`` or a full-width ``＠``.

    >>> has_at(pl.Series(["a@b", "x＠y", "none", None])).tolist()
    [True, True, False, False]
    """
    return text.str.contains("[@＠]").fill_null(False).to_numpy().astype(bool)


def first_chars(text: pl.Series, rows: np.ndarray | None) -> pd.Series:
    """The first character of each text (of the texts at positions ``rows``; '' for an empty text or none)."""
    first = text.str.slice(0, 1)
    if rows is not None:
        first = first.gather(rows)
    return pd.Series(first.fill_null("").to_numpy(), dtype=object)


class Spans:
    """All matches of ``pattern`` in ``texts`` (a list of strings), as columns.

    ``row``: which text; ``at``: the match's start in that text; ``match``: the match object (on the
    texts joined by newlines: its positions are offset by ``base[row]``). The texts are joined with
    ``\\n`` between them; a mention never holds a line break and a line break before an ``@`` reads
    like the start of a text, so each text gives the matches it gives alone.
    """

    __slots__ = ("joined", "base", "row", "at", "match")

    def __init__(self, texts: list[str], pattern: re.Pattern):
        joined = "\n".join(texts)
        lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
        self.base = np.concatenate([[0], np.cumsum(lengths)[:-1]]) if len(texts) else np.zeros(0, np.int64)
        self.joined = joined
        self.match = _find(joined, pattern)
        starts = np.fromiter((m.start() for m in self.match), dtype=np.int64, count=len(self.match))
        self.row = np.searchsorted(self.base, starts, side="right") - 1
        self.at = starts - self.base[self.row] if len(starts) else starts

    def keep(self, mask: np.ndarray) -> None:
        self.match = [m for m, k in zip(self.match, mask.tolist()) if k]
        self.row = self.row[mask]
        self.at = self.at[mask]

    def __len__(self) -> int:
        return len(self.match)


def _find(text: str, pattern: re.Pattern) -> list:
    """``pattern``'s matches in ``text``, tried only where an ``@`` stands (every match starts with one
    and none holds a second), which spares the engine a try at every character."""
    match = pattern.match
    out = []
    if "＠" in text:
        end = 0
        for a in _AT.finditer(text):
            pos = a.start()
            m = match(text, pos) if pos >= end else None
            if m is not None:
                out.append(m)
                end = m.end()
        return out
    find = text.find
    pos = find("@")
    while pos >= 0:
        m = match(text, pos)
        if m is None:
            pos = find("@", pos + 1)
        else:
            out.append(m)
            pos = find("@", m.end())
    return out
