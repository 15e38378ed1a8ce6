"""A comment that opens by addressing a known author: ``Detalumis, your comment ...``, ``Chris K: ...``."""

from __future__ import annotations

import functools
import re

import numpy as np
import pandas as pd

from .match import STOPWORDS
from .names import UPPER, normalize_name

#: the opening of a text: a capitalised run of at most 40 characters without ``@``, then ``:`` or ``,``
OPENING = re.compile(rf"[ \t\n]*(?P<name>[{UPPER}][^\n:,;.!?@()\"]{{0,39}}?)[ \t]*(?:,|:(?!-?[()]|[DPp](?!\w)))")
#: a superset of :data:`OPENING` that pyarrow's regex engine runs on all texts at once
_MAYBE_OPENING = rf"[ \t\n]*[{UPPER}][^\n:,;.!?@()\"]*[:,]"
#: words before the name in an address: ``Dear Chuck,``, ``Hi Anne1309,``, ``Thanks LPB:``
GREETINGS = frozenset("dear hi hello hey thanks thank well to liebe lieber hallo danke".split())
#: an opening word that is a word of the language, not a name (besides :data:`STOPWORDS`)
INTERJECTIONS = frozenset(
    "sure dude update actually yes yup yep nope wow geez yikes awesome oops umm hmm also first "
    "second third wait fortunately unfortunately erratum absolute".split()
)
_WORDS = re.compile(r"[\s_.]+")


_NOT_NAMES = STOPWORDS | INTERJECTIONS


def openings(text: pd.Series):
    """Which texts open like an address (the vectorised filter before :func:`address_at`).

    >>> openings(pd.Series(["Detalumis, your comment", "@Anna: ja", "sure, why not", None])).tolist()
    [True, False, False, False]
    """
    return text.str.match(_MAYBE_OPENING).fillna(False).to_numpy(dtype=bool)


@functools.lru_cache(maxsize=1 << 16)
def name_words(author: str) -> tuple[str, ...]:
    """An author's name as the normalised words an address may write (``Christopher Kay1``: christopher, kay1)."""
    return tuple(w for w in (normalize_name(w) for w in _WORDS.split(author)) if w)


def _word_prefixes(written: list[str], idx) -> set:
    """The authors whose words start with the written words, one by one (``Chris K`` -> ``Christopher Kay1``);
    the written first word has three letters or more."""
    out = set()
    first, n = written[0], len(written)
    by_start = idx.by_start
    if by_start is None:  # the article's authors by the first three letters of their first word, built once
        by_start = idx.by_start = {}
        for a in idx.names:
            words = name_words(a)
            if words:
                by_start.setdefault(words[0][:3], []).append(a)
    for a in by_start.get(first[:3], ()):
        words = name_words(a)
        if len(words) >= n and words[0].startswith(first) and all(map(str.startswith, words[1:n], written[1:])):
            out.add(a)
    return out


def _short_form(words: list[str], author: str) -> bool:
    """``words`` as a participant may be called: the first word of two or more letters started (``Tim``), or
    the initials of a name of two or more words (``MS`` for ``Mark Shore``)."""
    names = name_words(author)
    if len(words) != 1 or len(words[0]) < 2 or not names:
        return False
    initials = len(names) >= 2 and words[0] == "".join(w[0] for w in names)
    return initials or (len(words[0]) >= 3 and names[0].startswith(words[0]))


def address_at(text: str, idx, opt, members: frozenset | None = None):
    """The author a text opens by addressing: (start, end, written, author, how), or None.

    The whole opening before ``:`` or ``,`` must name one known author of the article: exactly (its key, first
    word or initials), or word by word as prefixes (from two words on, the first of at least three letters;
    one word of at least four). Where the reply's thread is known (``members``: its authors), a name several
    authors share is the one in the thread, and a participant may also be named by a shorter first word
    (``Tim,`` for ``Tim Cares``) or by initials (``MS:`` for ``Mark Shore``).

    >>> from commentgraph.references.names import AuthorIndex
    >>> from commentgraph.references.options import ResolverOptions
    >>> idx, opt = AuthorIndex(["Christopher Kay1", "Detalumis", "Sue"]), ResolverOptions()
    >>> address_at("Chris K: Is there anything new?", idx, opt), address_at("Detalumis, your comment", idx, opt)
    ((0, 7, 'Chris K', 'Christopher Kay1', 'words'), (0, 9, 'Detalumis', 'Detalumis', 'exact'))
    >>> address_at("Sure, why not", idx, opt), address_at("Update: the vote is in", idx, opt)
    (None, None)
    >>> address_at("Hey Sue :)", idx, opt), address_at("Hey Sue: danke", idx, opt)
    (None, (4, 7, 'Sue', 'Sue', 'exact'))
    >>> idx = AuthorIndex(["David Gibson", "david coates", "Mark Shore"])
    >>> address_at("David, no", idx, opt), address_at("David, no", idx, opt, frozenset({"david coates"}))
    (None, (0, 5, 'David', 'david coates', 'alias'))
    >>> address_at("MS: yes", idx, opt, frozenset({"Mark Shore"}))
    (0, 2, 'MS', 'Mark Shore', 'thread')
    """
    m = OPENING.match(text)
    if m is None:
        return None
    written = m.group("name").rstrip()
    start = m.start("name")
    first = written.split(" ", 1)
    if len(first) == 2 and first[0].casefold() in GREETINGS and first[1][:1].isupper():
        written = first[1].lstrip()
        start = m.start("name") + m.group("name").index(written)
    words = [w for w in (normalize_name(w) for w in _WORDS.split(written)) if w]
    initials = written.isupper() and written.isalpha()  # "AT:", "MS:" are initials, not the words "at", "ms"
    if not words or len(words) > opt.max_name_words or len(words) == 1 and words[0] in _NOT_NAMES and not initials:
        return None
    key = "".join(words)
    if key in idx.keys:
        found, how = {idx.keys[key]}, "exact"
    else:
        found, how = idx.aliased(key), "alias"
    if not found and (len(words) >= 2 and len(words[0]) >= 3 or len(words) == 1 and len(words[0]) >= 4):
        found, how = _word_prefixes(words, idx), "words"
    if len(found) > 1 and members:
        found = found & members
    if not found and members:
        found, how = {a for a in members if isinstance(a, str) and _short_form(words, a)}, "thread"
    if len(found) != 1:
        return None
    return start, start + len(written), written, next(iter(found)), how


def thread_members(comments: pd.DataFrame, rows: np.ndarray) -> dict:
    """comment id -> the authors of its thread (a frozenset), for the ``rows`` in threaded articles; True for the
    other rows (an address is matched in the whole article there)."""
    out = dict.fromkeys(comments.loc[rows, "comment_id"].tolist(), True)
    if "thread" not in comments.columns or "_threaded" not in comments.columns:
        return out
    threaded = rows & comments["_threaded"].to_numpy(dtype=bool)
    if not threaded.any():
        return out
    thread, _ = pd.factorize(comments["thread"])  # integer codes: no string joins (NA: -1)
    asked = thread[threaded]
    need = np.zeros(len(thread) + 1, dtype=bool)
    need[asked[asked >= 0]] = True
    sel = np.flatnonzero(need[thread] & (thread >= 0) & comments["author"].notna().to_numpy(dtype=bool))
    author, names = pd.factorize(comments["author"].take(sel))
    pair = np.unique(thread[sel].astype(np.int64) * (len(names) + 1) + author)  # each (thread, author) once
    owner, who = pair // (len(names) + 1), pair % (len(names) + 1)
    cuts = np.flatnonzero(np.diff(owner)) + 1
    spelt = np.asarray(names, dtype=object)[who].tolist()
    starts, ends = [0, *cuts.tolist()], [*cuts.tolist(), len(owner)]
    groups = {t: frozenset(spelt[lo:hi]) for t, lo, hi in zip(owner[starts].tolist(), starts, ends)}
    for cid, code in zip(comments["comment_id"][threaded].tolist(), asked.tolist()):
        out[cid] = groups.get(code, frozenset())
    return out
