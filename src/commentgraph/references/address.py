"""A comment that opens by addressing a known author: ``Detalumis, your comment ...``, ``Chris K: ...``."""

from __future__ import annotations

import re

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


def _word_prefixes(written: list[str], names: list[str]) -> set:
    """The authors whose words start with the written words, one by one (``Chris K`` -> ``Christopher Kay1``)."""
    out = set()
    for a in names:
        words = [w for w in (normalize_name(w) for w in _WORDS.split(a)) if w]
        if len(words) >= len(written) and all(w.startswith(v) for v, w in zip(written, words, strict=False)):
            out.add(a)
    return out


def _short_form(words: list[str], author: str) -> bool:
    """``words`` as a participant may be called: the first word of two or more letters started (``Tim``), or
    the initials of a name of two or more words (``MS`` for ``Mark Shore``)."""
    names = [w for w in (normalize_name(w) for w in _WORDS.split(author)) if w]
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
        found, how = _word_prefixes(words, idx.names), "words"
    if len(found) > 1 and members:
        found = found & members
    if not found and members:
        found, how = {a for a in members if isinstance(a, str) and _short_form(words, a)}, "thread"
    if len(found) != 1:
        return None
    return start, start + len(written), written, next(iter(found)), how
