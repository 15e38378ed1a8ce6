"""Name keys and aliases of whole columns (Polars), for the names written in Latin-1 letters.

:func:`names.norm` and :func:`names.aliases` are Python, one name at a time; these give the same values for
many names at once where each name's characters are in :data:`SAFE` (ASCII, Latin-1 letters and common
punctuation), and say which names they could not read, for the callers to read those one by one.
"""

from __future__ import annotations

import numpy as np
import polars as pl

#: letters and digits as Python's ``[^\W_]`` and ``str.isalnum`` read them, within :data:`SAFE`
ALNUM = "0-9A-Za-zÀ-ÖØ-öø-ÿ"
UPPER = "A-ZÀ-ÖØ-Þ"
LOWER = "a-zß-öø-ÿ"
#: the characters whose treatment by Python's ``re``, ``str`` methods and NFKD these functions know: ASCII,
#: Latin-1 letters, and punctuation that is no letter
SAFE = ALNUM + r"\x00-\x7f\u00a0\u00ab\u00bb\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u20ac"
#: how :func:`names.norm` maps the lower-case letters of :data:`ALNUM` it changes (``ð`` and ``þ`` stay)
_NORM = {
    "ß": "ss",
    "ä": "ae",
    "ö": "oe",
    "ü": "ue",
    "æ": "ae",
    "ø": "o",
    **dict.fromkeys("àáâãå", "a"),
    "ç": "c",
    **dict.fromkeys("èéêë", "e"),
    **dict.fromkeys("ìíîï", "i"),
    "ñ": "n",
    **dict.fromkeys("òóôõ", "o"),
    **dict.fromkeys("ùúû", "u"),
    **dict.fromkeys("ýÿ", "y"),
}
#: Python's ``\s`` within :data:`SAFE`, and ``_`` (``names._WORD_SPLIT``)
_WORD_SPLIT = r"[\t\n\x0b\x0c\r\x1c-\x1f \u00a0_]+"


def encodable(values: list) -> tuple[list, np.ndarray]:
    """``values`` with None for what Arrow cannot hold (no string, lone surrogates), and where that was.

    >>> encodable(["Anna", "B\\ud800en", 42])
    (['Anna', None, None], array([False,  True,  True]))
    """
    out, bad = [], np.zeros(len(values), dtype=bool)
    for i, v in enumerate(values):
        if isinstance(v, str) and (v.isascii() or not _has_surrogate(v)):
            out.append(v)
        else:
            out.append(None)
            bad[i] = v is not None
    return out, bad


def _has_surrogate(v: str) -> bool:
    try:
        v.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def norm_tokens(tok: pl.Expr) -> pl.Expr:
    """:func:`names.norm` of tokens of :data:`ALNUM` letters and digits.

    >>> pl.select(norm_tokens(pl.lit(pl.Series(["Müller", "ÅSE", "Straße"])))).to_series().to_list()
    ['mueller', 'ase', 'strasse']
    """
    return tok.str.to_lowercase().str.replace_many(list(_NORM), list(_NORM.values()))


def norm(text: pl.Expr) -> pl.Expr:
    """:func:`names.norm` of texts of :data:`SAFE` characters: letters and digits, lower case, umlauts spelt out.

    >>> pl.select(norm(pl.lit(pl.Series(["W. Merseburger", "Rob_K", "Zoë Ça-va!"])))).to_series().to_list()
    ['wmerseburger', 'robk', 'zoecava']
    """
    return norm_tokens(text).str.replace_all("[^0-9a-zðþ]", "")


def is_safe(text: pl.Expr) -> pl.Expr:
    """Whether a text holds only :data:`SAFE` characters (null for a null text)."""
    return text.str.contains(f"[^{SAFE}]").not_()


def alias_rows(names: list) -> tuple[pl.DataFrame, np.ndarray]:
    """The aliases :func:`names.aliases` gives each name, as rows (``i``: the name's position, ``alias``,
    ``prefix``/``fuzzy``: in which of its two tables), and which names were not read (not :data:`SAFE`).

    >>> rows, unread = alias_rows(["Gottlob Frege", "Anna", "Cosima Cat Ewing Town", "Zoë"])
    >>> rows.filter(pl.col("i") == 2).rows(), unread.tolist()
    ([(2, 'cosimacatewingtown', True, True), (2, 'cosima', True, True), (2, 'ccetown', True, True), (2, 'town', True, \
False)], [False, False, False, False])
    """
    held, odd = encodable(names)
    frame = pl.DataFrame({"name": pl.Series(held, dtype=pl.String)}).with_row_index("i")
    name = pl.col("name")
    frame = frame.with_columns(safe=is_safe(name).fill_null(False))
    unread = ~frame["safe"].to_numpy() | odd
    words = name.str.replace_all(_WORD_SPLIT, " ").str.split(" ").list.eval(norm(pl.element()))
    frame = (
        frame.filter("safe")
        .with_columns(key=norm(name), words=words.list.eval(pl.element().filter(pl.element() != "")))
        .filter(pl.col("key").str.len_chars() >= 2)
        .with_columns(
            n=pl.col("words").list.len(), first=pl.col("words").list.first(), last=pl.col("words").list.last()
        )
    )
    n, first, last = pl.col("n"), pl.col("first"), pl.col("last")
    initials = pl.col("words").list.slice(0, n - 1).list.eval(pl.element().str.slice(0, 1)).list.join("") + last
    parts = [
        frame.select("i", alias="key", prefix=pl.lit(True), fuzzy=pl.lit(True), k=pl.lit(0)),
        frame.filter((n >= 2) & (first.str.len_chars() >= 4)).select(
            "i", alias=first, prefix=pl.lit(True), fuzzy=pl.lit(True), k=pl.lit(1)
        ),
        frame.filter(n >= 2).select("i", alias=initials, prefix=pl.lit(True), fuzzy=n >= 3, k=pl.lit(2)),
        frame.filter((n >= 2) & (last.str.len_chars() >= 4)).select(
            "i", alias=last, prefix=pl.lit(True), fuzzy=pl.lit(False), k=pl.lit(3)
        ),
        _hyphen_initials(frame.filter((n >= 2) & name.str.contains("-", literal=True)), initials),
    ]
    rows = pl.concat(parts).sort("i", "k").drop("k").cast({"i": pl.Int64})
    return rows, unread


def _hyphen_initials(frame: pl.DataFrame, initials: pl.Expr) -> pl.DataFrame:
    """The alias ``names.aliases`` adds for a name with hyphens before its last word: the initials of every
    part, then the last word (``khschmidt`` for ``Karl-Heinz Schmidt``), where it differs from ``initials``."""
    raw = pl.col("name").str.replace_all(_WORD_SPLIT, " ").str.split(" ")
    raw = raw.list.eval(pl.element().filter(norm(pl.element()) != ""))
    parts = raw.list.slice(0, pl.col("n") - 1).list.join("-").str.split("-")
    alias = parts.list.eval(norm(pl.element()).str.slice(0, 1)).list.join("") + pl.col("last")
    got = frame.select("i", alias=alias, prefix=pl.lit(True), fuzzy=pl.lit(False), k=pl.lit(4), other=initials)
    return got.filter(pl.col("alias") != pl.col("other")).drop("other")
