"""Find @-references in comment text and resolve them to the comments they answer.

Extraction is one compiled regular expression per text (``finditer``, linear time); names are
matched against the authors known in the same article; resolution is a handful of vectorised
joins per Discussion (``merge``), not loops over pairs.  The rules, in the order
they are tried, are written down in README.md ("Reference resolution") and in
:func:`link_comments`.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata

import numpy as np
import pandas as pd

from .schema import empty, is_placeholder

RESOLUTIONS = ("number+author", "number", "author", "unresolved")

#: Defaults of :func:`link_comments`; a study reports these (``d.settings["resolver"]`` holds overrides).
DEFAULTS = {
    "fuzzy_threshold": 85.0,
    "author_only": True,
    "tie": "latest",
    "same_thread": True,
    "conflict": "unresolved",
    "prefix_min": 4,
    "max_name_words": 3,
    "lowercase_handles": False,
    "quotes": True,
    "page_order": True,
}

# --- extraction --------------------------------------------------------------------------------

#: ``@`` not inside a word, an e-mail address or a URL path; then an optional space; then a number
#: (``12``, ``Nr. 12``, ``#12``; not ``12:30``, ``12,5``, ``12 Uhr``, ``12 %``) or a letter; then a
#: bounded tail (at most 80 characters, up to the line end or the next ``@``) that holds the name.
MENTION = re.compile(
    r"(?<![\w@/+=%&~\\-])@(?P<sp>[ \t\u00a0]?)"
    r"(?:(?:(?:Nr|No|Nummer)\.?[ \t]?|\#[ \t]?)?(?P<num>\d{1,6})(?!\d)(?![.,:]\d)"
    r"(?![ \t]?(?:%|€|\$|Uhr\b|Euro\b|EUR\b|Prozent\b|Dollar\b|USD\b|Jahre?n?\b))"
    r"|(?=[^\W\d_]))"
    r"(?P<tail>[^\n@]{0,80})"
)
_SEP = re.compile(r"[ \t\u00a0]*[,:;.\-–—]?[ \t\u00a0]*")
_TOKEN = re.compile(r"[^\W_]+")           # letters and digits: the pieces of a name
_TOKEN_GAP = re.compile(r"[ .'’_\-]{1,3}")  # what may stand between the pieces of one name
_MAX_TOKENS = 6
#: ``_TOKEN``, then up to ``_MAX_TOKENS - 1`` times ``_TOKEN_GAP`` and ``_TOKEN`` (a gap counts only
#: where a token follows it), in one match: the groups are token, gap, token, gap, ...
_NAME_TOKENS = re.compile(r"([^\W_]+)" + r"(?:([ .'’_\-]{1,3})([^\W_]+)" * (_MAX_TOKENS - 1)
                          + ")?" * (_MAX_TOKENS - 1))
_WORD = re.compile(r"[^\W_](?:[\w'’\-]|\.(?=[^\W\d_]))*\.?")
_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
#: where a glued handle may end inside a token: ``argyle|You``, ``Rob_K|The``, ``Gillon|I``
_INNER_CUT = re.compile(rf"(?<=[{_LOWER}0-9])(?=[{_UPPER}])|(?<=[{_UPPER}])(?=[{_UPPER}][{_LOWER}])")
_NONALNUM = re.compile(r"[\W_]+")
_WORD_SPLIT = re.compile(r"[\s_]+")
_WORD_GAP = re.compile(r"[ \t\u00a0]{1,2}")
_TITLE_NEXT = re.compile(rf"[ \t\u00a0]{{1,2}}[{_UPPER}]")
_LETTERS = re.compile(r"[^\W\d_]+")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ı": "i",
                                 "ł": "l", "đ": "d"})
#: an unknown name right after an article is a noun, not a handle: ``das @Zeichen``, ``the @sign``
_DETERMINER = re.compile(r"(?:^|(?<=\W))(?:das|der|die|dem|den|des|ein|eine|einem|einen|the|an|a|this|that)[ \t]$",
                         re.IGNORECASE)
_URL_START = ("http:", "https:", "www.", "ftp:")

#: Capitalised words that start a sentence rather than continue a name (German and English):
#: an unknown name stops before them, and ``@Sie haben recht`` is no reference.
STOPWORDS = frozenset("""
ich du er sie es wir ihr ihnen ihre dein deine sein seine mein meine unser unsere euer das der die
den dem des ein eine einen einem und aber oder doch denn dann da ja nein nicht nur auch schon noch so
wie was wer wo warum wieso weshalb wenn als ob na also genau danke bitte leider natürlich hallo sehr
gut richtig stimmt völlig selbst man nr nummer lieber liebe zum zur im am um von mit alles alle
i you your youre you're the a an this that these those it its it's we he she they them my our yes
not thanks thank well but and or what why how who where when if sorry agree agreed exactly good
great nice hi hey dear re lol ok okay indeed really do don't dont are is was have has in on at as of
to for with just please no
""".split())


#: abbreviated titles whose dot does not end the name when a capitalised word follows (``@Dr. Who``)
TITLES = frozenset({"dr", "mr", "mrs", "ms", "prof", "hr", "fr", "st"})


@functools.lru_cache(maxsize=1 << 18)
def _norm(s: str) -> str:
    return _NONALNUM.sub("", unicodedata.normalize("NFKD", s.casefold().translate(_UMLAUTS)))


def normalize_name(name) -> str:
    """The key names are compared by: case-, space-, punctuation- and umlaut-insensitive.

    >>> normalize_name("W. Merseburger"), normalize_name("Müller-Lüdenscheidt"), normalize_name("Rob_K")
    ('wmerseburger', 'muellerluedenscheidt', 'robk')
    >>> normalize_name("Mueller") == normalize_name("MÜLLER")
    True
    """
    return _norm(str(name))


@functools.lru_cache(maxsize=1 << 18)
def _aliases(a: str):
    """The key of author ``a`` and the keys it may be written as (itself, first word, initials)."""
    k = normalize_name(a)
    if len(k) < 2:
        return None
    out = [k]
    words = [w for w in (normalize_name(w) for w in _WORD_SPLIT.split(a)) if w]
    if len(words) >= 2 and len(words[0]) >= 4:
        out.append(words[0])                                     # "Gottlob" for "Gottlob Frege"
    if len(words) >= 3:
        out.append("".join(w[0] for w in words[:-1]) + words[-1])  # CCETown
    return k, tuple(out)


def _author_key(a):
    """The key an author is known by in an article, or None: no name, a placeholder, too short."""
    if not isinstance(a, str) or a.startswith("["):  # "[removed]", "[deleted]": placeholders
        return None
    k = _norm(a)
    return k if len(k) >= 2 else None


def _author_indexes(articles: np.ndarray, authors: pd.Series, need: np.ndarray) -> dict:
    """article code -> :class:`_Authors` for the articles where ``need[code]``, from the rows'
    article codes ``articles`` and ``authors``; each name in the order it first appears."""
    codes, uniq = pd.factorize(authors)                 # a missing author: -1
    norms = [_author_key(a) for a in uniq.tolist()]
    ok = np.array([k is not None for k in norms] + [False], dtype=bool)  # code -1: the extra last
    rows = np.flatnonzero(need[articles] & ok[codes])
    pair = articles[rows].astype(np.int64) * (len(uniq) + 1) + codes[rows]
    rows = rows[np.sort(np.unique(pair, return_index=True)[1])]   # first row of each (article, author)
    rows = rows[np.argsort(articles[rows], kind="stable")]
    arts, auths = articles[rows], codes[rows]
    cuts = np.flatnonzero(np.diff(arts)) + 1
    names = uniq.take(auths).tolist() if len(auths) else []
    out = {}
    lo = 0
    for hi in [*cuts.tolist(), len(rows)]:
        if hi > lo:
            part = auths[lo:hi].tolist()
            out[int(arts[lo])] = _Authors.of_names(names[lo:hi], [norms[i] for i in part])
        lo = hi
    return out


class _Authors:
    """The authors known in one article, indexed for exact, prefix and fuzzy matching.

    The sorted prefix index is built on first use: most references match exactly or by number.
    """

    __slots__ = ("keys", "shared", "_pairs", "_prefix", "_sorted", "first", "longest")

    def __init__(self, authors):
        names = []
        norms = []
        for a in authors:
            k = _author_key(a)
            if k is not None:
                names.append(a)
                norms.append(k)
        self._fill(names, norms)

    @classmethod
    def of_names(cls, names: list, norms: list):
        """From names already checked by :func:`_author_key` (in order, each once) and their keys."""
        self = cls.__new__(cls)
        self._fill(names, norms)
        return self

    def _fill(self, names, norms):
        keys: dict[str, str] = dict(zip(reversed(norms), reversed(names)))   # the first spelling of a key
        shared: dict[str, list[str]] = {}  # keys that several distinct authors normalise to
        if len(keys) < len(set(names)):
            for a, k in zip(names, norms):
                first = keys[k]
                if first != a:
                    same = shared.setdefault(k, [first])
                    if a not in same:
                        same.append(a)
        entries = names
        self.keys = keys
        self.shared = shared
        self._pairs = entries
        self._prefix = None
        self._sorted = None
        self.first = {k[0] for k in keys}
        self.longest = max(map(len, keys), default=0)

    def exact(self, tail: str):
        """The longest cut of ``tail`` that is a key: (key, raw end), or None.

        The cuts of the name-like start of ``tail``: after each of at most ``_MAX_TOKENS`` tokens
        (letters and digits, joined by ``_TOKEN_GAP``) and at each glued cut inside a token
        (:func:`_token_cuts`), each with the normalised text before it.  The search stops once
        that text starts no key, since every later cut extends it.

        >>> _Authors(["Anna", "Anna Maria"]).exact("Anna-Maria hat recht"), _Authors(["Ben"]).exact("Bert")
        (('annamaria', 10), None)
        """
        ordered = self._sorted
        if ordered is None:
            ordered = self._sorted = sorted(self.keys)
        m = _NAME_TOKENS.match(tail)
        if m is None:
            return None
        keys = self.keys
        group, start, end = m.group, m.start, m.end
        last = m.lastindex   # groups: token, gap, token, ...; the last that matched is a token
        best = None
        norm = ""
        for i in range(1, last + 1, 2):
            tn, inner = _token_cuts(group(i))
            for c, head in inner:
                if norm + head in keys:
                    best = (norm + head, start(i) + c)
            norm += tn
            if norm in keys:
                best = (norm, end(i))
            if i == last:
                break
            j = bisect.bisect_left(ordered, norm)
            if j == len(ordered) or not ordered[j].startswith(norm):   # no key starts with norm
                break
        return best

    def _index(self):
        if self._prefix is None:
            pairs = sorted({(al, a) for a in self._pairs for al in _aliases(a)[1]})
            self._prefix = ([k for k, _ in pairs], [a for _, a in pairs])
        return self._prefix

    @property
    def prefix_keys(self):
        return self._index()[0]

    @property
    def prefix_authors(self):
        return self._index()[1]

    fuzzy_keys = prefix_keys
    fuzzy_authors = prefix_authors

    def prefixed(self, v: str) -> set:
        keys, authors = self._index()
        i = bisect.bisect_left(keys, v)
        out = set()
        while i < len(keys) and keys[i].startswith(v):
            out.add(authors[i])
            i += 1
            if len(out) > 5:
                break
        return out


@functools.lru_cache(maxsize=1 << 16)
def _token_cuts(tok: str):
    """A token's normalised form and its inner cuts: (norm, ((offset, normalised head), ...))."""
    inner = ()
    if tok[1:].lower() != tok[1:]:   # an inner cut needs an upper-case letter after the first
        inner = tuple((c.start(), _norm(tok[:c.start()])) for c in _INNER_CUT.finditer(tok))
    return _norm(tok), inner


def _run(tail: str, max_words: int, allow_lower: bool):
    """The written name at the start of ``tail`` by the bounded rule: capitalised words (the
    first may be lowercase when ``allow_lower``), no stop words, at most ``max_words``, ending at
    punctuation, line end or a sentence end.  Returns [(start, end, word)], and the char after."""
    words = []
    pos = 0
    stopped_by_lower = False
    titles = 0         # "Dr.", "Prof." before a name: not counted as words of the name
    after_title = False
    while len(words) - titles < max_words:
        m = _WORD.match(tail, pos)
        if not m:
            break
        s = m.group()
        core = s.rstrip(".'’-")
        if not core:
            break
        first = core[0]
        if not first.isalpha():
            break
        if not (first.isupper() or (allow_lower and not words)):
            stopped_by_lower = first.islower()
            break
        if core.casefold() in STOPWORDS and not after_title:   # "@Dr. Who": a name, not the word "who"
            stopped_by_lower = True
            break
        words.append((m.start(), m.start() + len(core), core))
        after_title = (s.endswith(".") and core.casefold() in TITLES
                       and _TITLE_NEXT.match(tail[m.end():m.end() + 3]) is not None)
        titles += after_title
        if s.endswith(".") and len(core) > 1 and not after_title:
            break   # "Meier." ends a sentence; "W." is an initial; "Dr. Who" is one name
        gap = _WORD_GAP.match(tail[m.end():m.end() + 2])
        if not gap:
            break
        pos = m.end() + gap.end()
        nxt = _WORD.match(tail, pos)
        if nxt and nxt.group()[0].islower():
            stopped_by_lower = True
            break
    if stopped_by_lower and len(words) - titles >= 3:
        words = words[:-1]   # the last capitalised word likely starts the sentence
    return words


def _variants(words):
    """Normalised written-name variants, longest first: all words, glued cuts, fewer words."""
    out = []
    for k in range(len(words), 0, -1):
        head = "".join(normalize_name(w) for _, _, w in words[:k - 1])
        s, e, w = words[k - 1]
        out.append((head + normalize_name(w), e))
        cuts = {c.start() for c in _INNER_CUT.finditer(w)} | {i for i, ch in enumerate(w) if ch in "'’"}
        for c in sorted(cuts, reverse=True):
            if c:
                out.append((head + normalize_name(w[:c]), s + c))
    return out


def _glued_stop_cut(word: str) -> int:
    """Where a glued sentence start begins in an unknown handle (``lukeI`` -> 4), else len."""
    for c in (c.start() for c in _INNER_CUT.finditer(word)):
        rest = _LETTERS.match(word[c:])
        if rest and rest.group().casefold() in STOPWORDS:
            return c
    return len(word)


def _name_at(tail, idx, opt, *, direct, after_number, fuzz, after_determiner=False):
    """Match the name at the start of ``tail``: (author or None, written, end, rule, score, note)."""
    if not tail or not tail[0].isalpha():
        return None
    if idx is not None and idx.keys and _norm(tail[0])[:1] in idx.first:
        hit = idx.exact(tail)
        # "@Anna-Lena" is a double name, not Anna: a hyphen and a capital go on with the name
        if hit is not None and not (tail[hit[1]:hit[1] + 1] == "-" and tail[hit[1] + 1:hit[1] + 2].isupper()):
            key, end = hit
            a = idx.keys[key]
            if key in idx.shared:  # "Hallenser144" and "Hallenser14_4": only the spelling decides
                w = tail[:end]
                pick = ([s for s in idx.shared[key] if s == w]
                        or [s for s in idx.shared[key] if s.casefold() == w.casefold()])
                if len(pick) != 1:
                    names = ", ".join(sorted(idx.shared[key]))
                    return None, w, end, "name:ambiguous", 0.0, f"'{w}' could be any of: {names}"
                a = pick[0]
            glued = end < len(tail) and tail[end].isalnum()
            return a, tail[:end], end, "name:glued" if glued else "name:exact", 100.0, ""
    allow_lower = direct
    if not (tail[0].isupper() or allow_lower):
        return None
    words = _run(tail, opt["max_name_words"], allow_lower)
    if not words:
        return None
    nxt = tail[words[-1][1]:words[-1][1] + 1]
    terminated = nxt in ("", ":", ",", ";", "\n", "!", "?", ")", ".")
    if after_number and not terminated:
        return None
    if idx is not None and idx.keys:
        variants = _variants(words)
        for v, end in variants:
            if len(v) < opt["prefix_min"]:
                continue
            found = idx.prefixed(v)
            if len(found) == 1:
                a = next(iter(found))
                return a, tail[:end], end, "name:prefix", round(100.0 * len(v) / len(normalize_name(a)), 1), ""
            if len(found) > 1:
                names = ", ".join(sorted(found))
                return None, tail[:end], end, "name:ambiguous", 0.0, f"'{tail[:end]}' could be any of: {names}"
        thr = opt["fuzzy_threshold"]
        if thr is not None and thr < 100 and fuzz is not None:
            for v, end in variants:
                if len(v) < opt["prefix_min"]:
                    continue
                best = fuzz.process.extractOne(v, idx.fuzzy_keys, scorer=fuzz.fuzz.ratio, score_cutoff=thr)
                if best is not None:
                    return (idx.fuzzy_authors[best[2]], tail[:end], end, "name:fuzzy", round(float(best[1]), 1),
                            f"fuzzy match ({best[1]:.0f} >= {thr:g})")
    # an unknown name: directly after @, capitalised (or lowercase with lowercase_handles)
    if not (direct or after_number) or not (tail[0].isupper() or opt["lowercase_handles"]) or after_determiner:
        return None
    if after_number and nxt not in (":", ","):   # "@12 Ralf Meier:" names; "@12 Alles Quatsch." does not
        return None
    s, e, w = words[-1]
    cut = _glued_stop_cut(w)
    end = s + cut if cut else e
    if cut == 0:
        return None
    if len(words) == 1 and not w[:cut][0].isupper() and not opt["lowercase_handles"]:
        return None
    return None, tail[:end], end, "name:unknown", 0.0, ""


def _fuzz_module():
    try:
        import rapidfuzz
        import rapidfuzz.fuzz
        import rapidfuzz.process
    except ImportError:  # pragma: no cover - rapidfuzz is a dependency
        return None
    return rapidfuzz


#: a first line "Antwort auf Anna Müller", "Antwort an Anna Müller:", "In reply to Anna Müller",
#: "Reply to @anna" (copied German and English pages): a reference to that author
_REPLY_START = r"(?i)\s*(?:Antwort (?:auf|an)|In reply to|Reply to)[ \t]"
_REPLY_LINE = re.compile(r"\s*(?P<phrase>(?:Antwort[ \t]+(?:auf|an)|In[ \t]+reply[ \t]+to|Reply[ \t]+to)[ \t]+@?[ \t]?)"
                         r"(?P<name>[^\W\d_][^\n@]{0,79})", re.IGNORECASE)


def _matches(text: str):
    """``MENTION.finditer(text)``, trying the pattern only where an ``@`` stands (every match
    starts with one and none holds a second), which spares the engine a try at every character."""
    find, match = text.find, MENTION.match
    pos = find("@")
    while pos >= 0:
        m = match(text, pos)
        if m is None:
            pos = find("@", pos + 1)
        else:
            yield m
            pos = find("@", m.end())


def _candidates(text: pd.Series) -> np.ndarray:
    """Which texts may hold a reference: an ``@``, or a first line that matches ``_REPLY_START``.

    ``_REPLY_START`` is tried only on texts without ``@`` that contain "reply" or "antwort" in any
    case: under ``re.IGNORECASE`` these letters match only their ASCII forms, so the filter misses
    no match.

    >>> _candidates(pd.Series(["a@b", "Reply to Ben", "no reply to Ben", None])).tolist()
    [True, True, False, False]
    """
    has_at = text.str.contains("@", regex=True).fillna(False).to_numpy(dtype=bool)
    maybe = ~has_at & (text.str.contains("reply", case=False, regex=False).fillna(False).to_numpy(dtype=bool)
                       | text.str.contains("antwort", case=False, regex=False).fillna(False).to_numpy(dtype=bool))
    if maybe.any():
        where = np.flatnonzero(maybe)
        match = re.compile(_REPLY_START).match
        start = np.zeros(len(has_at), dtype=bool)
        start[where] = [match(t) is not None for t in text.iloc[where].tolist()]
        has_at = has_at | start
    return has_at


def extract(comments: pd.DataFrame, **options) -> pd.DataFrame:
    """Every @-reference in ``comments["text"]`` with its span and the name it matched.

    One row per reference: comment_id, article_id, start, end, raw, written_number,
    written_name, matched_author (a known author of the article, or NA), rule, score, note.

    >>> c = pd.DataFrame({"comment_id": ["a", "b"], "article_id": ["x", "x"], "author": ["Anna", "Ben"],
    ...                   "text": ["mail me: max@example.org", "@1 Anna: ja, und @Ralf Meier\\nnein"]})
    >>> extract(c)[["comment_id", "raw", "matched_author", "rule"]].fillna("-").values.tolist()
    [['b', '@1 Anna', 'Anna', 'number+name:exact'], ['b', '@Ralf Meier', '-', 'name:unknown']]
    """
    opt = {**DEFAULTS, **options}
    fuzz = _fuzz_module()
    take = _candidates(comments["text"])
    sub = comments.loc[take, ["comment_id", "article_id", "text"]]
    if not len(sub):
        return _extract_frame([])
    articles, uniq = pd.factorize(comments["article_id"], use_na_sentinel=False)
    need = np.zeros(len(uniq), dtype=bool)
    need[articles[take]] = True
    indexes = _author_indexes(articles, comments["author"], need)
    empty_index = _Authors(())
    rows = []
    append = rows.append
    sep_match = _SEP.match
    det_search = _DETERMINER.search
    for cid, aid, text, code in zip(sub["comment_id"].tolist(), sub["article_id"].tolist(), sub["text"].tolist(),
                                    articles[take].tolist()):
        if not isinstance(text, str):
            continue
        idx = indexes.get(code, empty_index)
        skip_to = 0
        line = _REPLY_LINE.match(text) if text[:1].isspace() or text[:1] in "AaIiRr" else None
        if line is not None:
            name = line.group("name")
            got = _name_at(name, idx, opt, direct=True, after_number=False, fuzz=fuzz)
            # an author of the article; an unknown name only when it fills the line ("Antwort an Grund ..." is text)
            if got is not None and (got[0] is not None or name[got[2]:].strip(" \t:") == ""):
                author, written, end, rule, score, note = got
                at, end = line.start("phrase"), line.start("name") + end
                append((cid, aid, at, end, text[at:end], None, written, author, "reply-line", score, note))
                skip_to = end
        for m in _matches(text):
            at = m.start()
            if at < skip_to:
                continue
            if at and text[at - 1] not in " \n\t":
                lo = max(0, at - 300)
                ws = max(text.rfind(" ", lo, at), text.rfind("\n", lo, at), lo - 1) + 1
                if text[ws:at].lstrip("(<[\"'„“").startswith(_URL_START):
                    continue
            tail, num, sp = m.group("tail", "num", "sp")
            tail0 = m.start("tail")
            if num is not None:
                skip = sep_match(tail).end()
                got = _name_at(tail[skip:], idx, opt, direct=False, after_number=True, fuzz=fuzz)
                if got is None or (got[0] is None and got[3] == "name:ambiguous"):
                    append((cid, aid, at, tail0, text[at:tail0], int(num), None, None, "number", 100.0, ""))
                else:
                    author, written, end, rule, score, note = got
                    end = tail0 + skip + end
                    append((cid, aid, at, end, text[at:end], int(num), written, author, "number+" + rule, score, note))
                continue
            det = det_search(text, max(0, at - 8), at) is not None
            got = _name_at(tail, idx, opt, direct=not sp, after_number=False, fuzz=fuzz, after_determiner=det)
            if got is None:
                continue
            author, written, end, rule, score, note = got
            append((cid, aid, at, tail0 + end, text[at:tail0 + end], None, written, author, rule, score, note))
    return _extract_frame(rows)


_EXTRACT_DTYPES = {"comment_id": "str", "article_id": "str", "start": "Int64", "end": "Int64", "raw": "str",
                   "written_number": "Int64", "written_name": "str", "matched_author": "str",
                   "rule": "str", "score": "Float64", "note": "str"}


def _extract_frame(rows) -> pd.DataFrame:
    if not rows:
        return pd.DataFrame([], columns=list(_EXTRACT_DTYPES)).astype(_EXTRACT_DTYPES)
    table = np.array(rows, dtype=object)   # one (len(rows), 11) block: cheaper than zip(*rows) on many rows
    return pd.DataFrame({k: pd.array(table[:, j], dtype=t) for j, (k, t) in enumerate(_EXTRACT_DTYPES.items())})


# --- threads -------------------------------------------------------------------------------------

def thread_roots(comments: pd.DataFrame) -> pd.Series:
    """The root comment id of each comment's thread, following explicit ``parent_id`` links.

    A comment without a parent (or whose parent is not in the data) is its own root.
    Cycles stop after 64 steps.

    >>> c = pd.DataFrame({"comment_id": ["a", "b", "c"], "parent_id": [None, "a", "b"]})
    >>> thread_roots(c).tolist()
    ['a', 'a', 'a']
    """
    ids = comments["comment_id"].astype("str")
    parent = pd.Series(comments["parent_id"].to_numpy(), index=ids.to_numpy(), dtype="str")
    parent = parent[parent.notna() & parent.isin(parent.index)]
    parent = parent[~parent.index.duplicated()]
    if not len(parent):
        return pd.Series(ids.to_numpy(), index=comments.index, dtype="str", name="thread")
    root = pd.Series(ids.to_numpy(), index=ids.to_numpy(), dtype="str")
    root = root[~root.index.duplicated()]
    up = root.map(parent).fillna(root)
    for _ in range(64):
        nxt = up.map(parent).fillna(up)
        if nxt.equals(up):
            break
        up = nxt
    return pd.Series(ids.map(up).to_numpy(), index=comments.index, dtype="str", name="thread")


# --- resolution ----------------------------------------------------------------------------------

def link_comments(comments: pd.DataFrame, *, fuzzy_threshold: float | None = 85.0, author_only: bool = True,
                  tie: str = "latest", same_thread: bool = True, conflict: str = "unresolved",
                  prefix_min: int = 4, max_name_words: int = 3,
                  lowercase_handles: bool = False, quotes: bool = True,
                  page_order: bool = True) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Find @-references and resolve them, within each article, to earlier comments.

    Returns ``(mentions, replies)``: one mention row per reference, one reply edge per mention
    (resolved or dangling; none for a reference to the comment's own author) plus one per explicit
    ``parent_id``.  Options (each belongs in a study's methods section):

    fuzzy_threshold
        rapidfuzz ``ratio`` (0-100) a written name must reach against a known author (or the
        first word of a multi-word name) when no exact or prefix match exists; None switches
        fuzzy matching off.
    author_only
        whether a reference that names an author but gives no number may resolve.
    tie
        which of several earlier comments by the named author: ``"latest"`` before the reply,
        ``"earliest"``, or ``"unresolved"`` (leave it open).
    same_thread
        where the source has explicit parent ids, prefer the author's comments in the reply's own
        thread.
    conflict
        number and name point at different comments: ``"unresolved"`` (no edge to either, the
        reason names both), ``"number"`` or ``"author"`` (trust that one).
    prefix_min
        shortest written name (normalised characters) that may match as the prefix of a known
        author (``@Miss M`` -> ``Miss Moppet``, ``@argyle`` -> ``argyle5663``).
    max_name_words
        most words an unknown name may have (``@Ralf Meier``).
    lowercase_handles
        count an unknown lowercase handle directly after ``@`` (``@jihymas1``) as a reference.
    quotes
        among several earlier comments of the named author, take the one the reply quotes
        verbatim (20+ characters in quotes or after ``>``) before applying ``same_thread``/``tie``.
    page_order
        on a page (comments with a ``line``) and with ``tie="latest"``: of several earlier comments of the
        named author, take the nearest one printed above the reply (pages that print replies under the
        comment they answer); where none is above, the latest.

    >>> c = pd.DataFrame({"comment_id": ["1", "2", "3"], "article_id": "x", "number": [1, 2, 3],
    ...     "author": ["Anna", "Ben", "Anna"], "text": ["Hallo", "@1 Anna: nein", "@Ben doch! @Ralf Meier?"],
    ...     "posted_at": pd.to_datetime(["2019-03-01 10:00", "2019-03-01 11:00", "2019-03-01 12:00"])})
    >>> m, r = link_comments(c)
    >>> m[["raw", "target_comment_id", "target_author", "resolution"]].fillna("-").values.tolist()
    [['@1 Anna', '1', 'Anna', 'number+author'], ['@Ben', '2', 'Ben', 'author'], ['@Ralf Meier', '-', 'Ralf Meier', 'unresolved']]
    >>> len(r)
    3
    """
    opt = dict(fuzzy_threshold=fuzzy_threshold, author_only=author_only, tie=tie, same_thread=same_thread,
               conflict=conflict, prefix_min=prefix_min, max_name_words=max_name_words,
               lowercase_handles=lowercase_handles, quotes=quotes, page_order=page_order)
    if tie not in ("latest", "earliest", "unresolved"):
        raise ValueError(f"tie must be 'latest', 'earliest' or 'unresolved', not {tie!r}")
    if conflict not in ("unresolved", "number", "author"):
        raise ValueError(f"conflict must be 'unresolved', 'number' or 'author', not {conflict!r}")
    c = _prepare(comments)
    found = extract(c, **opt)
    mentions = _resolve(found, c, opt)
    return mentions, _replies(mentions, c)


def replies_from(mentions: pd.DataFrame, comments: pd.DataFrame) -> pd.DataFrame:
    """Reply edges from resolved ``mentions`` (those with ``edge`` true) and explicit parent ids."""
    return _replies(mentions, _prepare(comments))


def _prepare(comments: pd.DataFrame) -> pd.DataFrame:
    c = comments.reset_index(drop=True)
    for col, dtype in (("comment_id", "str"), ("article_id", "str"), ("author", "str"), ("text", "str"),
                       ("parent_id", "str"), ("number", "Int64")):
        if col not in c.columns:
            c = c.assign(**{col: pd.Series([pd.NA] * len(c), dtype=dtype)})
    if "article_id" in comments.columns and c["article_id"].isna().any():
        c = c.assign(article_id=c["article_id"].fillna(""))
    if "posted_at" not in c.columns:
        c = c.assign(posted_at=pd.NaT)
    # order within the article in the source, for tables only (a row without a page line): it breaks
    # a same-minute tie where numbers are missing; on a page the order is not the posting order
    if "position" in c.columns and "line" in c.columns:
        c = c.assign(_order=c["position"].astype("Int64").where(c["line"].isna()))
    elif "position" in c.columns:
        c = c.assign(_order=c["position"].astype("Int64"))
    else:
        c = c.assign(_order=pd.Series(pd.NA, index=c.index, dtype="Int64"))
    if "position" in c.columns and "line" in c.columns:   # where a comment stands on its page
        c = c.assign(_page_pos=c["position"].astype("Int64").where(c["line"].notna()))
    else:
        c = c.assign(_page_pos=pd.Series(pd.NA, index=c.index, dtype="Int64"))
    if c["parent_id"].notna().any():
        c = c.assign(thread=thread_roots(c))
    else:
        c = c.assign(thread=c["comment_id"])
    has_parents = c["parent_id"].notna().groupby(c["article_id"], sort=False).transform("any")
    return c.assign(_threaded=has_parents.astype(bool))


def _before(t_time, t_num, s_time, s_num, t_order=None, s_order=None):
    """Target posted before source: earlier time, or the same time and a lower number; where a
    number is missing, the same time and an earlier row of the source table (``t_order < s_order``).

    >>> t = pd.Series(pd.to_datetime(["2019-03-01 10:03"] * 2))
    >>> n = pd.Series([pd.NA, pd.NA], dtype="Int64")
    >>> _before(t, n, t[::-1].reset_index(drop=True), n, pd.Series([0, 1]), pd.Series([1, 0])).tolist()
    [True, False]
    """
    earlier = (t_time < s_time).fillna(False)
    lower = (t_num < s_num).fillna(False)
    if t_order is not None and s_order is not None:
        no_num = t_num.isna() | s_num.isna()
        lower = lower | ((t_order < s_order).fillna(False) & no_num)
    same = (t_time == s_time).fillna(False) & lower
    return (earlier | same).astype(bool)


def _num(x):
    return "" if pd.isna(x) else f"#{int(x)}"


def _codes(*columns) -> list[np.ndarray]:
    """Integer codes of the values of several columns, equal values (NA included) equal codes.

    >>> [a.tolist() for a in _codes(pd.Series(["x", "y", None]), pd.Series(["y", None, "z"]))]
    [[0, 1, 2], [1, 2, 3]]
    """
    values = pd.concat([pd.Series(col.array if isinstance(col, pd.Series) else col) for col in columns],
                       ignore_index=True)
    codes = pd.factorize(values, use_na_sentinel=False)[0].astype(np.int64, copy=False)
    return np.split(codes, np.cumsum([len(col) for col in columns])[:-1])


def _first_rows(codes: np.ndarray, size: int, last: bool = False) -> np.ndarray:
    """For each code below ``size``, the first (or last) position holding it in ``codes``; -1 where none.

    >>> _first_rows(np.array([2, 0, 2]), 4).tolist(), _first_rows(np.array([2, 0, 2]), 4, last=True).tolist()
    ([1, -1, 0, -1], [1, -1, 2, -1])
    """
    out = np.full(size, -1, dtype=np.int64)
    pos = np.arange(len(codes), dtype=np.int64)
    if last:
        out[codes] = pos            # where a code repeats, the last assignment stays
    else:
        out[codes[::-1]] = pos[::-1]
    return out


def _lookup(rows_of: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """``rows_of[codes]``, -1 for codes outside ``rows_of``.

    >>> _lookup(np.array([4, 5]), np.array([1, 2, -1, 0])).tolist()
    [5, -1, -1, 4]
    >>> _lookup(np.array([], dtype=int), np.array([0])).tolist()
    [-1]
    """
    if not len(rows_of):
        return np.full(len(codes), -1, dtype=np.int64)
    inside = (codes >= 0) & (codes < len(rows_of))
    return np.where(inside, rows_of[np.where(inside, codes, 0)], -1)


def _whole_numbers(col: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Where ``col`` holds a whole number, and the numbers as int64 (0 elsewhere).

    >>> [a.tolist() for a in _whole_numbers(pd.Series([1.0, None, 2.5]))]
    [[True, False, False], [1, 0, 0]]
    >>> [a.tolist() for a in _whole_numbers(pd.Series([3, pd.NA], dtype=object))]
    [[True, False], [3, 0]]
    """
    if pd.api.types.is_integer_dtype(col.dtype):
        return col.notna().to_numpy(dtype=bool), col.to_numpy(dtype="int64", na_value=0)
    if not (pd.api.types.is_numeric_dtype(col.dtype)
            or pd.api.types.infer_dtype(col, skipna=True) in ("integer", "floating", "mixed-integer-float", "empty")):
        raise ValueError(f"comment numbers must be numbers, not {col.dtype} values")   # as the join on them did
    x = pd.to_numeric(col, errors="coerce").astype("Float64")
    ok = (x.notna() & (x == x.round()) & (x.abs() < 2.0 ** 62)).fillna(False).to_numpy(dtype=bool)
    return ok, x.where(ok, 0).to_numpy(dtype="int64", na_value=0)


def _take(col: pd.Series, rows: np.ndarray) -> pd.Series:
    """``col`` at positions ``rows`` (-1: missing, as a left join leaves it), on a fresh range index."""
    if (rows < 0).any():
        values = pd.api.extensions.take(col.array, rows, allow_fill=True)
    else:
        values = col.array.take(rows)
    return pd.Series(values, name=col.name, copy=False)


def _resolve(found: pd.DataFrame, c: pd.DataFrame, opt) -> pd.DataFrame:
    if not len(found):
        return empty("mentions")
    m = found.reset_index(drop=True).rename_axis("mid").reset_index()
    # integer codes instead of string joins: comment ids, articles, (article, author) keys
    ids, m_ids = _codes(c["comment_id"], m["comment_id"])
    id_na = c["comment_id"].isna().to_numpy(dtype=bool)
    s_row = _lookup(_first_rows(ids, int(ids.max(initial=-1)) + 1), m_ids)   # first comment with the reply's id
    art, m_art = _codes(c["article_id"], m["article_id"])
    src = {"s_author": "author", "s_time": "posted_at", "s_number": "number", "s_thread": "thread",
           "s_threaded": "_threaded", "s_order": "_order"}
    m = m.assign(**{k: _take(c[v], s_row).array for k, v in src.items()})

    # by number: comments keyed by (article, number); a duplicate number keeps its first comment
    has_number, numbers = _whole_numbers(c["number"])
    has_written, written = _whole_numbers(m["written_number"])
    numbers, written = _codes(numbers[has_number], written[has_written])
    n_numbers = int(max(numbers.max(initial=-1), written.max(initial=-1))) + 1
    key, m_key = _codes(art[has_number] * n_numbers + numbers, m_art[has_written] * n_numbers + written)
    first = np.flatnonzero(has_number)[_first_rows(key, int(key.max(initial=-1)) + 1)]
    n_row = np.full(len(m), -1, dtype=np.int64)
    n_row[has_written] = _lookup(first, m_key)
    num = {"n_id": "comment_id", "n_author": "author", "n_time": "posted_at", "n_order": "_order"}
    m = m.assign(**{k: _take(c[v], n_row).array for k, v in num.items()})

    # by author: every comment of the named author in the article (in source order), one pick per mention
    authors, m_authors = _codes(c["author"], m["matched_author"])
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
        _pairs(named[a:b], lo[a:b], counts[a:b], order, s_row, ids, m_ids, id_na, c, opt,
               (n_tied, n_early, n_thread, a_pick, in_thread, quoted, by_page))
        a = b
    picked = a_pick >= 0

    def flag(values):   # a bool per pick; NaN where no pick, as a left join leaves it
        return values if picked.all() else np.where(picked, values.astype(object), np.nan)

    m = m.assign(a_id=_take(c["comment_id"], a_pick).array, a_number=_take(c["number"], a_pick).array,
                 in_thread=flag(in_thread), quoted=flag(quoted), by_page=flag(by_page),
                 n_all=n_all.astype(int), n_early=n_early.astype(int), n_tied=n_tied.astype(int),
                 n_thread=n_thread.astype(int))
    return _decide(m, opt)


#: (mention, candidate comment) pairs looked at at once
_PAIRS = 2_000_000


def _pairs(named, lo, counts, order, s_row, ids, m_ids, id_na, c, opt, out) -> None:
    """For the mentions ``named`` and every comment of the named author in the article
    (``order[lo:lo + counts]``): counts and the pick, written into ``out`` = (n_tied, n_early, n_thread,
    a_pick, in_thread, quoted, by_page), arrays over all mentions."""
    n_tied_all, n_early_all, n_thread_all, a_pick, in_thread_pick, quoted_pick, by_page_pick = out
    n = len(n_tied_all)
    mid = np.repeat(named, counts)            # one row per (mention, comment of the named author)
    starts = np.cumsum(counts) - counts
    a_row = order[np.repeat(lo - starts, counts) + np.arange(len(mid))]
    p_src = s_row[mid]
    pairs = pd.DataFrame({"a_time": _take(c["posted_at"], a_row), "a_number": _take(c["number"], a_row),
                          "a_order": _take(c["_order"], a_row), "s_time": _take(c["posted_at"], p_src),
                          "s_number": _take(c["number"], p_src), "s_order": _take(c["_order"], p_src)})
    before = _before(pairs["a_time"], pairs["a_number"], pairs["s_time"], pairs["s_number"],
                     pairs["a_order"], pairs["s_order"]).to_numpy(dtype=bool)
    # the author's other comments posted in the reply's minute whose order is unknown
    tied = (~before & (pairs["a_time"] == pairs["s_time"]).fillna(False).to_numpy(dtype=bool)
            & ((ids[a_row] != m_ids[mid]) | id_na[a_row])
            & ~(pairs["a_number"] > pairs["s_number"]).fillna(False).to_numpy(dtype=bool)
            & ~(pairs["a_order"] > pairs["s_order"]).fillna(False).to_numpy(dtype=bool))
    n_tied_all += np.bincount(mid[tied], minlength=n)
    mid, a_row, p_src = mid[before], a_row[before], p_src[before]
    if opt["same_thread"]:
        in_thread = (_take(c["_threaded"], p_src) & (_take(c["thread"], a_row) == _take(c["thread"], p_src)))
        in_thread = in_thread.astype(bool).to_numpy()
    else:
        in_thread = np.zeros(len(mid), dtype=bool)
    n_early_all += np.bincount(mid, minlength=n)
    n_thread_all += np.bincount(mid, weights=in_thread, minlength=n).astype(np.int64)
    quoted = _quoted(mid, a_row, m_ids, ids, c["text"]) if opt["quotes"] else np.zeros(len(mid), dtype=bool)
    ascending = opt["tie"] == "earliest"
    early = pd.DataFrame({"mid": mid, "quoted": quoted, "in_thread": in_thread,
                          "a_time": _take(c["posted_at"], a_row), "a_number": _take(c["number"], a_row)})
    keys = ["mid", "quoted", "in_thread", "a_time", "a_number"]

    def tops(frame, keys, order):
        ranked = frame.sort_values(keys, ascending=order, na_position="first").index.to_numpy()
        ranked_mid = mid[ranked]
        return ranked[np.r_[True, ranked_mid[1:] != ranked_mid[:-1]]] if len(ranked) else ranked

    top = tops(early, keys, [True, False, False, ascending, ascending])
    if opt.get("page_order", True) and opt["tie"] == "latest":
        a_pos, s_pos = _take(c["_page_pos"], a_row), _take(c["_page_pos"], p_src)
        above = (a_pos < s_pos).fillna(False).to_numpy(dtype=bool)
        if above.any():   # the nearest comment above the reply ranks first (after quotes and threads)
            early = early.assign(above=np.where(above, a_pos.fillna(-1).to_numpy(dtype=np.int64), -1))
            page_top = tops(early, ["mid", "quoted", "in_thread", "above", "a_time", "a_number"],
                            [True, False, False, False, ascending, ascending])
            by_page_pick[mid[page_top]] = a_row[page_top] != a_row[top]
            top = page_top
    a_pick[mid[top]] = a_row[top]
    in_thread_pick[mid[top]] = in_thread[top]
    quoted_pick[mid[top]] = quoted[top]


QUOTE = re.compile(r"'([^'\n]{20,400})'|\"([^\"\n]{20,400})\"|[„“”]([^„“”\n]{20,400})[“”]|^>[ \t]?(.{20,400})$",
                   re.MULTILINE)


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
    last = _first_rows(ids, len(ids) and int(ids.max()) + 1, last=True)
    mids = np.unique(mid[several])
    rows = _lookup(last, m_ids[mids])
    src_text = _take(text, rows).tolist()
    quotes = {}
    for k, t in zip(mids.tolist(), src_text):
        if isinstance(t, str) and ("'" in t or '"' in t or "„" in t or "“" in t or ">" in t):
            qs = [" ".join(next(g for g in q.groups() if g).split()).strip(" .…").casefold()
                  for q in QUOTE.finditer(t)]
            qs = [q for q in qs if len(q) >= 20]
            if qs:
                quotes[k] = qs
    if not quotes:
        return out
    sub = np.flatnonzero(np.isin(mid, np.fromiter(quotes, dtype=np.int64, count=len(quotes))))
    texts = _take(text, last[ids[a_row[sub]]]).tolist()
    hit = [any(q in " ".join(str(t).split()).casefold() for q in quotes[k])
           for k, t in zip(mid[sub].tolist(), texts)]
    out[sub] = hit
    return out


def _decide(m: pd.DataFrame, opt) -> pd.DataFrame:
    """One decision per mention from the number and author evidence (a small per-row rule table).

    The three common rows are decided column-wise, each exactly as :func:`_decide_rows` would:
    a number alone that exists and is earlier; number and name agreeing on it (matched exactly);
    a name alone with an earlier comment by that author (no note).  The rest goes row by row.
    """
    m = m.assign(n_before=(m["n_id"].notna() & _before(m["n_time"], m["written_number"], m["s_time"],
                                                          m["s_number"], m["n_order"], m["s_order"])).astype(bool))
    # the numbered target shares the reply's minute and neither numbers nor source rows order them
    m = m.assign(n_unsure=((m["n_time"] == m["s_time"]).fillna(False) & m["s_number"].isna()
                           & (m["n_order"].isna() | m["s_order"].isna())).astype(bool))
    has_num = m["written_number"].notna().to_numpy(dtype=bool)
    author = m["matched_author"]
    known = author.notna().to_numpy(dtype=bool)
    has_name = m["written_name"].notna().to_numpy(dtype=bool)
    rule = m["rule"]
    plain = (m["note"].fillna("") == "").to_numpy(dtype=bool)
    # two "Gast" (or "[deleted]", "Anonym") are not one person: a placeholder never names itself
    m = m.assign(s_placeholder=is_placeholder(m["s_author"]))
    s_ph = m["s_placeholder"].to_numpy(dtype=bool)
    not_self = ~((author == m["s_author"]).fillna(False).to_numpy(dtype=bool) & ~s_ph)
    n_ok = has_num & m["n_before"].to_numpy(dtype=bool)   # n_before implies n_id
    f_num = n_ok & ~has_name & ~known & (rule == "number").fillna(False).to_numpy(dtype=bool)
    f_both = (n_ok & has_name & known & not_self & plain & (rule == "number+name:exact").fillna(False).to_numpy(dtype=bool)
              & (author == m["n_author"]).fillna(False).to_numpy(dtype=bool))
    n_early = m["n_early"].to_numpy()
    f_auth = np.zeros(len(m), dtype=bool)
    if opt["author_only"]:
        f_auth = (~has_num & known & not_self & plain & m["a_id"].notna().to_numpy(dtype=bool)
                  & (rule == "name:exact").fillna(False).to_numpy(dtype=bool) & (n_early == 1))
    fast = f_num | f_both | f_auth
    by_number = f_num | f_both
    same = (m["n_author"] == m["s_author"]).fillna(False).to_numpy(dtype=bool) & ~s_ph
    tid = m["n_id"].where(by_number, m["a_id"].where(f_auth))
    tauth = m["n_author"].where(by_number, author.where(f_auth))
    tnum = m["written_number"].where(by_number, m["a_number"].where(f_auth))
    res = pd.Series(np.where(f_num, "number", np.where(f_both, "number+author", "author")), index=m.index,
                    dtype="str").where(fast)
    reason = pd.Series(pd.NA, index=m.index, dtype="str").mask(f_num & same, "answers a comment by the same author")
    cands = pd.Series(1, index=m.index, dtype="Int64")
    edge = np.ones(len(m), dtype=bool)
    slow = ~fast
    if slow.any():
        got = _decide_rows(m[slow], opt)
        idx = m.index[slow]
        tid = tid.mask(slow, pd.Series(got[0], index=idx, dtype="str"))
        tauth = tauth.mask(slow, pd.Series(got[1], index=idx, dtype="str"))
        tnum = tnum.mask(slow, pd.Series(got[2], index=idx, dtype="Int64"))
        res = res.mask(slow, pd.Series(got[3], index=idx, dtype="str"))
        reason = reason.mask(slow, pd.Series(got[4], index=idx, dtype="str"))
        cands = cands.mask(slow, pd.Series(got[5], index=idx, dtype="Int64"))
        edge[slow] = np.array(got[6], dtype=bool)
    return pd.DataFrame({
        "comment_id": m["comment_id"], "article_id": m["article_id"], "start": m["start"], "end": m["end"],
        "raw": m["raw"], "written_number": m["written_number"], "written_name": m["written_name"],
        "target_number": tnum.astype("Int64").array, "target_author": tauth.astype("str").array,
        "target_comment_id": tid.astype("str").array, "resolution": res.astype("str").array,
        "reason": reason.array, "candidates": cands.array,
        "score": m["score"], "rule": m["rule"], "matched_author": m["matched_author"],
        "edge": edge,
    })


def _decide_rows(m: pd.DataFrame, opt):
    """:func:`_decide` row by row: lists of target id, author, number, resolution, reason, candidates, edge."""
    out_id, out_author, out_number, out_res, out_reason, out_cands, out_edge = [], [], [], [], [], [], []
    cols = ["written_number", "written_name", "matched_author", "rule", "note", "s_author", "n_id", "n_author",
            "n_before", "a_id", "a_number", "in_thread", "n_all", "n_early", "n_thread", "s_threaded", "quoted",
            "by_page",
            "comment_id", "n_tied", "n_unsure", "s_placeholder"]
    for (wnum, wname, author, rule, note, s_author, n_id, n_author, n_before, a_id, a_number, in_thread,
         n_all, n_early, n_thread, threaded, quoted, by_page, s_id, n_tied, n_unsure, s_ph) in zip(*(m[k].tolist() for k in cols)):
        has_num = wnum is not pd.NA and wnum is not None
        known = isinstance(author, str)
        has_name = isinstance(wname, str)
        edge = True
        tid, tauth, tnum, res, reason, cands = pd.NA, pd.NA, (wnum if has_num else pd.NA), "unresolved", "", 0
        # author evidence
        a_ok = known and isinstance(a_id, str)
        if known:
            cands = n_early
        # (a placeholder naming its own name answers another "Gast" only when there is an earlier one)
        if known and author == s_author and not (s_ph and (isinstance(a_id, str) or isinstance(n_id, str))):
            edge = False
            res, tauth = "unresolved", author
            reason = "names the comment's own author (a sign-off or self-quote): no edge"
        elif has_num and isinstance(n_id, str):
            if n_id == s_id:   # "@ 1" in comment 1 itself
                tauth = author if known else n_author
                reason = f"comment #{wnum} is the reply itself (a self-reference): no edge"
                edge = False
            elif not n_before:
                if a_ok and opt["author_only"]:
                    tid, tauth, tnum, res = a_id, author, a_number, "author"
                    reason = f"comment #{wnum} was posted after the reply; took {author}'s comment by name"
                else:
                    tauth = author if known else n_author
                    when = ("was posted in the same minute as the reply (which came first is unknown)"
                            if n_unsure else "was posted after the reply")
                    reason = f"comment #{wnum} (by {n_author}) {when}: no edge"
                    edge = False
            elif not has_name or rule.endswith("ambiguous"):
                tid, tauth, res, cands = n_id, n_author, "number", 1
                if rule.endswith("ambiguous"):
                    reason = note
                elif n_author == s_author and not s_ph:
                    reason = "answers a comment by the same author"
            elif not known:
                # an unknown name after a number that exists: the number decides, the name disagrees
                if opt["conflict"] == "unresolved":
                    tauth = wname
                    reason = f"number and author disagree: #{wnum} is by {n_author}, the name says '{wname}': no edge"
                    edge = False
                elif opt["conflict"] == "number":
                    tid, tauth, res, cands = n_id, n_author, "number", 1
                    reason = f"number and author disagree ('{wname}' is not among the authors); took #{wnum}"
                else:
                    tauth, edge = wname, False
                    reason = f"number and author disagree: '{wname}' wrote nothing here before the reply: no edge"
            elif author == n_author:
                tid, tauth, res, cands = n_id, n_author, "number+author", 1
                if note:
                    reason = f"name matched by {rule.split(':')[-1]}: {note}"
            elif rule.endswith(("fuzzy", "prefix")):
                # "@60 Rente ...": a word after the number that only resembles an author is text
                tid, tauth, res, cands = n_id, n_author, "number", 1
                how = "fuzzily" if rule.endswith("fuzzy") else "by prefix"
                reason = (f"the words after #{wnum} ('{wname}') were not taken as a name: they match {author} "
                          f"only {how}, and #{wnum} is by {n_author}")
            else:
                msg = f"number and author disagree: #{wnum} is by {n_author}, the name says {author}"
                if opt["conflict"] == "number":
                    tid, tauth, res, cands, reason = n_id, n_author, "number", 1, msg + "; took the number"
                elif opt["conflict"] == "author" and a_ok:
                    tid, tauth, tnum, res = a_id, author, a_number, "author"
                    reason = msg + "; took the author"
                else:
                    tauth, reason, edge = author, msg + ": no edge", False
        elif has_num and not has_name and 1900 <= wnum <= 2099:
            edge = False
            reason = f"@{wnum} is no comment here and reads as a year: no edge"
        elif has_num:
            # the number is not in the data (e.g. the page shows only part of the comments)
            tauth = author if known else (wname if has_name else f"#{wnum}")
            reason = f"comment #{wnum} is not in the data"
            if known and a_ok:
                reason += f" (the named author's earlier comments here are not #{wnum})"
        elif known:
            if not a_ok:
                tauth = author
                reason = (f"{author}'s comment was posted in the same minute as the reply (which came first is "
                          f"unknown)" if n_tied else f"{author} wrote only later comments" if n_all
                          else f"no comment by {author}")
            elif not opt["author_only"]:
                tauth = author
                reason = "author-only references are not resolved (author_only=False)"
            elif n_early > 1 and opt["tie"] == "unresolved":
                tauth = author
                reason = f"{author} has {n_early} earlier comments (tie='unresolved')"
            else:
                tid, tauth, tnum, res = a_id, author, a_number, "author"
                parts = []
                if n_early > 1:
                    which = "latest" if opt["tie"] == "latest" else "earliest"
                    if quoted is True:
                        parts.append(f"{author} has {n_early} earlier comments; took the one the reply quotes")
                    elif by_page is True:
                        parts.append(f"{author} has {n_early} earlier comments; took the nearest one printed "
                                     "above the reply (page_order)")
                    elif in_thread and threaded and n_thread < n_early:
                        parts.append(f"{author} has {n_early} earlier comments; took the {which} in this thread")
                    elif threaded and opt["same_thread"] and not in_thread:
                        parts.append(f"{author} has {n_early} earlier comments, none in this thread; "
                                     f"took the {which} in the article")
                    else:
                        parts.append(f"{author} has {n_early} earlier comments; took the {which}")
                if note:
                    parts.append(f"name matched by {rule.split(':')[-1]}: {note}")
                elif rule.endswith(("prefix", "glued")):
                    parts.append(f"name matched by {rule.split(':')[-1]}")
                reason = "; ".join(parts)
        else:
            tauth = wname
            reason = note or f"target not in the data: no comment by '{wname}' in this article"
        out_id.append(tid)
        out_author.append(tauth)
        out_number.append(tnum)
        out_res.append(res)
        out_reason.append(reason or pd.NA)
        out_cands.append(cands)
        out_edge.append(edge)
    return out_id, out_author, out_number, out_res, out_reason, out_cands, out_edge


def _replies(mentions: pd.DataFrame, c: pd.DataFrame) -> pd.DataFrame:
    # each id stands for its first comment, so every lookup below is many to one (as a left join on
    # the ids with duplicates dropped); the lookups go by integer codes of the ids, NA matching NA
    parts = []
    if len(mentions):
        keep = mentions["edge"].astype(bool) if "edge" in mentions.columns else pd.Series(True, index=mentions.index)
        e = mentions.loc[keep, ["comment_id", "target_comment_id", "target_author", "resolution",
                                            "reason", "article_id"]]
        e = e.rename(columns={"comment_id": "source_comment_id"}).assign(via="mention")
    else:
        e = pd.DataFrame({"source_comment_id": pd.Series([], dtype="str"),
                          "target_comment_id": pd.Series([], dtype="str")})
    has_parent = c["parent_id"].notna().to_numpy(dtype=bool)
    withparent = c.loc[has_parent, ["comment_id", "parent_id", "article_id"]].reset_index(drop=True)
    ids, e_src, e_tgt, parent = _codes(c["comment_id"], e["source_comment_id"], e["target_comment_id"],
                                       withparent["parent_id"])
    first = _first_rows(ids, int(ids.max(initial=-1)) + 1)
    if len(mentions):
        parts.append(e)
        src_rows, tgt_rows = [_lookup(first, e_src)], [_lookup(first, e_tgt)]
    else:
        src_rows, tgt_rows = [], []
    if len(withparent):
        p_row = _lookup(first, parent)
        p_author, p_article = _take(c["author"], p_row), _take(c["article_id"], p_row)
        found = pd.Series(p_row >= 0, index=withparent.index)   # found by id (a parent may have no author)
        other = found & (p_article != withparent["article_id"]).fillna(False)
        reason = pd.Series(pd.NA, index=withparent.index, dtype="str")
        reason = reason.mask(~found, "parent id " + withparent["parent_id"] + " is not in the data")
        reason = reason.mask(other, "parent " + withparent["parent_id"] + " belongs to another article")
        parts.append(pd.DataFrame({
            "source_comment_id": withparent["comment_id"], "target_comment_id": withparent["parent_id"].where(found),
            "target_author": p_author, "resolution": "parent", "reason": reason,
            "article_id": withparent["article_id"], "via": "parent"}))
        # a parent not found leaves an NA target, which stands for the first comment without an id
        no_id = np.flatnonzero(c["comment_id"].isna().to_numpy(dtype=bool))
        na_first = no_id[0] if len(no_id) else -1
        src_rows.append(_lookup(first, ids[has_parent]))
        tgt_rows.append(np.where(found.to_numpy(dtype=bool), p_row, na_first))
    if not parts:
        return empty("replies")
    r = pd.concat(parts, ignore_index=True)
    src_rows, tgt_rows = np.concatenate(src_rows), np.concatenate(tgt_rows)
    r = r.assign(source_author=_take(c["author"], src_rows).array, s_time=_take(c["posted_at"], src_rows).array,
                 t_time=_take(c["posted_at"], tgt_rows).array)
    latency = (r["s_time"] - r["t_time"]) if len(r) else pd.Series([], dtype="timedelta64[us]")
    r = r.assign(latency=latency)
    return r[["source_comment_id", "target_comment_id", "target_author", "via", "resolution", "article_id",
              "source_author", "latency", "reason"]]
