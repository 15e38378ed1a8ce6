"""Replace commenters' names by stable pseudonyms (keyed hash), in every table and inside the text."""

from __future__ import annotations

import hashlib
import hmac
import math
import re
import unicodedata

import pandas as pd

from .discussion import Discussion
from .read.vocab import QUOTE_MARKER, REPLY_MARKER
from .schema import conform

LABEL = "Commenter"
#: columns that hold ids or a controlled vocabulary, never free text: left as they are
_KEEP = {"comment_id", "article_id", "parent_id", "source_comment_id", "target_comment_id", "source",
         "kind", "severity", "via", "resolution", "layout", "encoding"}
#: names shorter than this are replaced in text only where a mention points at them
MIN_TEXT_NAME = 3


def identity_key(name: str) -> str:
    """The form a name is hashed in: NFKC, single spaces, case-folded, no edge punctuation.

    Stricter than :func:`commentgraph.mentions.normalize_name` (which also drops inner spaces,
    dots and umlauts to *match* written references): two authors whose names differ only in
    spacing or dots stay two pseudonyms.

    >>> identity_key("  W.  Merseburger: ")
    'w. merseburger'
    """
    s = " ".join(unicodedata.normalize("NFKC", str(name)).split())
    return s.strip(" ,;:!?@").casefold()


def _key(salt) -> bytes:
    if salt is None or (isinstance(salt, str | bytes) and len(salt) == 0):
        raise ValueError("pseudonymize needs a non-empty salt (a secret kept apart from the output)")
    if isinstance(salt, bytes):
        return salt
    if isinstance(salt, str):
        return salt.encode("utf-8")
    raise TypeError(f"salt must be str or bytes, not {type(salt).__name__}")


def _digest(key: bytes, norm: str, attempt: int) -> bytes:
    return hmac.new(key, f"{attempt}\x1f{norm}".encode("utf-8"), hashlib.sha256).digest()


def pseudonym_map(names, *, salt, digits: int | None = None, label: str = LABEL) -> dict[str, str]:
    """Map each normalised name to a pseudonym like ``Commenter 017``.

    The number comes from HMAC-SHA256(salt, normalised name): the same name gets the same label in
    every article and run with the same salt, and hashing a list of public names does not reveal it
    without the salt. Two names whose numbers collide are told apart deterministically: the name with
    the smaller digest keeps the number, the other takes its next keyed candidate. ``digits`` defaults
    to the smallest width (at least 3) with 20 numbers per name; pass it to fix the width across runs.

    >>> m = pseudonym_map(["Anna", "anna ", "Ben"], salt="s3cret")
    >>> len(m), m["anna"] != m["ben"], m["anna"].startswith("Commenter ")
    (2, True, True)
    """
    key = _key(salt)
    norms = sorted({identity_key(n) for n in names if isinstance(n, str) and identity_key(n)})
    if digits is None:
        digits = max(3, math.ceil(math.log10(max(20 * len(norms), 1))))
    space = 10 ** digits - 1  # numbers 1 .. 10**digits - 1
    if len(norms) > space:
        raise ValueError(f"{len(norms)} names do not fit into {digits}-digit pseudonyms; raise digits")
    taken: set[int] = set()
    out: dict[str, str] = {}
    for norm in sorted(norms, key=lambda n: _digest(key, n, 0)):
        attempt = 0
        while True:
            number = int.from_bytes(_digest(key, norm, attempt)[:8], "big") % space + 1
            if number not in taken:
                break
            attempt += 1
        taken.add(number)
        out[norm] = f"{label} {number:0{digits}d}"
    return out


_WORD = re.compile(r"\w+")


def _name_finder(names):
    """A function ``text -> [(start, end, matched)]`` finding every known name in a text (any case, any
    run of spaces, whole words). Only names whose first word occurs in the text are tried, so a corpus
    with thousands of authors stays fast."""
    forms = {" ".join(n.split()) for n in names if isinstance(n, str) and len(identity_key(n)) >= MIN_TEXT_NAME}
    by_word: dict[str, set[str]] = {}
    always: set[str] = set()
    for form in forms:
        m = _WORD.search(form)
        if m:
            by_word.setdefault(m.group(0).casefold(), set()).add(form)
        else:
            always.add(form)
    compiled: dict[str, re.Pattern] = {}

    def rx(form: str) -> re.Pattern:
        if form not in compiled:
            body = r"\s+".join(re.escape(tok) for tok in form.split())
            compiled[form] = re.compile(r"(?<!\w)" + body + r"(?!\w)", re.IGNORECASE)
        return compiled[form]

    def find(text: str) -> list[tuple[int, int, str]]:
        if not isinstance(text, str) or not text or not forms:
            return []
        cands = set(always)
        for w in set(_WORD.findall(text.casefold())) & by_word.keys():
            cands |= by_word[w]
        hits = [(m.start(), -(m.end() - m.start()), m.group(0)) for form in cands for m in rx(form).finditer(text)]
        out, until = [], -1
        for start, neg_len, matched in sorted(hits):  # leftmost first, longest there: "W. Merseburger" wins
            if start >= until:
                out.append((start, start - neg_len, matched))
                until = start - neg_len
        return out

    return find


def _rewrite(text: str, spans: list[tuple[int, int, str]]) -> tuple[str, callable]:
    """Apply non-overlapping ``(start, end, replacement)`` spans; return the text and an offset map."""
    spans = sorted(spans)
    parts, pos, marks = [], 0, []  # marks: (old_start, old_end, new_start, new_end)
    shift = 0
    for s, e, rep in spans:
        parts.append(text[pos:s])
        marks.append((s, e, s + shift, s + shift + len(rep)))
        parts.append(rep)
        shift += len(rep) - (e - s)
        pos = e
    parts.append(text[pos:])

    def new_offset(p: int) -> int:
        delta = 0
        for s, e, ns, ne in marks:
            if e <= p:
                delta = ne - e
            elif s < p < e:
                return ne
            else:
                break
        return p + delta

    return "".join(parts), new_offset


def _spans(text: str, find, lookup, fixed: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    spans = list(fixed)
    for start, end, matched in find(text):
        if not any(s < end and start < e for s, e, _ in fixed):
            spans.append((start, end, lookup(matched)))
    return spans


def discussion_names(d: Discussion) -> list[str]:
    """The names :func:`pseudonymize` replaces in ``d``: authors, names written in mentions, reply ends.

    >>> sorted(set(discussion_names(cg.read_page("01.03.2019 10:00 Anna 1\\n\\nHallo @Ben"))))
    ['Anna', 'Ben']
    """
    m, r = d.mentions, d.replies
    return [*d.comments["author"].dropna(), *m["written_name"].dropna(), *m["target_author"].dropna(),
            *r["target_author"].dropna(), *r["source_author"].dropna(), *_marker_names(d.comments)]


def _marker_names(comments: pd.DataFrame) -> list[str]:
    """The names in the reply and quote markers the page reader moved out of the text (``ui_text``,
    ``quoted_text``): "Antwort auf #9 von Karl" names Karl even where Karl wrote nothing on the page.

    >>> _marker_names(pd.DataFrame({"ui_text": ["Antwort auf #9 von Karl Marx\\nMelden", None],
    ...                             "quoted_text": [None, "Zitat von Eva B.:\\nso nicht"]}))
    ['Karl Marx', 'Eva B.']
    """
    out = []
    for col in ("ui_text", "quoted_text"):
        if col not in comments.columns:
            continue
        for value in comments[col].dropna().tolist():
            for line in str(value).splitlines():
                for rx, groups in ((REPLY_MARKER, ("name", "tname", "rname")),
                                   (QUOTE_MARKER, ("name", "name2", "name3"))):
                    m = rx.match(line)
                    if m:
                        out += [g.strip(" \t:") for g in m.group(*groups) if g and g.strip(" \t:")]
    return out


def pseudonymized_entry(mapping: dict, digits: int | None = None, opted_out: int = 0) -> dict:
    """What ``settings["pseudonymized"]`` records of a pseudonymisation by ``mapping`` (never the salt).

    >>> pseudonymized_entry(pseudonym_map(["Anna"], salt="s"))["names"]
    1
    """
    width = len(next(iter(mapping.values())).split()[-1]) if mapping else digits
    return {"method": "HMAC-SHA256 of the normalised name, keyed by a secret salt (not stored)",
            "label": f"{LABEL} " + "0" * (width or 3), "digits": width, "names": len(mapping),
            "opted_out": opted_out}


def pseudonymize(d: Discussion, *, salt, opt_out=(), digits: int | None = None, names=()) -> Discussion:
    """A Discussion whose authors are pseudonyms, in every table and inside the comment text.

    Names are replaced in ``comments.author``, ``mentions`` (``raw``, ``written_name``,
    ``target_author``), ``replies`` (``source_author``, ``target_author``, dangling targets included),
    in the text (multi-word names, any case) and in problem excerpts. Comments by authors in
    ``opt_out`` are dropped (a ``problems`` row counts them); replies to them keep a dangling,
    pseudonymised target. ``settings["pseudonymized"]`` records how (never the salt).
    See :func:`pseudonym_map` for how labels are made. ``names`` adds names known beyond ``d`` (a part of a
    corpus passes :func:`discussion_names` of the whole corpus, so its labels, collisions and the names
    replaced in its texts are the whole corpus's).

    >>> d = cg.read_page("01.03.2019 10:00 Anna Berg 1\\n\\nHallo\\n\\n01.03.2019 11:00 Ben 2\\n\\nNa, anna berg?")
    >>> p = pseudonymize(d, salt="s3cret")
    >>> p.comments["author"].str.startswith("Commenter ").all(), "anna" in p.comments["text"].iloc[1].lower()
    (np.True_, False)
    """
    tz = d.tz
    comments, mentions, replies, problems = d.comments, d.mentions, d.replies, d.problems
    if isinstance(opt_out, str):
        raise TypeError("opt_out must be a list of names, not one string")
    opted = {identity_key(n) for n in opt_out if isinstance(n, str)}

    names = [*discussion_names(d), *[n for n in names if isinstance(n, str)],
             *[n for n in opt_out if isinstance(n, str)]]
    mapping = pseudonym_map(names, salt=salt, digits=digits)

    def lookup(name):
        if not isinstance(name, str):
            return name
        return mapping.get(identity_key(name), name)

    find = _name_finder(names)

    def scrub(value):
        if not isinstance(value, str):
            return value
        return _rewrite(value, _spans(value, find, lookup, []))[0]

    # opt-out: drop the comments, their mentions and reply edges; edges *to* them become dangling
    new_problems = []
    if opted:
        drop = comments["author"].map(identity_key, na_action="ignore").isin(opted)
        gone = set(comments.loc[drop, "comment_id"])
        n_authors = comments.loc[drop, "author"].map(identity_key).nunique()
        comments = comments.loc[~drop]
        mentions = mentions.loc[~mentions["comment_id"].isin(gone)]
        replies = replies.loc[~replies["source_comment_id"].isin(gone)]
        hit = mentions["target_comment_id"].isin(gone)
        mentions = mentions.assign(target_comment_id=mentions["target_comment_id"].mask(hit))
        hit = replies["target_comment_id"].isin(gone)
        replies = replies.assign(target_comment_id=replies["target_comment_id"].mask(hit),
                                 latency=replies["latency"].mask(hit))
        new_problems.append({
            "source": "pseudonymize", "line": pd.NA, "kind": "opted_out", "severity": "notice",
            "message": f"dropped {int(drop.sum())} comment(s) by {n_authors} of {len(opted)} author(s) "
                       "on the opt-out list; replies to them are kept with a dangling target",
            "excerpt": ""})

    # text: mention spans first (they hold the name as written), then every known name
    fixed: dict[str, list[tuple[int, int, str]]] = {}
    text_of = dict(zip(comments["comment_id"], comments["text"], strict=True))
    by_author = mentions["resolution"].isin(["number+author", "author"]) & mentions["target_author"].notna()
    for row, use_target in zip(mentions.itertuples(index=False), by_author, strict=True):
        written = row.written_name
        if not isinstance(written, str) or pd.isna(row.start) or pd.isna(row.end):
            continue
        text = text_of.get(row.comment_id)
        if not isinstance(text, str):
            continue
        rx = re.compile(r"\s+".join(re.escape(t) for t in written.split()), re.IGNORECASE)
        m = rx.search(text, int(row.start), int(row.end))
        if m:
            rep = lookup(row.target_author if use_target else written)
            fixed.setdefault(row.comment_id, []).append((m.start(), m.end(), rep))

    new_texts, offset_maps = [], {}
    for cid, text in zip(comments["comment_id"], comments["text"], strict=True):
        if not isinstance(text, str):
            new_texts.append(text)
            continue
        new, remap = _rewrite(text, _spans(text, find, lookup, fixed.get(cid, [])))
        new_texts.append(new)
        offset_maps[cid] = (new, remap)
    comments = comments.assign(text=pd.Series(new_texts, index=comments.index, dtype="str"),
                               author=comments["author"].map(lookup, na_action="ignore"))

    if len(mentions):
        starts, ends, raws = [], [], []
        for row in mentions.itertuples(index=False):
            new, remap = offset_maps.get(row.comment_id, (None, None))
            if remap is None or pd.isna(row.start) or pd.isna(row.end):
                starts.append(row.start)
                ends.append(row.end)
                raws.append(scrub(row.raw))
                continue
            s, e = remap(int(row.start)), remap(int(row.end))
            starts.append(s)
            ends.append(e)
            raws.append(new[s:e])
        written = [lookup(t if use and isinstance(t, str) else w) if isinstance(w, str) else w
                   for w, t, use in zip(mentions["written_name"], mentions["target_author"], by_author,
                                        strict=True)]
        mentions = mentions.assign(start=pd.array(starts, dtype="Int64"), end=pd.array(ends, dtype="Int64"),
                                   raw=pd.Series(raws, index=mentions.index, dtype="str"),
                                   written_name=pd.Series(written, index=mentions.index, dtype="str"),
                                   target_author=mentions["target_author"].map(lookup, na_action="ignore"))
    replies = replies.assign(source_author=replies["source_author"].map(lookup, na_action="ignore"),
                             target_author=replies["target_author"].map(lookup, na_action="ignore"))

    def scrub_rest(frame: pd.DataFrame, done: set[str]) -> pd.DataFrame:
        cols = {c: frame[c].map(scrub, na_action="ignore") for c in frame.columns
                if c not in _KEEP | done and frame[c].dtype in ("str", "object")}
        return frame.assign(**cols) if cols else frame

    comments = scrub_rest(comments, {"text", "author"})
    mentions = scrub_rest(mentions, {"raw", "written_name", "target_author"})
    replies = scrub_rest(replies, {"source_author", "target_author"})
    problems = scrub_rest(problems, set())
    if new_problems:
        problems = pd.concat([problems, conform(pd.DataFrame(new_problems), "problems", tz)], ignore_index=True)

    settings = {**d.settings, "pseudonymized": pseudonymized_entry(mapping, digits, len(opted))}
    return d.replace(comments=conform(comments, "comments", tz), mentions=conform(mentions, "mentions", tz),
                     replies=conform(replies, "replies", tz), problems=conform(problems, "problems", tz),
                     settings=settings)


__all__ = ["pseudonymize", "pseudonymized_entry", "pseudonym_map", "identity_key", "discussion_names"]
