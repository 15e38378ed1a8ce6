"""Every reference in all texts at once: spans, written numbers and names, the author they match.

The common forms are read column by column: ``@12`` or ``@ 12`` alone, a number followed by a known author's
name, and ``@Name`` with ``Name`` an author of the article, matched by a join of every written name's cuts
against the article's author keys (:mod:`.exact`). The rest (reply lines, addresses, unknown names, prefixes,
fuzzy matches, digit handles, names the joins cannot judge) is read one reference at a time (:mod:`.each`).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import polars as pl

from .address import openings
from .each import FORMS, REPLY_START, opening, reference, thread_members
from .exact import SAFE, KeyTable, exact_hits, norm_first
from .keys import values_at
from .match import fuzz_module
from .names import AuthorIndex, author_indexes
from .options import ResolverOptions
from .spans import Spans, as_polars, first_chars, has_at

#: ``@`` (or a full-width ``＠``, or two: ``@@Anna``) not inside a word, an e-mail address or a URL path
#: (a dash may stand before it: ``-@Anna``); then an optional space; then a number (``12``, ``Nr. 12``,
#: ``#12``; not ``12:30``, ``12,5``, ``12 Uhr``, ``12 %``), a letter, underscores before a handle (``@_anna_``)
#: or a long all-digit handle; then a
#: bounded tail (at most 80 characters, up to the line end or the next ``@``) that holds the name.
MENTION = re.compile(
    r"(?:(?<![\w@＠/+=%&~\\-])|(?<=-)(?<![\w@＠/+=%&~\\-]-))(?P<ats>[@＠]{1,2})(?P<sp>[ \t\u00a0]?)"
    r"(?:(?:(?:Nr|No|Nummer)\.?[ \t]?|\#[ \t]?)?(?P<num>\d{1,6})(?!\d)(?![.,:]\d)"
    r"(?![ \t]?(?:%|€|\$|Uhr\b|Euro\b|EUR\b|Prozent\b|Dollar\b|USD\b|Jahre?n?\b))"
    r"|(?=[^\W\d_]|_+[^\W_]|\d{7}))"
    r"(?P<tail>[^\n@＠]{0,80})"
)
_SEP = r"^[ \t\u00a0]*[,:;.\-–—]?[ \t\u00a0]*"  # each.SEP for Polars
#: how a name after a number may end (``@12 Ralf Meier:``): its words each start a chunk of the text with a
#: capital, at most ``w`` of them (a title like ``Dr.`` holds a dot), the last holding punctuation or ending
#: the text; where this does not match, the words after the number are no name (``@12 Stadt leider Ziel.``)
_MAY_END = r"^(?:\p{{Lu}}\S*\s+){{0,{k}}}\p{{Lu}}\S*?(?:[:,;!?).]|$)"


def candidates(text: pd.Series) -> np.ndarray:
    """Which texts may hold a reference: an ``@``, or a first line that matches ``REPLY_START``.

    ``REPLY_START`` is tried only on texts without ``@`` that contain "reply" or "antwort" in any
    case (a superset of its matches), and then by Python's engine.

    >>> candidates(pd.Series(["a@b", "Reply to Ben", "no reply to Ben", None])).tolist()
    [True, True, False, False]
    """
    col = as_polars(text)
    at = has_at(col)
    maybe = ~at & col.str.contains("(?i)reply|antwort").fill_null(False).to_numpy().astype(bool)
    if maybe.any():
        where = np.flatnonzero(maybe)
        match = re.compile(REPLY_START).match
        at[where] = [match(t) is not None for t in values_at(text, where)]
    return at


def extract(comments: pd.DataFrame, options: ResolverOptions | None = None, **overrides) -> pd.DataFrame:
    """Every @-reference in ``comments["text"]`` with its span and the name it matched.

    One row per reference: comment_id, article_id, start, end, raw, written_number,
    written_name, matched_author (a known author of the article, or NA), rule, score, note.

    >>> c = pd.DataFrame({"comment_id": ["a", "b"], "article_id": ["x", "x"], "author": ["Anna", "Ben"],
    ...                   "text": ["mail me: max@example.org", "@1 Anna: ja, und @Ralf Meier\\nnein"]})
    >>> extract(c)[["comment_id", "raw", "matched_author", "rule"]].fillna("-").values.tolist()
    [['b', '@1 Anna', 'Anna', 'number+name:exact'], ['b', '@Ralf Meier', '-', 'name:unknown']]
    """
    opt = ResolverOptions.of(options, **overrides)
    opens = openings(comments["text"]) if opt.address else np.zeros(len(comments), dtype=bool)
    take = candidates(comments["text"]) | opens
    if not take.any():
        return _extract_frame([])
    codes, _ = pd.factorize(comments["article_id"], use_na_sentinel=False)
    rows = np.flatnonzero(take)
    texts = [t if isinstance(t, str) else "" for t in values_at(comments["text"], rows)]
    reader = _Reader(comments, codes, rows, opt)
    found, skip = reader.openings(texts, opens[rows])
    spans = Spans(texts, MENTION)
    spans.keep(_outside_urls(spans, texts, skip))
    fast, residue = _columns(spans, codes[rows], reader.table, opt.max_name_words)
    reader.build(rows[spans.row[residue]])
    for j in residue.tolist():
        r = int(spans.row[j])
        got = reference(texts[r], MENTION.match(texts[r], int(spans.at[j])), reader.index(rows[r]), opt, reader.fuzz)
        if got is not None:
            found.append((r, int(spans.at[j]), *got))
    ids = comments[["comment_id", "article_id"]].iloc[rows].reset_index(drop=True)
    out = pd.concat([_extract_frame(found, keyed=True), fast], ignore_index=True)
    out = out.sort_values(["_row", "_at"], kind="stable").reset_index(drop=True)
    out["comment_id"] = ids["comment_id"].take(out["_row"]).astype("str").array
    out["article_id"] = ids["article_id"].take(out["_row"]).astype("str").array
    return out[list(_EXTRACT_DTYPES)]


_NO_AUTHORS = AuthorIndex(())


class _Reader:
    """What the one-at-a-time readers need: author indexes of the articles they meet, built when first met."""

    def __init__(self, comments, codes, rows, opt):
        self.comments, self.codes, self.rows, self.opt = comments, codes, rows, opt
        self.fuzz = fuzz_module()
        self.table = KeyTable(codes, comments["author"])
        self._indexes: dict = {}

    def build(self, rows: np.ndarray) -> None:
        """Build the author indexes of the articles of comment ``rows`` (positions) not built yet."""
        need = np.zeros(self.codes.max() + 1, dtype=bool)
        need[self.codes[rows]] = True
        need[list(self._indexes)] = False
        if need.any():
            self._indexes.update(author_indexes(self.codes, self.comments["author"], need))

    def index(self, row: int) -> AuthorIndex:
        return self._indexes.get(int(self.codes[row]), _NO_AUTHORS)

    def openings(self, texts: list[str], opens: np.ndarray) -> tuple[list, np.ndarray]:
        """The references texts open with (reply lines, addresses), and where each text's ``@``-references start."""
        first = first_chars(as_polars(self.comments["text"]), self.rows)
        may = opens | first.isin(list("AaIiRr") + [""]).to_numpy() | np.array([c.isspace() for c in first])
        where = np.flatnonzero(may & (first != "").to_numpy())
        self.build(self.rows[where])
        starts = np.zeros(len(self.comments), dtype=bool)
        starts[self.rows[opens]] = True
        members = thread_members(self.comments, starts)
        skip = np.zeros(len(texts), dtype=np.int64)
        found = []
        cids = self.comments["comment_id"].iloc[self.rows[where]].tolist()
        for r, cid in zip(where.tolist(), cids):
            got, skip[r] = opening(
                texts[r], self.index(self.rows[r]), self.opt, self.fuzz, opens[r] and members.get(cid)
            )
            found.extend((r, -1, *f) for f in got)
        return found, skip


def _outside_urls(spans: Spans, texts: list[str], skip: np.ndarray) -> np.ndarray:
    """Which matches stand after the text's opening and not inside a URL (``https://host/@name``)."""
    from .each import in_url

    keep = spans.at >= skip[spans.row]
    joined = spans.joined
    for j in np.flatnonzero(keep & (spans.at > 0)).tolist():
        if joined[spans.match[j].start() - 1] not in " \n\t":
            keep[j] = not in_url(texts[spans.row[j]], int(spans.at[j]))
    return keep


def _columns(spans: Spans, arts: np.ndarray, table: KeyTable, max_words: int) -> tuple[pd.DataFrame, np.ndarray]:
    """The references the joins read (a frame keyed by text row and start), and the matches left to rules."""
    n = len(spans)
    if not n:
        return _extract_frame([], keyed=True), np.zeros(0, dtype=np.int64)
    ms = spans.match
    ats, sps, nums, tails = (np.array(g, dtype=object) for g in zip(*(m.groups() for m in ms)))
    tail = pl.Series(tails, dtype=pl.String)
    base = spans.base[spans.row]
    tail0 = np.fromiter((m.start("tail") for m in ms), np.int64, n) - base
    is_num = pd.notna(nums)
    skip = np.where(is_num, tail.str.extract(_SEP, 0).str.len_chars().fill_null(0).to_numpy(), 0)
    name = tail.str.slice(pl.Series(skip, dtype=pl.Int64))
    first = first_chars(name, None)
    props = norm_first(first)
    art = arts[spans.row]
    odd = props["digit"].to_numpy(dtype=bool) | (first == "_").to_numpy() | ~is_num  # digits, "_anna", "@²"
    residue = ~props["alpha"].to_numpy(dtype=bool) & odd
    residue |= props["alpha"].to_numpy(dtype=bool) & (props["key0"] == "").to_numpy()
    residue |= ~name.str.contains(SAFE).fill_null(False).to_numpy().astype(bool)
    digits = is_num & (sps == "")  # "@921": maybe a handle made of digits
    if digits.any():
        where = np.flatnonzero(digits)
        residue[where[table.lookup(art[where], nums[where]) >= 0]] = True
    names = pd.Series(name.to_numpy(), dtype=object)
    want = np.flatnonzero(~residue & props["alpha"].to_numpy(dtype=bool))
    hit = np.full(n, -1, dtype=np.int64)
    end = np.zeros(n, dtype=np.int64)
    if len(want):
        hit[want], end[want] = exact_hits(names.iloc[want], art[want], table)
    nm = names.tolist()
    after = np.array([s[e : e + 2] if h >= 0 else "" for s, e, h in zip(nm, end.tolist(), hit.tolist())], dtype=object)
    hyphen = np.array([a[:1] == "-" and a[1:2].isupper() for a in after.tolist()], dtype=bool)
    got = hit >= 0
    residue |= got & (hyphen | table.shared[hit])
    upper = props["upper"].to_numpy(dtype=bool)
    miss = ~got & ~residue
    # a capitalised name no author has: unknown, a prefix, a fuzzy match; but after a number, only a name
    # that ends in punctuation or the line end ("@12 Ralf Meier:"), which sentences often do not in time
    ends = name.str.contains(_MAY_END.format(k=max(0, max_words - 1))).fill_null(True).to_numpy().astype(bool)
    prose = is_num & ~ends
    residue |= miss & upper & ~prose
    residue |= miss & ~is_num & (sps == "")  # "@anna": a lowercase handle, maybe
    take = ~residue & (got | is_num)  # the rest of the misses ("@ anna ...") are no reference
    return _fast_frame(spans, take, got, is_num, ats, nums, tail0, skip, end, nm, hit, after, table), np.flatnonzero(
        residue
    )


def _fast_frame(spans, take, got, is_num, ats, nums, tail0, skip, end, nm, hit, after, table) -> pd.DataFrame:
    j = np.flatnonzero(take)
    named = got[j]
    pos = spans.base[spans.row[j]]
    at = spans.at[j]
    stop = np.where(named, tail0[j] + skip[j] + end[j], tail0[j])
    joined = spans.joined
    raw = [joined[a:b] for a, b in zip((pos + at).tolist(), (pos + stop).tolist())]
    written = np.array([nm[k][: end[k]] if g else None for k, g in zip(j.tolist(), named.tolist())], dtype=object)
    how = np.array(
        [
            ("glued" if a[:1].isalnum() else "comma" if "," in w else "exact") if g else ""
            for a, w, g in zip(after[j].tolist(), written.tolist(), named.tolist())
        ],
        dtype=object,
    )
    dash = np.array([a > 0 and joined[p + a - 1] == "-" for p, a in zip(pos.tolist(), at.tolist())], dtype=bool)
    form = np.array([FORMS.get(s, "") for s in ats[j].tolist()], dtype=object)
    form = np.where((form == "") & dash, "dash-at+", form)
    kind = np.where(is_num[j], np.where(named, "number+name:", "number"), "name:")
    author = np.where(named, table.author[hit[j]], None)
    frame = {
        "_row": spans.row[j],
        "_at": at,
        "start": at,
        "end": stop,
        "raw": raw,
        "written_number": [int(x) if isinstance(x, str) else None for x in nums[j].tolist()],
        "written_name": written,
        "matched_author": author,
        "rule": form + kind + how,
        "score": 100.0,
        "note": "",
    }
    return pd.DataFrame(frame).astype(_KEYED_DTYPES)


def extract_each(comments: pd.DataFrame, options: ResolverOptions | None = None, **overrides) -> pd.DataFrame:
    """:func:`extract` one text and one reference at a time, every reference by the rules of :mod:`.each`:
    slower, and the reading the joins of :func:`extract` must equal (a test holds them equal)."""
    opt = ResolverOptions.of(options, **overrides)
    fuzz = fuzz_module()
    opens = openings(comments["text"]) if opt.address else np.zeros(len(comments), dtype=bool)
    take = candidates(comments["text"]) | opens
    if not take.any():
        return _extract_frame([])
    articles, uniq = pd.factorize(comments["article_id"], use_na_sentinel=False)
    need = np.zeros(len(uniq), dtype=bool)
    need[articles[take]] = True
    indexes = author_indexes(articles, comments["author"], need)
    empty_index = AuthorIndex(())
    members = thread_members(comments, take & opens)
    rows = []
    for cid, aid, text, code, first in zip(
        comments["comment_id"][take].tolist(),
        comments["article_id"][take].tolist(),
        comments["text"][take].tolist(),
        articles[take].tolist(),
        opens[take].tolist(),
    ):
        if not isinstance(text, str):
            continue
        idx = indexes.get(code, empty_index)
        skip_to = 0
        if first or text[:1] in "AaIiRr" or text[:1].isspace():
            found, skip_to = opening(text, idx, opt, fuzz, first and members.get(cid))
            rows.extend((cid, aid, *f) for f in found)
        for m in Spans([text], MENTION).match:
            at = m.start()
            if at >= skip_to and (not at or text[at - 1] in " \n\t" or not _in_url(text, at)):
                got = reference(text, m, idx, opt, fuzz)
                if got is not None:
                    rows.append((cid, aid, *got))
    return _extract_frame(rows)


def _in_url(text, at):
    from .each import in_url

    return in_url(text, at)


_EXTRACT_DTYPES = {
    "comment_id": "str",
    "article_id": "str",
    "start": "Int64",
    "end": "Int64",
    "raw": "str",
    "written_number": "Int64",
    "written_name": "str",
    "matched_author": "str",
    "rule": "str",
    "score": "Float64",
    "note": "str",
}
#: a frame of references keyed by the text's row among those read and the reference's start (-1: an opening)
_KEYED_DTYPES = {"_row": "int64", "_at": "int64"} | {
    k: v for k, v in _EXTRACT_DTYPES.items() if k not in ("comment_id", "article_id")
}


def _extract_frame(rows, keyed: bool = False) -> pd.DataFrame:
    dtypes = _KEYED_DTYPES if keyed else _EXTRACT_DTYPES
    if not rows:
        return pd.DataFrame([], columns=list(dtypes)).astype(dtypes)
    table = np.array(rows, dtype=object)  # one (len(rows), 11) block: cheaper than zip(*rows) on many rows
    return pd.DataFrame({k: pd.array(table[:, j], dtype=t) for j, (k, t) in enumerate(dtypes.items())})
