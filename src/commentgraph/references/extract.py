"""Every reference in all texts at once: spans, written numbers and names, the author they match."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa

from .address import address_at, openings, thread_members
from .columnar import key_table, settle
from .keys import values_at
from .match import fuzz_module, name_at
from .names import AuthorIndex, author_indexes, normalize_name
from .odd import ENTITY_POLARS, entity_references, odd_indexes, odd_references
from .options import ResolverOptions

#: ``@`` (or a full-width ``＠``, or two: ``@@Anna``) not inside a word, an e-mail address or a URL path
#: (a dash may stand before it: ``-@Anna``); then an optional space; then a number (``12``, ``Nr. 12``,
#: ``#12``; not ``12:30``, ``12,5``, ``12 Uhr``, ``12 %``), a letter, underscores before a handle (``@_anna_``)
#: or a long all-digit handle; then a
#: bounded tail (at most 80 characters, up to the line end or the next ``@``) that holds the name.
_MENTION_BODY = (
    r"(?P<ats>[@＠]{1,2})(?P<sp>[ \t\u00a0]?)"
    r"(?:(?:(?:Nr|No|Nummer)\.?[ \t]?|\#[ \t]?)?(?P<num>\d{1,6})(?!\d)(?![.,:]\d)"
    r"(?![ \t]?(?:%|€|\$|Uhr\b|Euro\b|EUR\b|Prozent\b|Dollar\b|USD\b|Jahre?n?\b))"
    r"|(?=[^\W\d_]|_+[^\W_]|\d{7}))"
    r"(?P<tail>[^\n@＠]{0,80})"
)
MENTION = re.compile(r"(?:(?<![\w@＠/+=%&~\\-])|(?<=-)(?<![\w@＠/+=%&~\\-]-))" + _MENTION_BODY)
#: the same after a slash that ends an @-name: ``@Anna/@Ben`` (a URL's ``/@name`` is none: :func:`_after_name`)
_SLASHED = re.compile(_MENTION_BODY)
_AT = re.compile("[@＠]")
#: an imageboard quote link (4chan, 4CAT exports): ``>>12345`` names the post whose id is 12345 (``>>>/g/1``,
#: a link to another board, is none)
QUOTELINK = re.compile(r"(?<![>\w])>>(?P<num>\d{1,12})(?![\d.,:]?\d)")
#: a Reddit user link: ``u/anna_k`` or ``/u/anna_k`` names that user (3 to 20 letters, digits, ``_`` or ``-``)
USERLINK = re.compile(r"(?<![\w/])/?u/(?P<handle>[A-Za-z0-9_\-]{3,20})(?![\w\-])")
#: how an ``@`` was written, where it was not plain: the prefix of the reference's rule
_FORMS = {"@@": "double-at+", "＠": "fullwidth-at+", "＠＠": "double-at+", "@＠": "double-at+", "＠@": "double-at+"}
_SEP = re.compile(r"[ \t\u00a0]*[,:;.\-–—]?[ \t\u00a0]*")
#: an unknown name right after an article is a noun, not a handle: ``das @Zeichen``, ``the @sign``
_DETERMINER = re.compile(
    r"(?:^|(?<=\W))(?:das|der|die|dem|den|des|ein|eine|einem|einen|the|an|a|this|that)[ \t]$", re.IGNORECASE
)
_URL_START = ("http:", "https:", "www.", "ftp:")


#: a first line "Antwort auf Anna Müller", "Antwort an Anna Müller:", "In reply to Anna Müller",
#: "Reply to @anna" (copied German and English pages): a reference to that author
REPLY_START = r"(?i)\s*(?:Antwort (?:auf|an)|In reply to|Reply to)[ \t]"
#: (Python's IGNORECASE reads ``i`` as ``İ`` and ``ı`` too; the letters of "antwort" and "reply" only in ASCII)
_REPLY_START_SUPERSET = r"(?i)^[\s\x1c-\x1f]*(?:antwort|[iİı]n|reply)"
_REPLY_LINE = re.compile(
    r"\s*(?P<phrase>(?:Antwort[ \t]+(?:auf|an)|In[ \t]+reply[ \t]+to|Reply[ \t]+to)[ \t]+@?[ \t]?)"
    r"(?P<name>[^\W\d_][^\n@]{0,79})",
    re.IGNORECASE,
)


def _matches(text: str):
    """``MENTION.finditer(text)``, trying the pattern only where an ``@`` stands (every match
    starts with one and none holds a second), which spares the engine a try at every character."""
    match = _match_at
    if "＠" in text:
        at = [m.start() for m in _AT.finditer(text)]
        end = 0
        for pos in at:
            m = match(text, pos) if pos >= end else None
            if m is not None:
                yield m
                end = m.end()
        return
    find = text.find
    pos = find("@")
    while pos >= 0:
        m = match(text, pos)
        if m is None:
            pos = find("@", pos + 1)
        else:
            yield m
            pos = find("@", m.end())


def _match_at(text: str, pos: int):
    """:data:`MENTION` at ``pos``, or after a slash that ends an @-name there (``@Anna/@Ben``)."""
    m = MENTION.match(text, pos)
    if m is None and pos > 1 and text[pos - 1] == "/" and _after_name(text, pos - 1):
        m = _SLASHED.match(text, pos)
    return m


def _after_name(text: str, slash: int) -> bool:
    """Whether the word before ``slash`` (since the last space) is @-names: ``@Anna/``, ``@A./@Ben/``, not
    ``x.org/`` or ``https://x.org/@Ben/``.

    >>> _after_name("@Anna/@Ben", 5), _after_name("see https://x.org/@Ben", 17), _after_name("a/@Ben", 1)
    (True, False, False)
    """
    start = max(text.rfind(" ", 0, slash), text.rfind("\n", 0, slash), text.rfind("\t", 0, slash)) + 1
    parts = text[start:slash].split("/")
    return ":" not in text[start:slash] and all(p[:1] in ("@", "＠") and len(p) > 1 for p in parts)


def candidates(text: pd.Series) -> np.ndarray:
    """Which texts may hold a reference: an ``@``, a ``>>`` (quote links), a ``u/`` (Reddit user links), or
    a first line that matches ``REPLY_START``.

    ``REPLY_START`` is tried only on texts without ``@`` that contain "reply" or "antwort" in any
    case: under ``re.IGNORECASE`` these letters match only their ASCII forms, so the filter misses
    no match.

    >>> candidates(pd.Series(["a@b", "Reply to Ben", "no reply to Ben", None, ">>12 yes"])).tolist()
    [True, True, False, False, True]
    """
    col = _as_polars(text)
    has_at = col.str.contains(r"[@＠]|>>|u/|" + ENTITY_POLARS).fill_null(False).to_numpy().astype(bool)
    maybe = ~has_at & col.str.contains("(?i)reply|antwort").fill_null(False).to_numpy().astype(bool)
    if maybe.any():
        where = np.flatnonzero(maybe)
        # a superset of REPLY_START's starts (Rust's \s holds Python's but \x1c-\x1f), then Python's test
        where = where[col.gather(where).str.contains(_REPLY_START_SUPERSET).fill_null(False).to_numpy()]
        match = re.compile(REPLY_START).match
        has_at[where] = [match(t) is not None for t in values_at(text, where)]
    return has_at


def _as_polars(text: pd.Series) -> pl.Series:
    """``text`` as a Polars string column (null where a value is no string), without copying Arrow data."""
    try:
        arr = pa.array(text.array)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, UnicodeError):
        arr = None
    if arr is None or not (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)):
        values = [t.encode("utf-8", "replace").decode("utf-8") if isinstance(t, str) else None for t in text.tolist()]
        arr = pa.array(values, type=pa.large_string())
    return pl.Series(arr)


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
    fuzz = fuzz_module()
    opening = openings(comments["text"]) if opt.address else np.zeros(len(comments), dtype=bool)
    take = candidates(comments["text"]) | opening
    if not take.any():
        return _extract_frame([])
    articles, uniq = pd.factorize(comments["article_id"], use_na_sentinel=False)
    need = np.zeros(len(uniq), dtype=bool)
    need[articles[take]] = True
    odds = odd_indexes(articles, comments["author"], need)  # authors only their spelling names: read text by text
    settled, fast = np.zeros_like(take), None
    if COLUMNAR:
        quick = need.copy()
        quick[list(odds)] = False
        settled, fast = _columnar(comments, take & quick[articles], opening, articles, quick, opt)
    rest = take & ~settled
    need_rest = np.zeros(len(uniq), dtype=bool)
    need_rest[articles[rest]] = True
    indexes = author_indexes(articles, comments["author"], need_rest)
    empty_index = AuthorIndex(())
    members = thread_members(comments, rest & opening)
    rows = []
    for t, cid, aid, text, code, opens in zip(
        np.flatnonzero(rest).tolist(),
        comments["comment_id"][rest].tolist(),  # column by column: a frame's .loc takes the texts slowly
        comments["article_id"][rest].tolist(),
        comments["text"][rest].tolist(),
        articles[rest].tolist(),
        opening[rest].tolist(),
    ):
        if not isinstance(text, str):
            continue
        idx = indexes.get(code, empty_index)
        skip_to = 0
        first = len(rows)
        if opens or text[:1] in "AaIiRr" or text[:1].isspace():  # where a reply line or an address may open it
            found, skip_to = _opening(text, idx, opt, fuzz, opens and members.get(cid))
            rows.extend((t, cid, aid, *f) for f in found)
        for m in _matches(text):
            at = m.start()
            if at >= skip_to and (not at or text[at - 1] in " \n\t" or not _in_url(text, at)):
                got = _reference(text, m, idx, opt, fuzz)
                if got is not None:
                    rows.append((t, cid, aid, *got))
        links = quote_links(text) if ">>" in text else []
        if "u/" in text:
            links += user_links(text, idx)
        if links:
            rows.extend((t, cid, aid, *link) for link in links)
            rows[first:] = sorted(rows[first:], key=lambda r: r[3])  # in the order they are written
        if code in odds:
            rows[first:] = odd_references(text, odds[code], rows[first:], (t, cid, aid), _in_url, skip_to)
        if "&" in text:  # "&#64;anna": an @ written as an HTML character reference

            def ref(s, pos, idx=idx):
                m = MENTION.match(s, pos)
                return None if m is None else _reference(s, m, idx, opt, fuzz)

            rows[first:] = entity_references(text, rows[first:], (t, cid, aid), ref, _in_url, skip_to)
    return _combine(rows, fast, comments)


#: whether :func:`extract` lets :func:`columnar.settle` read the texts it can (a test turns it off to compare)
COLUMNAR = True


def _columnar(comments, take, opening, articles, need, opt) -> tuple[np.ndarray, pl.DataFrame | None]:
    """The texts :func:`columnar.settle` reads, and its rows; texts it cannot be sure of are left out whole."""
    try:
        col = pl.Series(pa.array(comments["text"].array))
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, UnicodeError):
        return np.zeros_like(take), None
    if not (col.dtype == pl.String):
        return np.zeros_like(take), None
    odd = col.str.contains("＠|>>|u/|@@|" + ENTITY_POLARS).fill_null(True).to_numpy()
    eligible = take & ~opening & ~odd
    # a reply line may open the text ("Antwort auf Anna"): the per-text reader's test, on the texts it may open
    opens = col.str.contains(r"^[AaIiRr\s\x1c-\x1f\x85]").fill_null(False).to_numpy() & eligible
    where = np.flatnonzero(opens)
    if len(where):
        eligible[where[[_REPLY_LINE.match(t) is not None for t in values_at(comments["text"], where)]]] = False
    keys = key_table(articles, comments["author"], need)
    fast, settled = settle(col, articles, keys, eligible, opt)
    return settled, fast


def _combine(rows: list, fast: pl.DataFrame | None, comments: pd.DataFrame) -> pd.DataFrame:
    """The per-text reader's ``rows`` and the columnar ones in one frame, in text order, then written order."""
    slow = _extract_frame([r[1:] for r in rows])
    if fast is None or not len(fast):
        return slow
    t = fast["t"].to_numpy()

    def text(name):
        return pd.array(fast[name].to_arrow(), dtype="str")

    def ints(name):
        col = fast[name]
        return pd.arrays.IntegerArray(col.fill_null(0).to_numpy(), col.is_null().to_numpy())

    quick = pd.DataFrame(
        {
            "comment_id": comments["comment_id"].array.take(t).astype("str"),
            "article_id": comments["article_id"].array.take(t).astype("str"),
            "start": ints("start"),
            "end": ints("end"),
            "raw": text("raw"),
            "written_number": ints("written_number"),
            "written_name": text("written_name"),
            "matched_author": text("matched_author"),
            "rule": text("rule"),
            "score": pd.array(np.full(len(t), 100.0), dtype="Float64"),
            "note": pd.array(np.full(len(t), ""), dtype="str"),
        }
    )
    if not len(slow):
        return quick
    order = np.argsort(np.concatenate([np.array([r[0] for r in rows], dtype=np.int64), t]), kind="stable")
    return pd.concat([slow, quick], ignore_index=True).take(order).reset_index(drop=True)


def quote_links(text: str) -> list[tuple]:
    """The quote links in ``text`` as reference rows (start, end, raw, number, written, author, rule, score,
    note): the written number is the id of the post they name.

    >>> quote_links(">>1001\\nno. >>>/g/5 and >>1002, >>12:30")
    [(0, 6, '>>1001', 1001, None, None, 'quotelink', 100.0, ''), (23, 29, '>>1002', 1002, None, None, \
'quotelink', 100.0, '')]
    """
    return [
        (m.start(), m.end(), m.group(), int(m["num"]), None, None, "quotelink", 100.0, "")
        for m in QUOTELINK.finditer(text)
    ]


def user_links(text: str, idx: AuthorIndex) -> list[tuple]:
    """The Reddit user links in ``text`` as reference rows: the user, an author of the article when one is
    spelt so (rule ``u/+name:exact``), else an unknown name (``u/+name:unknown``).

    >>> user_links("thanks u/anna_k, and /u/Ben-2 too. a/u/x, mu/bla", AuthorIndex(["Anna_K"]))[0][:8]
    (7, 15, 'u/anna_k', None, 'anna_k', 'Anna_K', 'u/+name:exact', 100.0)
    >>> user_links("and /u/Ben-2 too", AuthorIndex(["Anna_K"]))[0][:8]
    (4, 12, '/u/Ben-2', None, 'Ben-2', None, 'u/+name:unknown', 0.0)
    """
    out = []
    for m in USERLINK.finditer(text):
        handle = m["handle"]
        key = normalize_name(handle)
        author, note = idx.spelt(key, handle)  # ("anna_k" and "anna-k": only the spelling decides)
        rule, score = ("u/+name:exact", 100.0) if author is not None else ("u/+name:unknown", 0.0)
        if note:
            rule = "u/+name:ambiguous"
        out.append((m.start(), m.end(), m.group(), None, handle, author, rule, score, note))
    return out


def _opening(text: str, idx, opt, fuzz, opens) -> tuple[list, int]:
    """The references a text opens with (a reply line, an address): (rows, where @-references may start)."""
    line = _REPLY_LINE.match(text) if text[:1].isspace() or text[:1] in "AaIiRr" else None
    if line is not None:
        name = line.group("name")
        got = name_at(name, idx, opt, direct=True, after_number=False, fuzz=fuzz)
        # an author of the article; an unknown name only when it fills the line ("Antwort an Grund ..." is text)
        if got is not None and (got[0] is not None or name[got[2] :].strip(" \t:.") == ""):
            author, written, end, _, score, note = got
            at, end = line.start("phrase"), line.start("name") + end
            return [(at, end, text[at:end], None, written, author, "reply-line", score, note)], end
    got = address_at(text, idx, opt, opens if isinstance(opens, frozenset) else None) if opens else None
    if got is None:
        return [], 0
    at, end, written, author, how = got
    note = f"'{written}' read word by word as {author}" if how == "words" else ""
    return [(at, end, text[at:end], None, written, author, "address", 100.0, note)], 0


def _in_url(text: str, at: int) -> bool:
    """Whether the ``@`` at ``at`` stands inside a URL (``https://host/@name``)."""
    if not at or text[at - 1] in " \n\t":
        return False
    lo = max(0, at - 300)
    ws = max(text.rfind(" ", lo, at), text.rfind("\n", lo, at), lo - 1) + 1
    return text[ws:at].lstrip("(<[\"'„“").startswith(_URL_START)


def _number_handle(num: str, tail: str, idx, opt, fuzz):
    """An author's handle of digits (``@921``) or opening with digits (``@1234user``): as :func:`name_at`, or None."""
    if num in idx.keys:
        got = name_at(num + tail, idx, opt, direct=True, after_number=False, fuzz=fuzz)
        return got if got is not None and got[3] == "name:digits" else None
    hit = idx.exact(num + tail) if tail[:1].isalpha() else None
    if hit is None or hit[1] <= len(num):
        return None
    key, end = hit
    written = (num + tail)[:end]
    author, _ = idx.spelt(key, written)
    rule = "name:glued" if (num + tail)[end : end + 1].isalnum() else "name:exact"
    return None if author is None else (author, written, end, rule, 100.0, "")


def _reference(text: str, m: re.Match, idx, opt, fuzz):
    """The reference an ``@`` match makes: (start, end, raw, number, written, author, rule, score, note) or None."""
    at = m.start()
    tail, num, sp, ats = m.group("tail", "num", "sp", "ats")
    tail0 = m.start("tail")
    form = _FORMS.get(ats, "") or ("dash-at+" if at and text[at - 1] == "-" else "")
    if num is not None and not sp and m.start("num") == m.end("sp"):
        got = _number_handle(num, tail, idx, opt, fuzz)  # "@921", "@1234user": a handle
        if got is not None:
            author, written, end, rule, score, note = got
            end += m.start("num")
            return at, end, text[at:end], None, written, author, form + rule, score, note
    if num is not None:
        skip = _SEP.match(tail).end()
        got = name_at(tail[skip:], idx, opt, direct=False, after_number=True, fuzz=fuzz)
        if got is None or (got[0] is None and got[3] == "name:ambiguous"):
            return at, tail0, text[at:tail0], int(num), None, None, form + "number", 100.0, ""
        author, written, end, rule, score, note = got
        end = tail0 + skip + end
        return at, end, text[at:end], int(num), written, author, form + "number+" + rule, score, note
    det = _DETERMINER.search(text, max(0, at - 8), at) is not None
    got = name_at(tail, idx, opt, direct=not sp, after_number=False, fuzz=fuzz, after_determiner=det)
    if got is None:
        return None
    author, written, end, rule, score, note = got
    return at, tail0 + end, text[at : tail0 + end], None, written, author, form + rule, score, note


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


def _extract_frame(rows) -> pd.DataFrame:
    if not rows:
        return pd.DataFrame([], columns=list(_EXTRACT_DTYPES)).astype(_EXTRACT_DTYPES)
    table = np.array(rows, dtype=object)  # one (len(rows), 11) block: cheaper than zip(*rows) on many rows
    return pd.DataFrame({k: pd.array(table[:, j], dtype=t) for j, (k, t) in enumerate(_EXTRACT_DTYPES.items())})
