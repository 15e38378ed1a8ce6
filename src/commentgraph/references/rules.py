"""One decision per reference: an outcome code computed column-wise, and the table of what each code means."""

from __future__ import annotations

import string
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..schema import is_placeholder
from .context import posted_before


class Rule(NamedTuple):
    """What an outcome means: the target it takes (``number``, ``author`` or none), the resolution, whether it
    gives an edge, whose name ``target_author`` holds where there is no target, and the reason, written once
    (``{field}`` stands for a column of the evidence)."""

    target: str | None
    resolution: str
    edge: bool
    named: str | None
    reason: str | None


_NO_EDGE = ": no edge"
_LATER = "comment #{wnum} (by {n_author}) was posted "
_DISAGREE = "number and author disagree: #{wnum} is by {n_author}, the name says {author}"

#: outcome code -> rule, in the order the codes are tried (the first whose condition holds wins)
RULES: dict[str, Rule] = {
    "self_name": Rule(
        None, "unresolved", False, "author", "names the comment's own author (a sign-off or self-quote)" + _NO_EDGE
    ),
    "self_number": Rule(
        None, "unresolved", False, "named", "comment #{wnum} is the reply itself (a self-reference)" + _NO_EDGE
    ),
    "later_took_author": Rule(
        "author", "author", True, None, "comment #{wnum} was posted after the reply; took {author}'s comment by name"
    ),
    "later_same_minute": Rule(
        None,
        "unresolved",
        False,
        "named",
        _LATER + "{tied} as the reply (which came first is unknown)" + _NO_EDGE,
    ),
    "later": Rule(None, "unresolved", False, "named", _LATER + "after the reply" + _NO_EDGE),
    "number_ambiguous": Rule("number", "number", True, None, "{note}"),
    "number_own": Rule("number", "number", True, None, "answers a comment by the same author"),
    "number": Rule("number", "number", True, None, None),
    "number_unknown_name": Rule(
        None,
        "unresolved",
        False,
        "wname",
        "number and author disagree: #{wnum} is by {n_author}, the name says '{wname}'" + _NO_EDGE,
    ),
    "number_over_unknown_name": Rule(
        "number", "number", True, None, "number and author disagree ('{wname}' is not among the authors); took #{wnum}"
    ),
    "unknown_name_over_number": Rule(
        None,
        "unresolved",
        False,
        "wname",
        "number and author disagree: '{wname}' wrote nothing here before the reply" + _NO_EDGE,
    ),
    "number_author_own": Rule("number", "number+author", True, None, "answers a comment by the same author"),
    "number_author_noted": Rule("number", "number+author", True, None, "name matched by {how}: {note}"),
    "number_author": Rule("number", "number+author", True, None, None),
    "number_loose_name": Rule(
        "number",
        "number",
        True,
        None,
        "the words after #{wnum} ('{wname}') were not taken "
        "as a name: they match {author} only {loosely}, and #{wnum} is by {n_author}",
    ),
    "conflict_took_number": Rule("number", "number", True, None, _DISAGREE + "; took the number"),
    "conflict_took_author": Rule("author", "author", True, None, _DISAGREE + "; took the author"),
    "conflict": Rule(None, "unresolved", False, "author", _DISAGREE + _NO_EDGE),
    "year": Rule(None, "unresolved", False, None, "@{wnum} is no comment here and reads as a year" + _NO_EDGE),
    "number_missing_author": Rule(
        None,
        "unresolved",
        True,
        "author",
        "comment #{wnum} is not in the data (the named author's earlier comments here are not #{wnum})",
    ),
    "number_missing": Rule(None, "unresolved", True, "written", "comment #{wnum} is not in the data"),
    "address_unresolved": Rule(
        None,
        "unresolved",
        False,
        "author",
        "opens with the name of {author}, who wrote no "
        "comment here before the reply: not taken as an address" + _NO_EDGE,
    ),
    "address_quotes_other": Rule(
        None,
        "unresolved",
        False,
        "author",
        "opens with the name of {author} but quotes "
        "words their comment does not hold (it answers something else): not taken as an "
        "address" + _NO_EDGE,
    ),
    "address_other_thread": Rule(
        None,
        "unresolved",
        False,
        "author",
        "opens with the name of {author}, who wrote nothing earlier in this thread: not taken as an address" + _NO_EDGE,
    ),
    "author_same_minute": Rule(
        None,
        "unresolved",
        True,
        "author",
        "{author}'s comment was posted {tied} as the reply (which came first is unknown)",
    ),
    "author_later": Rule(None, "unresolved", True, "author", "{author} wrote only later comments"),
    "author_missing": Rule(None, "unresolved", True, "author", "no comment by {author}"),
    "author_only_off": Rule(
        None, "unresolved", True, "author", "author-only references are not resolved (author_only=False)"
    ),
    "author_tie_open": Rule(
        None, "unresolved", True, "author", "{author} has {n_early} earlier comments (tie='unresolved')"
    ),
    "author": Rule("author", "author", True, None, "{choice}"),
    "unknown_noted": Rule(None, "unresolved", True, "wname", "{note}"),
    "unknown": Rule(
        None, "unresolved", True, "wname", "target not in the data: no comment by '{wname}' in this article"
    ),
}

#: how the reply picked one of several earlier comments of the named author (rule ``author``)
CHOICES = {
    "quoted": "{author} has {n_early} earlier comments; took the one the reply quotes",
    "page": "{author} has {n_early} earlier comments; took the nearest one printed above the reply (page_order)",
    "thread": "{author} has {n_early} earlier comments; took the {which} in this thread",
    "not_in_thread": "{author} has {n_early} earlier comments, none in this thread; took the {which} in the article",
    "several": "{author} has {n_early} earlier comments; took the {which}",
}


#: outcome code -> its position in :data:`RULES`, and each rule's fields as arrays over the positions
_CODES = {k: i for i, k in enumerate(RULES)}
_NAMES = np.array(list(RULES), dtype=object)
_TARGETS = np.array([r.target for r in RULES.values()], dtype=object)
_EDGES = np.array([r.edge for r in RULES.values()], dtype=bool)
_RESOLUTIONS = np.array([r.resolution for r in RULES.values()], dtype=object)


def _bool(s) -> np.ndarray:
    return pd.Series(s).fillna(False).to_numpy(dtype=bool)


def fill(template: str, fields: pd.DataFrame) -> pd.Series:
    """``template`` with each ``{name}`` replaced by the row's value of column ``name``, column-wise.

    >>> fill("#{n} by {a}", pd.DataFrame({"n": ["3", "4"], "a": ["Anna", "Ben"]})).tolist()
    ['#3 by Anna', '#4 by Ben']
    """
    out = pd.Series("", index=fields.index, dtype="str")
    for literal, name, _, _ in string.Formatter().parse(template):
        out = out + literal
        if name is not None:
            out = out + fields[name].astype("str").fillna("")
    return out


def outcomes(m: pd.DataFrame, opt) -> np.ndarray:
    """The outcome of each reference (the position of its code in :data:`RULES`), from the evidence ``m``."""
    has_num = m["written_number"].notna().to_numpy(dtype=bool)
    has_name = m["written_name"].notna().to_numpy(dtype=bool)
    author, rule = m["matched_author"], m["rule"].fillna("")
    known = author.notna().to_numpy(dtype=bool)
    s_ph = np.asarray(is_placeholder(m["s_author"]), dtype=bool)
    a_ok = known & m["a_id"].notna().to_numpy(dtype=bool)
    n_ok = has_num & m["n_id"].notna().to_numpy(dtype=bool)
    n_before = _bool(m["n_before"])
    agree = _bool(author == m["n_author"])
    own_number = _bool(m["n_author"] == m["s_author"]) & ~s_ph
    # a name alone naming oneself is no edge; a number to one's own earlier comment (with the name) is a reply
    self_named = _bool(author == m["s_author"]) & ~(s_ph & (m["a_id"].notna() | m["n_id"].notna()).to_numpy())
    ambiguous = rule.str.endswith("ambiguous").to_numpy(dtype=bool)
    loose = rule.str.endswith(("fuzzy", "prefix")).to_numpy(dtype=bool)
    noted = (m["note"].fillna("") != "").to_numpy(dtype=bool)
    wnum = m["written_number"].astype("Float64").fillna(0).to_numpy(dtype=float)
    later = n_ok & ~n_before
    conflict = n_ok & known
    named_alone = known & ~has_num
    address = (rule == "address").to_numpy(dtype=bool)
    conditions = {
        "self_name": self_named & ~(n_ok & n_before & agree),
        "self_number": n_ok & (m["n_id"] == m["comment_id"]).fillna(False).to_numpy(dtype=bool),
        "later_took_author": later & a_ok & opt.author_only,
        "later_same_minute": later & _bool(m["n_unsure"]),
        "later": later,
        "number_ambiguous": n_ok & ambiguous,
        "number_own": n_ok & ~has_name & own_number,
        "number": n_ok & ~has_name,
        "number_unknown_name": n_ok & ~known & (opt.conflict == "unresolved"),
        "number_over_unknown_name": n_ok & ~known & (opt.conflict == "number"),
        "unknown_name_over_number": n_ok & ~known,
        "number_author_own": conflict & agree & own_number,
        "number_author_noted": conflict & agree & noted,
        "number_author": conflict & agree,
        "number_loose_name": conflict & loose,
        "conflict_took_number": conflict & (opt.conflict == "number"),
        "conflict_took_author": conflict & a_ok & (opt.conflict == "author"),
        "conflict": conflict,
        "year": has_num & ~has_name & (wnum >= 1900) & (wnum <= 2099),
        "number_missing_author": has_num & a_ok,
        "number_missing": has_num,
        "address_unresolved": named_alone & ~a_ok & address,
        "address_quotes_other": named_alone & a_ok & address & _bool(m["quotes_elsewhere"]),
        "address_other_thread": named_alone
        & a_ok
        & address
        & _bool(m["s_threaded"])
        & ~_bool(m["in_thread"])
        & opt.same_thread,
        "author_same_minute": named_alone & ~a_ok & (m["n_tied"].to_numpy() > 0),
        "author_later": named_alone & ~a_ok & (m["n_all"].to_numpy() > 0),
        "author_missing": named_alone & ~a_ok,
        "author_only_off": named_alone & (not opt.author_only),
        "author_tie_open": named_alone & (m["n_early"].to_numpy() > 1) & (opt.tie == "unresolved"),
        "author": named_alone,
        "unknown_noted": noted,
    }
    return np.select(list(conditions.values()), [_CODES[k] for k in conditions], default=_CODES["unknown"])


def _choice(m: pd.DataFrame, opt) -> pd.Series:
    """The reason of rule ``author``: how one of several earlier comments was chosen, how the name matched."""
    several = m["n_early"].to_numpy() > 1
    in_thread, threaded = _bool(m["in_thread"]), _bool(m["s_threaded"])
    kind = np.select(
        [
            ~several,
            _bool(m["quoted"]),
            _bool(m["by_page"]),
            in_thread & threaded & (m["n_thread"].to_numpy() < m["n_early"].to_numpy()),
            threaded & opt.same_thread & ~in_thread,
        ],
        ["", "quoted", "page", "thread", "not_in_thread"],
        default="several",
    )
    fields = m.assign(which="latest" if opt.tie == "latest" else "earliest")
    first = pd.Series(pd.NA, index=m.index, dtype="str")
    for k, template in CHOICES.items():
        at = kind == k
        if at.any():
            first = first.mask(at, fill(template, fields[at]))
    rule = m["rule"].fillna("")
    how = "name matched by " + m["how"]
    second = (how + ": " + m["note"]).where(
        m["note"].fillna("") != "", how.where(rule.str.endswith(("prefix", "glued", "comma", "address")))
    )
    both = first + "; " + second
    return both.fillna(first).fillna(second)


def _tied(when: pd.Series) -> np.ndarray:
    """How close a tie is, by the reply's time: a time at midnight is a date alone (``on the same day``), one with
    seconds ``at the same second``, else ``in the same minute``.

    >>> t = pd.to_datetime(["2019-03-01", "2019-03-01 10:05", "2019-03-01 10:05:07", None], format="ISO8601")
    >>> _tied(pd.Series(t)).tolist()
    ['on the same day', 'in the same minute', 'at the same second', 'in the same minute']
    """
    if not pd.api.types.is_datetime64_any_dtype(when.dtype):
        return np.full(len(when), "in the same minute", dtype=object)
    dt, known = when.dt, when.notna().to_numpy(dtype=bool)
    midnight = known & ((dt.hour == 0) & (dt.minute == 0) & (dt.second == 0)).to_numpy(dtype=bool)
    seconds = known & (dt.second != 0).to_numpy(dtype=bool)
    return np.select([midnight, seconds], ["on the same day", "at the same second"], "in the same minute")


def decide(m: pd.DataFrame, opt) -> pd.DataFrame:
    """The decision for each reference of the evidence ``m``: target, resolution, reason, edge, outcome code."""
    m = m.assign(
        n_before=(
            m["n_id"].notna()
            & posted_before(m["n_time"], m["written_number"], m["s_time"], m["s_number"], m["n_order"], m["s_order"])
        ).astype(bool),
        # the numbered target shares the reply's minute and neither numbers nor source rows order them
        n_unsure=(
            (m["n_time"] == m["s_time"]).fillna(False)
            & m["s_number"].isna()
            & (m["n_order"].isna() | m["s_order"].isna())
        ).astype(bool),
    )
    pos = outcomes(m, opt)
    target, edge = _TARGETS[pos], _EDGES[pos]
    by_number, by_author = target == "number", target == "author"
    known = m["matched_author"].notna()
    wname, author = m["written_name"], m["matched_author"]
    fields = m.assign(
        wnum=m["written_number"],
        wname=wname,
        author=author,
        how=m["rule"].fillna("").str.replace(r"^.*:", "", regex=True),
        loosely=np.where(m["rule"].fillna("").str.endswith("fuzzy"), "fuzzily", "by prefix"),
    )
    present = np.unique(pos)
    if _CODES["later_same_minute"] in present or _CODES["author_same_minute"] in present:
        fields = fields.assign(tied=_tied(m["s_time"]))
    if _CODES["author"] in present:
        fields = fields.assign(choice=_choice(fields, opt))
    names = {
        "author": author,
        "named": author.where(known, m["n_author"]),
        "wname": wname,
        "written": author.where(known, wname.where(wname.notna(), "#" + m["written_number"].astype("str"))),
    }
    tauth = pd.Series(pd.NA, index=m.index, dtype="str")
    reason = pd.Series(pd.NA, index=m.index, dtype="str")
    for i in present.tolist():
        rule, at = RULES[_NAMES[i]], pos == i
        if rule.named is not None:
            tauth = tauth.mask(at, names[rule.named])
        if rule.reason is not None:
            reason = reason.mask(at, fill(rule.reason, fields[at]))
    tauth = tauth.mask(by_number, m["n_author"]).mask(by_author, author)
    tid = m["n_id"].where(by_number, m["a_id"].where(by_author))
    tnum = m["written_number"].astype("Int64").where(~by_author, m["a_number"].astype("Int64"))
    cands = pd.Series(np.where(by_number, 1, np.where(known, m["n_early"], 0)), index=m.index, dtype="Int64")
    return pd.DataFrame(
        {
            "comment_id": m["comment_id"],
            "article_id": m["article_id"],
            "start": m["start"],
            "end": m["end"],
            "raw": m["raw"],
            "written_number": m["written_number"],
            "written_name": m["written_name"],
            "target_number": tnum.array,
            "target_author": tauth.astype("str").array,
            "target_comment_id": tid.astype("str").array,
            "resolution": pd.array(_RESOLUTIONS[pos], dtype="str"),
            "reason": reason.replace("", pd.NA).astype("str").array,
            "candidates": cands.array,
            "score": m["score"],
            "rule": m["rule"],
            "matched_author": m["matched_author"],
            "edge": edge,
            "outcome": pd.array(_NAMES[pos], dtype="str"),
        }
    )
