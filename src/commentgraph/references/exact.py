"""Exact names by joins: the cuts of every written name at once against each article's author keys.

What :meth:`AuthorIndex.exact` does for one name, done for all of them: the name-like start of a text is cut
after each of its first six tokens (and inside a token where a glued handle may end: ``lukeI``), each cut
normalised, and the longest cut that is the key of an author of the article wins.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import polars as pl

from .names import _MAX_TOKENS, author_key, norm, token_cuts

_TOKEN = r"[\p{L}\p{N}]+"  # Python's [^\W_] (letters and digits); the texts this runs on are checked for it
_GAP = r"[ .,'’_\-]{1,3}"
#: :data:`names._NAME_TOKENS` in the syntax of Polars' regex engine
_TOKENS = "^(" + _TOKEN + ")" + ("(?:(" + _GAP + ")(" + _TOKEN + ")") * (_MAX_TOKENS - 1) + ")?" * (_MAX_TOKENS - 1)
#: characters on which Python's and Polars' ideas of a letter or digit agree (Latin up to Latin Extended-B)
SAFE = r"^[\x00-\u024F’]*$"


class KeyTable:
    """Each article's author keys: (article code, key) -> the author first written so, and whether several
    distinct authors share the key (then only the spelling decides, row by row); ``author[-1]`` and
    ``shared[-1]`` answer for row -1 (not found).

    >>> t = KeyTable(np.array([0, 0, 1]), pd.Series(["Anna", "ANNA", "Ben"]))
    >>> t.lookup(np.array([0, 1, 1]), np.array(["anna", "anna", "ben"], dtype=object)).tolist()
    [0, -1, 1]
    >>> t.author[0], bool(t.shared[0])
    ('Anna', True)
    """

    def __init__(self, articles: np.ndarray, authors: pd.Series):
        codes, uniq = pd.factorize(authors)
        keys = np.array([author_key(a) for a in uniq.tolist()] + [None], dtype=object)
        ok = np.array([k is not None for k in keys], dtype=bool)
        rows = np.flatnonzero(ok[codes])
        key_codes, key_uniq = pd.factorize(keys[codes[rows]])
        pair = articles[rows].astype(np.int64) * max(1, len(key_uniq)) + key_codes
        first = np.unique(pair, return_index=True)[1]
        order = np.sort(first)  # each (article, key) where it first appears
        distinct = pd.DataFrame({"pair": pair, "author": codes[rows]}).drop_duplicates()
        n_authors = distinct.groupby("pair")["author"].size()
        self._pair = pd.Index(pair[order])
        self._keys = pd.Index(key_uniq)
        # a last entry for row -1 (no key): no author, not shared
        self.author = np.append(np.asarray(uniq.take(codes[rows[order]]), dtype=object), None)
        self.shared = np.append(n_authors.reindex(pair[order]).to_numpy() > 1, False)

    def lookup(self, articles: np.ndarray, keys: np.ndarray) -> np.ndarray:
        """Row of (article, key) in the table, or -1."""
        code = self._keys.get_indexer(keys)
        pair = articles.astype(np.int64) * max(1, len(self._keys)) + code
        out = self._pair.get_indexer(pair)
        out[code < 0] = -1
        return out


def exact_hits(names: pd.Series, articles: np.ndarray, table: KeyTable) -> tuple[np.ndarray, np.ndarray]:
    """For each written name (each starting with a letter), the longest cut that is an author key of its
    article: (row in ``table`` or -1, the cut's end in the name).

    >>> t = KeyTable(np.array([0, 0]), pd.Series(["Anna", "Anna Maria"]))
    >>> hit, end = exact_hits(pd.Series(["Anna-Maria hat recht", "Anna, Maria", "Bert"]), np.zeros(3, int), t)
    >>> hit.tolist(), end.tolist()
    ([1, 0, -1], [10, 4, 0])
    """
    n = len(names)
    g = pl.Series(names.to_numpy(dtype=object), dtype=pl.String).str.extract_groups(_TOKENS)
    fields = [g.struct.field(str(k + 1)) for k in range(2 * _MAX_TOKENS - 1)]
    tokens = [f.to_numpy() for f in fields[0::2]]
    tok_len = [f.str.len_chars().fill_null(0).to_numpy() for f in fields[0::2]]
    gap_len = [f.str.len_chars().fill_null(0).to_numpy() for f in fields[1::2]]
    # "Anna, Maria": a comma after a word of two or more letters ends the name
    comma = [(f.str.contains(",").fill_null(False).to_numpy() & (t > 1)) for f, t in zip(fields[1::2], tok_len)]
    uniq = pd.unique(np.concatenate([t[pd.notna(t)] for t in tokens]))
    cuts = {t: token_cuts(t) for t in uniq.tolist()}
    best = np.full(n, -1, dtype=np.int64)
    best_end = np.zeros(n, dtype=np.int64)
    live = pd.notna(tokens[0])
    head = np.full(n, "", dtype=object)
    pos = np.zeros(n, dtype=np.int64)
    for i in range(_MAX_TOKENS):
        if i:
            live &= pd.notna(tokens[i]) & ~comma[i - 1]
            pos = pos + gap_len[i - 1]
        at = np.flatnonzero(live)
        if not len(at):
            break
        toks = tokens[i][at].tolist()
        inner = [(j, c, h) for j, t in zip(at.tolist(), toks) for c, h in cuts[t][1]]
        if inner:  # cuts inside a token come before the whole token
            rows = np.array([j for j, _, _ in inner], dtype=np.int64)
            hit = table.lookup(articles[rows], np.array([head[j] + h for j, _, h in inner], dtype=object))
            ok = hit >= 0
            best[rows[ok]] = hit[ok]
            best_end[rows[ok]] = pos[rows[ok]] + np.array([c for _, c, _ in inner], dtype=np.int64)[ok]
        head[at] = head[at] + np.array([cuts[t][0] for t in toks], dtype=object)
        pos = pos + tok_len[i]
        hit = table.lookup(articles[at], head[at])
        ok = hit >= 0
        best[at[ok]] = hit[ok]
        best_end[at[ok]] = pos[at[ok]]
    return best, best_end


def norm_first(chars: pd.Series) -> pd.DataFrame:
    """Per distinct first character: is it a letter, a digit, upper case, and does its key start some name."""
    uniq = pd.unique(chars.to_numpy(dtype=object))
    props = {c: (c.isalpha(), c.isdigit(), c.isupper(), norm(c)[:1]) for c in uniq.tolist()}
    out = pd.DataFrame([props[c] for c in chars.tolist()], columns=["alpha", "digit", "upper", "key0"])
    return out
