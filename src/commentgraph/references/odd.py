"""Handles the name rules cannot reach, matched as written: ``@a@b``, ``@🦊Fox``, ``@x``, ``@田中さん``.

An author whose name holds an ``@`` (``user@mastodon.social``), opens with an emoji or symbol (``🦊Fox``), is
one letter long (``x``: too short for a name key) or ends in a CJK character is an *odd* author.  A reference
to one counts only where the text after an ``@`` (not inside a word, an e-mail address or a URL) spells the
name itself, case aside, up to a boundary: not a letter, digit, ``_`` or ``@``, nor ``.``, ``-`` or an
apostrophe before one (``@x.com`` is no reference to ``x``).  A CJK name may carry an honorific (``@田中さん``).
A handle in brackets after a display name (``Jane Doe (@user@mastodon.social)``) counts as that author, unless
an author is called so.  Where such a match reaches further than the name rules read, it replaces their row.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

import numpy as np
import pandas as pd

from .namecols import encodable

#: an ``@`` that may open a reference (as :data:`extract.MENTION` sees it: not inside a word or URL path)
AT = re.compile(r"(?:(?<![\w@＠/+=%&~\\-])|(?<=-)(?<![\w@＠/+=%&~\\-]-))[@＠]{1,2}")
#: a handle in brackets after a display name: ``Jane Doe (@user@mastodon.social)``
_HANDLE = re.compile(r"[^(]*[^\W_][^(]*\([ \t]*[@＠]([^()\s]+)[ \t]*\)[ \t]*")
#: scripts written without spaces between words, where an honorific is glued to a name
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_TWO = re.compile(r"[^\W_][\W_]*[^\W_]")  # two letters or digits
HONORIFICS = ("さん", "さま", "様", "くん", "君", "ちゃん", "氏", "先生", "殿", "님", "씨")
_GO_ON = "_@＠"  # a name goes on after these ...
_GO_ON_BEFORE_ALNUM = ".-'’"  # ... and after these where a letter or digit follows


def _visible(a: str) -> bool:
    """Whether a name holds a letter, digit or symbol (an emoji): not only punctuation, spaces or controls."""
    return any(ch.isalnum() or unicodedata.category(ch) == "So" for ch in a)


def is_odd(a) -> bool:
    """Whether the name rules cannot reach author ``a``, so that only its spelling may name it.

    >>> [is_odd(a) for a in ["a@b", "🦊Fox", "x", "田中", "_x_", "Anna", "Anna 🌻", "[deleted]", "_xy_", "?"]]
    [True, True, True, True, True, False, False, False, False, False]
    """
    if not isinstance(a, str) or not a or a[0] == "[":
        return False
    first = a[0].isalnum()
    odd = (
        "@" in a
        or "＠" in a
        or not (first or a[0] == "_")
        or (not (first and a[1:2].isalnum()) and _TWO.search(a) is None)
        or _CJK.match(a[-1]) is not None
    )
    return odd and _visible(a)


class OddNames:
    """The odd authors of one article by the first letter of their spelling (case folded).

    >>> OddNames(["x", "Jane (@j@m.org)"]).spellings["j"]
    [('jane (@j@m.org)', 0, 'Jane (@j@m.org)'), ('j@m.org', 1, 'Jane (@j@m.org)')]
    """

    __slots__ = ("spellings",)

    def __init__(self, authors):
        out: dict[str, list] = {}
        for a in authors:
            found = [(a, 0)]
            m = _HANDLE.fullmatch(a)
            if m is not None:
                found.append((m.group(1), 1))
            for spelt, level in found:
                spelt = spelt.strip()
                if spelt:
                    out.setdefault(spelt[0].casefold(), []).append((spelt.casefold(), level, a))
        for v in out.values():
            v.sort(key=lambda s: (-len(s[0]), s[1]))
        self.spellings = out

    def at(self, text: str, pos: int):
        """The odd author spelt at ``text[pos:]``: (end, author or None, note, rule), or None."""
        found = self.spellings.get(text[pos : pos + 1].casefold())
        if not found:
            return None
        hits = [(pos + len(s), level, a) for s, level, a in found if text[pos : pos + len(s)].casefold() == s]
        hits = [h for h in hits if _ends(text, h[0], h[2])]
        if not hits:
            return None
        end = max(h[0] for h in hits)
        best = min(h[1] for h in hits if h[0] == end)
        names = sorted({a for e, level, a in hits if e == end and level == best})
        if len(names) > 1:  # "X" and "x": the exact spelling decides
            spelt = [a for a in names if text[pos:end] in (a, _handle(a))]
            names = spelt if len(spelt) == 1 else names
        rule = "name:glued" if end < len(text) and text[end].isalnum() else "name:exact"
        if len(names) > 1:
            return end, None, f"'{text[pos:end]}' could be any of: {', '.join(names)}", "name:ambiguous"
        return end, names[0], "", rule


def _handle(a: str) -> str | None:
    m = _HANDLE.fullmatch(a)
    return None if m is None else m.group(1)


def _ends(text: str, end: int, author: str) -> bool:
    """Whether a name may end at ``end``: no letter or digit goes on (``@x.com``, ``@a@b`` for ``a``), save an
    honorific after a CJK name (``@田中さん``)."""
    nxt = text[end : end + 1]
    if not nxt:
        return True
    if nxt.isalnum() or nxt in _GO_ON:
        return _CJK.match(author[-1]) is not None and text.startswith(HONORIFICS, end)
    return not (nxt in _GO_ON_BEFORE_ALNUM and text[end + 1 : end + 2].isalnum())


def odd_indexes(articles: np.ndarray, authors: pd.Series, need: np.ndarray) -> dict:
    """article code -> :class:`OddNames` of its odd authors, for the articles where ``need[code]`` (none where
    an article has no odd author, nor one whose name Arrow cannot hold)."""
    rows = np.flatnonzero(need[articles]) if len(articles) else np.zeros(0, dtype=np.int64)
    if not len(rows):
        return {}
    codes, uniq = pd.factorize(authors.take(rows))
    odd = np.array([is_odd(a) for a in uniq.tolist()] + [False], dtype=bool)
    keep = odd[codes]
    # a name no string or with a lone surrogate (which Arrow cannot hold): its article is read text by text too
    held = getattr(authors.dtype, "storage", None) == "pyarrow"  # an Arrow column holds no surrogates
    unheld = np.zeros(len(codes), dtype=bool) if held else np.append(encodable(uniq.tolist())[1], False)[codes]
    if not (keep.any() or unheld.any()):
        return {}
    by_art: dict[int, dict] = {art: {} for art in articles[rows[unheld]].tolist()}
    for art, a in zip(articles[rows[keep]].tolist(), uniq.take(codes[keep]).tolist(), strict=True):
        by_art.setdefault(art, {})[a] = None
    return {art: OddNames(list(names)) for art, names in by_art.items()}


def _form(text: str, at: int, ats: str) -> str:
    if len(ats) == 2:
        return "double-at+"
    return "fullwidth-at+" if ats == "＠" else "dash-at+" if at and text[at - 1] == "-" else ""


def odd_references(text: str, odd: OddNames, rows: list, head: tuple, in_url, skip_to: int = 0) -> list:
    """``rows`` (the text's reference rows, ``head`` + (start, end, raw, number, written, author, rule, score,
    note)) with the references to odd authors: a row at the same ``@`` that reads less is replaced, rows inside
    the odd name are dropped."""
    n = len(head)
    # where the name rules read as far or further, they stand (save an unknown name: "@X" for the author "x")
    ends = {r[n]: r[n + 1] + (not r[n + 6].endswith("name:unknown")) for r in rows}
    new = []
    for m in AT.finditer(text, skip_to):
        at, pos = m.start(), m.end()
        if text[pos : pos + 1] in ("", " ", "\n", "\t") or (at and text[at - 1] not in " \n\t" and in_url(text, at)):
            continue
        got = odd.at(text, pos)
        if got is None or ends.get(at, -1) > got[0]:
            continue
        end, author, note, rule = got
        form = _form(text, at, m.group())
        new.append((*head, at, end, text[at:end], None, text[pos:end], author, form + rule, 100.0 * bool(author), note))
    if not new:
        return rows
    spans = [(r[n], r[n + 1]) for r in new]
    starts = [a for a, _ in spans]

    def inside(r) -> bool:
        k = bisect.bisect_right(starts, r[n]) - 1
        return k >= 0 and r[n] < spans[k][1]

    return sorted([r for r in rows if not inside(r)] + new, key=lambda r: r[n])


#: ``@`` written as an HTML character reference (a text kept verbatim from an HTML export): ``&#64;anna``
ENTITY = re.compile(r"(?<![\w@＠/+=%&~\\-])(?:&#0*64;|&#[xX]0*40;|&commat;)")
#: the same for Polars (the texts that hold one go to the per-text reader)
ENTITY_POLARS = r"&#0*64;|&#[xX]0*40;|&commat;"


def entity_references(text: str, rows: list, head: tuple, reference, in_url, skip_to: int = 0) -> list:
    """``rows`` with the references whose ``@`` is written ``&#64;``, ``&#x40;`` or ``&commat;``, read by
    ``reference(text, pos)`` (a row as :func:`extract._reference` gives, or None) on the text with an ``@`` in
    its place; their rule starts with ``html-at+``, their span and ``raw`` are those of the original text."""
    n = len(head)
    new = []
    for e in ENTITY.finditer(text, skip_to):
        i, j = e.start(), e.end()
        if i and text[i - 1] not in " \n\t" and in_url(text, i):
            continue
        lo = max(0, i - 10)
        got = reference(text[lo:i] + "@" + text[j : j + 120], i - lo)
        if got is None:
            continue
        end = got[1] - (i - lo) - 1 + j
        new.append((*head, i, end, text[i:end], *got[3:6], "html-at+" + got[6], *got[7:]))
    return sorted(rows + new, key=lambda r: r[n]) if new else rows
