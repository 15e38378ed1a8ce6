"""References read one at a time: reply lines, addresses, and the ``@``-matches the joins leave to rules."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .address import address_at
from .match import name_at

#: how an ``@`` was written, where it was not plain: the prefix of the reference's rule
FORMS = {"@@": "double-at+", "＠": "fullwidth-at+", "＠＠": "double-at+", "@＠": "double-at+", "＠@": "double-at+"}
SEP = re.compile(r"[ \t\u00a0]*[,:;.\-–—]?[ \t\u00a0]*")
#: an unknown name right after an article is a noun, not a handle: ``das @Zeichen``, ``the @sign``
_DETERMINER = re.compile(
    r"(?:^|(?<=\W))(?:das|der|die|dem|den|des|ein|eine|einem|einen|the|an|a|this|that)[ \t]$", re.IGNORECASE
)
_URL_START = ("http:", "https:", "www.", "ftp:")


#: a first line "Antwort auf Anna Müller", "Antwort an Anna Müller:", "In reply to Anna Müller",
#: "Reply to @anna" (copied German and English pages): a reference to that author
REPLY_START = r"(?i)\s*(?:Antwort (?:auf|an)|In reply to|Reply to)[ \t]"
REPLY_LINE = re.compile(
    r"\s*(?P<phrase>(?:Antwort[ \t]+(?:auf|an)|In[ \t]+reply[ \t]+to|Reply[ \t]+to)[ \t]+@?[ \t]?)"
    r"(?P<name>[^\W\d_][^\n@]{0,79})",
    re.IGNORECASE,
)


def thread_members(comments: pd.DataFrame, rows: np.ndarray) -> dict:
    """comment id -> the authors of its thread (a frozenset), for the ``rows`` in threaded articles; True for the
    other rows (an address is matched in the whole article there)."""
    out = dict.fromkeys(comments.loc[rows, "comment_id"].tolist(), True)
    if "thread" not in comments.columns or "_threaded" not in comments.columns:
        return out
    threaded = rows & comments["_threaded"].to_numpy(dtype=bool)
    if not threaded.any():
        return out
    want = comments["thread"].isin(set(comments.loc[threaded, "thread"])).to_numpy(dtype=bool)
    groups = comments.loc[want, ["thread", "author"]].dropna().groupby("thread")["author"].agg(frozenset)
    for cid, thread in comments.loc[threaded, ["comment_id", "thread"]].itertuples(index=False):
        out[cid] = groups.get(thread, frozenset())
    return out


def opening(text: str, idx, opt, fuzz, opens) -> tuple[list, int]:
    """The references a text opens with (a reply line, an address): (rows, where @-references may start)."""
    line = REPLY_LINE.match(text) if text[:1].isspace() or text[:1] in "AaIiRr" else None
    if line is not None:
        name = line.group("name")
        got = name_at(name, idx, opt, direct=True, after_number=False, fuzz=fuzz)
        # an author of the article; an unknown name only when it fills the line ("Antwort an Grund ..." is text)
        if got is not None and (got[0] is not None or name[got[2] :].strip(" \t:") == ""):
            author, written, end, _, score, note = got
            at, end = line.start("phrase"), line.start("name") + end
            return [(at, end, text[at:end], None, written, author, "reply-line", score, note)], end
    got = address_at(text, idx, opt, opens if isinstance(opens, frozenset) else None) if opens else None
    if got is None:
        return [], 0
    at, end, written, author, how = got
    note = f"'{written}' read word by word as {author}" if how == "words" else ""
    return [(at, end, text[at:end], None, written, author, "address", 100.0, note)], 0


def in_url(text: str, at: int) -> bool:
    """Whether the ``@`` at ``at`` stands inside a URL (``https://host/@name``)."""
    if not at or text[at - 1] in " \n\t":
        return False
    lo = max(0, at - 300)
    ws = max(text.rfind(" ", lo, at), text.rfind("\n", lo, at), lo - 1) + 1
    return text[ws:at].lstrip("(<[\"'„“").startswith(_URL_START)


def reference(text: str, m: re.Match, idx, opt, fuzz):
    """The reference an ``@`` match makes: (start, end, raw, number, written, author, rule, score, note) or None."""
    at = m.start()
    tail, num, sp, ats = m.group("tail", "num", "sp", "ats")
    tail0 = m.start("tail")
    form = FORMS.get(ats, "") or ("dash-at+" if at and text[at - 1] == "-" else "")
    if num is not None and not sp and num in idx.keys and m.start("num") == m.end("sp"):
        got = name_at(num + tail, idx, opt, direct=True, after_number=False, fuzz=fuzz)  # "@921": a handle
        if got is not None and got[3] == "name:digits":
            author, written, end, rule, score, note = got
            end += m.start("num")
            return at, end, text[at:end], None, written, author, form + rule, score, note
    if num is not None:
        skip = SEP.match(tail).end()
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
