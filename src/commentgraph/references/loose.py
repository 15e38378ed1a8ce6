"""Whether written names could match an author of their article loosely (by prefix or fuzzily), many at once.

The per-text reader (``match.name_at``) tries, for a name no author has exactly, each variant of it against
the article's aliases (``names.aliases``): by prefix, then fuzzily. :func:`loose_hits` asks the same
question of many variants in one go, only to know where the answer is "none": a name with a possible hit
goes back to the per-text reader, which then decides.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from .namecols import alias_rows


def alias_table(pairs: pl.DataFrame) -> tuple[pl.DataFrame, set]:
    """The aliases of the authors in ``pairs`` (art, author): (art, alias, prefix, fuzzy) rows, and the
    articles with a name :func:`namecols.alias_rows` cannot read (their questions go to the per-text reader).

    >>> table, unread = alias_table(pl.DataFrame({"art": [0, 0], "author": ["Gottlob Frege", "Ωmega"]}))
    >>> table.rows()[2:], unread
    ([(0, 'gfrege', True, False), (0, 'frege', True, False)], {0})
    """
    names = pairs["author"].unique(maintain_order=True)
    rows, unread = alias_rows(names.to_list())
    unread_arts = set(pairs.filter(pl.col("author").is_in(names.filter(pl.Series(unread))))["art"].to_list())
    table = (
        rows.join(pl.DataFrame({"i": np.arange(len(names), dtype=np.int64), "author": names}), on="i")
        .join(pairs, on="author", maintain_order="left_right")
        .select("art", "alias", "prefix", "fuzzy")
    )
    return table, unread_arts


def loose_hits(queries: pl.DataFrame, pairs: pl.DataFrame, prefix_min: int, threshold: float | None) -> np.ndarray:
    """The ``row`` values of ``queries`` (row, art, v: a normalised variant of a written name) that may match an
    author of the article by prefix or fuzzily (as ``match.name_at`` tries, variants of ``prefix_min`` or more
    characters; fuzzily when ``threshold`` is below 100), or whose article has a name this cannot read.

    >>> q = pl.DataFrame({"row": [0, 1, 2, 3, 4], "art": 0, "v": ["gott", "freg", "frieden", "go", "sache"]})
    >>> loose_hits(q, pl.DataFrame({"art": [0, 0], "author": ["Gottlob Frege", "Sachse"]}), 4, 85.0).tolist()
    [0, 1, 4]
    """
    queries = queries.filter(pl.col("v").str.len_chars() >= prefix_min)
    table, unread = alias_table(pairs.filter(pl.col("art").is_in(queries["art"].unique().implode())))
    out = [queries.filter(pl.col("art").is_in(list(unread)))["row"].to_numpy()]
    # by prefix: an alias that starts with v shares its first prefix_min characters (joined on them)
    head = pl.col("v").str.slice(0, prefix_min)
    both = queries.with_columns(head=head).join(
        table.filter("prefix").with_columns(head=pl.col("alias").str.slice(0, prefix_min)), on=["art", "head"]
    )
    out.append(both.filter(pl.col("alias").str.starts_with(pl.col("v")))["row"].to_numpy())
    if threshold is not None and threshold < 100:
        out.append(_fuzzy_hits(queries, table.filter("fuzzy"), threshold))
    return np.unique(np.concatenate(out)).astype(np.int64)


def _fuzzy_hits(queries: pl.DataFrame, table: pl.DataFrame, threshold: float) -> np.ndarray:
    """The rows of ``queries`` with an alias in ``table`` of their article at ``fuzz.ratio >= threshold``."""
    from rapidfuzz import fuzz, process

    # ratio = 100 (1 - d / (m + n)) for the lengths m, n and an edit distance d >= |m - n|: only lengths with
    # |m - n| <= q (m + n) can score the threshold; pairs are joined on (article, such a length)
    q = (100 - threshold) / 100
    m, n = pl.col("v").str.len_chars().cast(pl.Int64), pl.col("alias").str.len_chars().cast(pl.Int64)
    table = table.with_columns(n=n)
    if q < 1:
        lo = (m.cast(pl.Float64) * (1 - q) / (1 + q)).floor().cast(pl.Int64) - 1
        hi = (m.cast(pl.Float64) * (1 + q) / (1 - q)).ceil().cast(pl.Int64) + 1
        wide = queries.with_columns(n=pl.int_ranges(lo, hi + 1)).explode("n")
        both = wide.join(table, on=["art", "n"])
    else:
        both = queries.join(table, on="art")
    both = both.filter(100 * (m - n).abs() <= (100 - threshold) * (m + n) + 1e-6)
    scores = process.cpdist(both["v"].to_list(), both["alias"].to_list(), scorer=fuzz.ratio, workers=1)
    # a score at the threshold within float32 rounding counts: the per-text reader then decides
    return both["row"].to_numpy()[np.asarray(scores) >= threshold - 1e-3]
