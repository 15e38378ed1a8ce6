"""For each reference, the comments it may mean: by number, and by the named author's earlier comments."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .context import posted_before
from .keys import codes, first_rows, lookup, take, values_at, whole_numbers


def evidence(found: pd.DataFrame, c: pd.DataFrame, opt) -> pd.DataFrame:
    """The references ``found`` with the comments they may mean: the reply (``s_*``), the comment with the
    written number (``n_*``), the named author's pick among their earlier comments (``a_*``) and counts."""
    m = found.reset_index(drop=True).rename_axis("mid").reset_index()
    # integer codes instead of string joins: comment ids, articles, (article, author) keys
    ids, m_ids = codes(c["comment_id"], m["comment_id"])
    id_na = c["comment_id"].isna().to_numpy(dtype=bool)
    s_row = lookup(first_rows(ids, int(ids.max(initial=-1)) + 1), m_ids)  # first comment with the reply's id
    art, m_art = codes(c["article_id"], m["article_id"])
    src = {
        "s_author": "author",
        "s_time": "posted_at",
        "s_number": "number",
        "s_thread": "thread",
        "s_threaded": "_threaded",
        "s_order": "_order",
    }
    m = m.assign(**{k: take(c[v], s_row).array for k, v in src.items()})

    n_row = _by_number(c, m, art, m_art)
    links = (m["rule"] == "quotelink").fillna(False).to_numpy(dtype=bool)
    if links.any():  # a quote link names a post by its id, in the same article
        n_row[links] = _by_id(c, m[links], art, m_art[links])
    num = {"n_id": "comment_id", "n_author": "author", "n_time": "posted_at", "n_order": "_order"}
    m = m.assign(**{k: take(c[v], n_row).array for k, v in num.items()})

    # by author: every comment of the named author in the article (in source order), one pick per mention
    authors, m_authors = codes(c["author"], m["matched_author"])
    n_authors = int(max(authors.max(initial=-1), m_authors.max(initial=-1))) + 1
    named = np.flatnonzero(m["matched_author"].notna().to_numpy(dtype=bool))
    by_key = art * n_authors + authors
    order = np.argsort(by_key, kind="stable")
    sorted_key = by_key[order]
    want = m_art[named] * n_authors + m_authors[named]
    lo = np.searchsorted(sorted_key, want, side="left")
    counts = np.searchsorted(sorted_key, want, side="right") - lo
    n_all = np.zeros(len(m), dtype=np.int64)
    n_all[named] = counts
    n_tied, n_early, n_thread = (np.zeros(len(m), dtype=np.int64) for _ in range(3))
    a_pick = np.full(len(m), -1, dtype=np.int64)
    in_thread, quoted, by_page = (np.zeros(len(m), dtype=bool) for _ in range(3))
    # (mention, candidate) pairs in chunks of at most _PAIRS rows (one mention's never split): a page
    # where a few authors write thousands of comments each would otherwise need them all at once
    ends = np.cumsum(counts)
    a = 0
    while a < len(named):
        b = max(int(np.searchsorted(ends, (ends[a - 1] if a else 0) + _PAIRS, side="right")), a + 1)
        _pairs(
            named[a:b],
            lo[a:b],
            counts[a:b],
            order,
            s_row,
            ids,
            m_ids,
            id_na,
            c,
            opt,
            (n_tied, n_early, n_thread, a_pick, in_thread, quoted, by_page),
        )
        a = b
    picked = a_pick >= 0

    def flag(values):  # a bool per pick; NaN where no pick, as a left join leaves it
        return values if picked.all() else np.where(picked, values.astype(object), np.nan)

    m = m.assign(
        a_id=take(c["comment_id"], a_pick).array,
        a_number=take(c["number"], a_pick).array,
        in_thread=flag(in_thread),
        quoted=flag(quoted),
        by_page=flag(by_page),
        n_all=n_all.astype(int),
        n_early=n_early.astype(int),
        n_tied=n_tied.astype(int),
        n_thread=n_thread.astype(int),
    )
    return m.assign(quotes_elsewhere=_quotes_elsewhere(m, c, s_row, a_pick))


def _quotes_elsewhere(m: pd.DataFrame, c: pd.DataFrame, s_row: np.ndarray, a_pick: np.ndarray) -> np.ndarray:
    """For address openings: does the reply quote, as the addressee's words, a passage (20+ characters) that
    the picked comment does not hold (``Daniel, you wrote "..."`` quoting the article, not Daniel's comment)?"""
    out = np.zeros(len(m), dtype=bool)
    rows = np.flatnonzero((m["rule"] == "address").fillna(False).to_numpy(dtype=bool) & (a_pick >= 0))
    if not len(rows):
        return out
    replies, targets = values_at(c["text"], s_row[rows]), values_at(c["text"], a_pick[rows])
    for k, reply, target in zip(rows.tolist(), replies, targets):
        passages = _their_words(reply) if isinstance(reply, str) else []
        held = " ".join(str(target).split()).casefold()
        out[k] = bool(passages) and not any(q in held for q in passages)
    return out


QUOTE = re.compile(
    r"'([^'\n]{20,400})'|\"([^\"\n]{20,400})\"|[„“”]([^„“”\n]{20,400})[“”]|^>[ \t]?(.{20,400})$", re.MULTILINE
)
#: a passage in double quotes only (in an address, single quotes are mostly apostrophes: "it's ... don't")
_DOUBLE_QUOTE = re.compile(r"\"([^\"\n]{20,400})\"|[„“”]([^„“”\n]{20,400})[“”]")


#: a reply saying what the addressee wrote: ``you wrote``, ``you say``, ``du schreibst``, ``Sie schrieben``
_YOU_WROTE = re.compile(
    r"\b(?:you|u)\s+(?:wrote|write|said|say|claim(?:ed)?|state[ds]?)\b"
    r"|\b(?:du|Sie)\s+(?:schreibst|schreiben|schriebst|schrieben|sagst|sagen|meinst|meinen)\b",
    re.IGNORECASE,
)


def _their_words(text: str) -> list[str]:
    """The passages in double quotes that ``text`` gives as the addressee's words (up to 40 characters after
    ``you wrote``), spaces and case folded.

    >>> _their_words('Daniel, you wrote "it is designed for ease of use" - and the AP said "this is another one"')
    ['it is designed for ease of use']
    """
    ends = [w.end() for w in _YOU_WROTE.finditer(text)]
    out = []
    for q in _DOUBLE_QUOTE.finditer(text):
        if any(0 <= q.start() - e <= 40 for e in ends):
            passage = " ".join(next(g for g in q.groups() if g).split()).strip(" .…").casefold()
            if len(passage) >= 20:
                out.append(passage)
    return out


def quoted_passages(text: str) -> list[str]:
    """The passages of 20+ characters ``text`` quotes (in quotes or after ``>``), spaces and case folded.

    >>> quoted_passages('you wrote "it is   designed for Ease of use" - no')
    ['it is designed for ease of use']
    """
    qs = [" ".join(next(g for g in q.groups() if g).split()).strip(" .…").casefold() for q in QUOTE.finditer(text)]
    return [q for q in qs if len(q) >= 20]


def _by_number(c: pd.DataFrame, m: pd.DataFrame, art: np.ndarray, m_art: np.ndarray) -> np.ndarray:
    """The row of the comment each reference's written number names in its article (-1: none); comments
    are keyed by (article, number), and a duplicate number keeps its first comment."""
    has_number, numbers = whole_numbers(c["number"])
    has_written, written = whole_numbers(m["written_number"])
    numbers, written = codes(numbers[has_number], written[has_written])
    n_numbers = int(max(numbers.max(initial=-1), written.max(initial=-1))) + 1
    key, m_key = codes(art[has_number] * n_numbers + numbers, m_art[has_written] * n_numbers + written)
    first = np.flatnonzero(has_number)[first_rows(key, int(key.max(initial=-1)) + 1)]
    n_row = np.full(len(m), -1, dtype=np.int64)
    n_row[has_written] = lookup(first, m_key)
    return n_row


def _by_id(c: pd.DataFrame, m: pd.DataFrame, art: np.ndarray, m_art: np.ndarray) -> np.ndarray:
    """The row of the comment whose id is each quote link's number, in the link's article (-1: none)."""
    linked = pd.Series(m["written_number"].astype("string").array, dtype="str")
    ids, want = codes(c["comment_id"], linked)
    first = first_rows(ids, int(max(ids.max(initial=-1), want.max(initial=-1))) + 1)
    rows = lookup(first, want)
    ok = rows >= 0
    rows[ok & (art[np.where(ok, rows, 0)] != m_art)] = -1
    return rows


#: (mention, candidate comment) pairs looked at at once
_PAIRS = 2_000_000


def _pairs(named, lo, counts, order, s_row, ids, m_ids, id_na, c, opt, out) -> None:
    """For the mentions ``named`` and every comment of the named author in the article
    (``order[lo:lo + counts]``): counts and the pick, written into ``out`` = (n_tied, n_early, n_thread,
    a_pick, in_thread, quoted, by_page), arrays over all mentions."""
    n_tied_all, n_early_all, n_thread_all, a_pick, in_thread_pick, quoted_pick, by_page_pick = out
    n = len(n_tied_all)
    mid = np.repeat(named, counts)  # one row per (mention, comment of the named author)
    starts = np.cumsum(counts) - counts
    a_row = order[np.repeat(lo - starts, counts) + np.arange(len(mid))]
    p_src = s_row[mid]
    pairs = pd.DataFrame(
        {
            "a_time": take(c["posted_at"], a_row),
            "a_number": take(c["number"], a_row),
            "a_order": take(c["_order"], a_row),
            "s_time": take(c["posted_at"], p_src),
            "s_number": take(c["number"], p_src),
            "s_order": take(c["_order"], p_src),
        }
    )
    before = posted_before(
        pairs["a_time"], pairs["a_number"], pairs["s_time"], pairs["s_number"], pairs["a_order"], pairs["s_order"]
    ).to_numpy(dtype=bool)
    # the author's other comments posted in the reply's minute whose order is unknown
    tied = (
        ~before
        & (pairs["a_time"] == pairs["s_time"]).fillna(False).to_numpy(dtype=bool)
        & ((ids[a_row] != m_ids[mid]) | id_na[a_row])
        & ~(pairs["a_number"] > pairs["s_number"]).fillna(False).to_numpy(dtype=bool)
        & ~(pairs["a_order"] > pairs["s_order"]).fillna(False).to_numpy(dtype=bool)
    )
    n_tied_all += np.bincount(mid[tied], minlength=n)
    mid, a_row, p_src = mid[before], a_row[before], p_src[before]
    if opt.same_thread:
        in_thread = take(c["_threaded"], p_src) & (take(c["thread"], a_row) == take(c["thread"], p_src))
        in_thread = in_thread.astype(bool).to_numpy()
    else:
        in_thread = np.zeros(len(mid), dtype=bool)
    n_early_all += np.bincount(mid, minlength=n)
    n_thread_all += np.bincount(mid, weights=in_thread, minlength=n).astype(np.int64)
    quoted = _quoted(mid, a_row, m_ids, ids, c["text"]) if opt.quotes else np.zeros(len(mid), dtype=bool)
    ascending = opt.tie == "earliest"
    early = pd.DataFrame(
        {
            "mid": mid,
            "quoted": quoted,
            "in_thread": in_thread,
            "a_time": take(c["posted_at"], a_row),
            "a_number": take(c["number"], a_row),
        }
    )
    keys = ["mid", "quoted", "in_thread", "a_time", "a_number"]

    def tops(frame, keys, order):
        ranked = frame.sort_values(keys, ascending=order, na_position="first").index.to_numpy()
        ranked_mid = mid[ranked]
        return ranked[np.r_[True, ranked_mid[1:] != ranked_mid[:-1]]] if len(ranked) else ranked

    top = tops(early, keys, [True, False, False, ascending, ascending])
    if opt.page_order and opt.tie == "latest":
        a_pos, s_pos = take(c["_page_pos"], a_row), take(c["_page_pos"], p_src)
        above = (a_pos < s_pos).fillna(False).to_numpy(dtype=bool)
        if above.any():  # the nearest comment above the reply ranks first (after quotes and threads)
            early = early.assign(above=np.where(above, a_pos.fillna(-1).to_numpy(dtype=np.int64), -1))
            page_top = tops(
                early,
                ["mid", "quoted", "in_thread", "above", "a_time", "a_number"],
                [True, False, False, False, ascending, ascending],
            )
            by_page_pick[mid[page_top]] = a_row[page_top] != a_row[top]
            top = page_top
    a_pick[mid[top]] = a_row[top]
    in_thread_pick[mid[top]] = in_thread[top]
    quoted_pick[mid[top]] = quoted[top]


def _quoted(mid: np.ndarray, a_row: np.ndarray, m_ids: np.ndarray, ids: np.ndarray, text: pd.Series) -> np.ndarray:
    """For (mention, candidate) pairs of mentions with several candidates: does the reply quote
    the candidate's text verbatim (a passage of 20+ characters in quotes or after ``>``)?

    ``mid`` numbers the mentions, ``a_row`` is the candidate's row; ``m_ids``/``ids`` are the codes
    of the mentions' and the rows' comment ids; a text is that of the last row with the id.

    >>> t = pd.Series(["a 'twenty characters or more' b", "twenty characters or more!", "other"])
    >>> _quoted(np.array([0, 0]), np.array([1, 2]), np.array([0]), np.array([0, 1, 2]), t).tolist()
    [True, False]
    """
    out = np.zeros(len(mid), dtype=bool)
    several = np.bincount(mid)[mid] > 1 if len(mid) else out
    if not several.any():
        return out
    last = first_rows(ids, len(ids) and int(ids.max()) + 1, last=True)
    mids = np.unique(mid[several])
    rows = lookup(last, m_ids[mids])
    src_text = values_at(text, rows)
    quotes = {}
    for k, t in zip(mids.tolist(), src_text):
        if isinstance(t, str) and ("'" in t or '"' in t or "„" in t or "“" in t or ">" in t):
            qs = quoted_passages(t)
            if qs:
                quotes[k] = qs
    if not quotes:
        return out
    sub = np.flatnonzero(np.isin(mid, np.fromiter(quotes, dtype=np.int64, count=len(quotes))))
    texts = values_at(text, last[ids[a_row[sub]]])
    hit = [any(q in " ".join(str(t).split()).casefold() for q in quotes[k]) for k, t in zip(mid[sub].tolist(), texts)]
    out[sub] = hit
    return out
