"""Author names: the key they are compared by, their aliases, and each article's author index."""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata

import numpy as np
import pandas as pd
import polars as pl

from . import namecols
from .keys import tuple_order
from .namecols import alias_rows

TOKEN = re.compile(r"[^\W_]+")  # letters and digits: the pieces of a name
#: what may stand between the pieces of one name (a comma only after an initial: ``@B, Russell`` for ``B.Russell``)
TOKEN_GAP = re.compile(r"[ .,'’_\-]{1,3}")
_MAX_TOKENS = 6
#: ``TOKEN``, then up to ``_MAX_TOKENS - 1`` times ``TOKEN_GAP`` and ``TOKEN`` (a gap counts only
#: where a token follows it), in one match: the groups are token, gap, token, gap, ...
_NAME_TOKENS = re.compile(
    r"([^\W_]+)" + r"(?:([ .,'’_\-]{1,3})([^\W_]+)" * (_MAX_TOKENS - 1) + ")?" * (_MAX_TOKENS - 1)
)
UPPER = "A-ZÀ-ÖØ-Þ"
LOWER = "a-zß-öø-ÿ"
#: where a glued handle may end inside a token: ``argyle|You``, ``Rob_K|The``, ``Gillon|I``
INNER_CUT = re.compile(rf"(?<=[{LOWER}0-9])(?=[{UPPER}])|(?<=[{UPPER}])(?=[{UPPER}][{LOWER}])")
_NONALNUM = re.compile(r"[\W_]+")
_WORD_SPLIT = re.compile(r"[\s_]+")
_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ı": "i", "ł": "l", "đ": "d"}
)


@functools.lru_cache(maxsize=1 << 18)
def norm(s: str) -> str:
    return _NONALNUM.sub("", unicodedata.normalize("NFKD", s.casefold().translate(_UMLAUTS)))


def normalize_name(name) -> str:
    """The key names are compared by: case-, space-, punctuation- and umlaut-insensitive.

    >>> normalize_name("W. Merseburger"), normalize_name("Müller-Lüdenscheidt"), normalize_name("Rob_K")
    ('wmerseburger', 'muellerluedenscheidt', 'robk')
    >>> normalize_name("Mueller") == normalize_name("MÜLLER")
    True
    """
    return norm(str(name))


@functools.lru_cache(maxsize=1 << 18)
def aliases(a: str):
    """The key of author ``a``, the keys it may be written as (itself, first word, initials and last word: ``J. Smith``
    for ``John Smith``, last word), and those of them a written name may match fuzzily (not the last word:
    ``Schule`` is not ``Chloé Schulze``)."""
    k = normalize_name(a)
    if len(k) < 2:
        return None
    out = [k]
    words = [w for w in (normalize_name(w) for w in _WORD_SPLIT.split(a)) if w]
    if len(words) >= 2 and len(words[0]) >= 4:
        out.append(words[0])  # "Gottlob" for "Gottlob Frege"
    initials = "".join(w[0] for w in words[:-1]) + words[-1] if len(words) >= 2 else None
    if len(words) >= 3:
        out.append(initials)  # CCETown
    fuzzy = tuple(out)
    if len(words) == 2:
        out.append(initials)  # "J. Smith" for "John Smith": not fuzzily ("Nachbarn" is not "Wütender Nachbar")
    if len(words) >= 2 and len(words[-1]) >= 4:
        out.append(words[-1])  # "Holzherr" for "Martin Holzherr", "Webbaer" for "Dr. Webbaer": not fuzzily
    if len(words) >= 2 and "-" in a:  # "KH Schmidt", "K.-H. Schmidt" for "Karl-Heinz Schmidt": not fuzzily
        raw = [w for w in _WORD_SPLIT.split(a) if normalize_name(w)][:-1]
        parts = "".join(normalize_name(p)[:1] for w in raw for p in w.split("-")) + words[-1]
        if parts != initials:
            out.append(parts)
    return k, tuple(out), fuzzy


@functools.lru_cache(maxsize=1 << 18)
def author_key(a):
    """The key an author is known by in an article, or None: no name, a placeholder, too short."""
    if not isinstance(a, str) or a.startswith("["):  # "[removed]", "[deleted]": placeholders
        return None
    k = norm(a)
    return k if len(k) >= 2 else None


#: a name with a bracketed role, place or handle after it: ``Bob (mod)``, ``Anna [Redaktion]``, ``Jane Doe (@jd)``
_ROLE = re.compile(r"(.*?[^\W_].*?)[ \t]*[(\[]([^()\[\]\n]{1,40})[)\]]")


@functools.lru_cache(maxsize=1 << 16)
def role_keys(a) -> tuple[str, ...]:
    """The keys an author's name with a bracketed part after it is also known by: the name without it (``@Bob``
    names ``Bob (mod)``) and a handle in it (``@jd`` names ``Jane Doe (@jd)``).

    >>> role_keys("Bob (mod)"), role_keys("Jane Doe (@jd_w)"), role_keys("Bob"), role_keys("(mod)")
    (('bob',), ('janedoe', 'jdw'), (), ())
    """
    m = _ROLE.fullmatch(a.strip()) if isinstance(a, str) and a.rstrip()[-1:] in ")]" else None
    handle = m.group(2).strip() if m else ""
    found = [author_key(m.group(1)), author_key(handle[1:]) if handle[:1] in "@＠" else None] if m else []
    return tuple(dict.fromkeys(k for k in found if k is not None and k != author_key(a)))


def author_keys(values: list) -> np.ndarray:
    """:func:`author_key` of each value (an object array), column-wise where a name is of ``namecols.SAFE``.

    >>> author_keys(["Anna Maria", "[deleted]", None, "X", "Ωmega"]).tolist()
    ['annamaria', None, None, None, 'ωmega']
    """
    strs = [v if isinstance(v, str) else None for v in values]
    held, odd = namecols.encodable(strs)
    col = pl.Series(held, dtype=pl.String)
    frame = pl.select(key=namecols.norm(pl.lit(col)), safe=namecols.is_safe(pl.lit(col)).fill_null(False))
    out = np.array(frame["key"].to_list(), dtype=object)
    out[np.array([s is None or s.startswith("[") for s in strs], dtype=bool)] = None
    out[(frame["key"].str.len_chars() < 2).fill_null(True).to_numpy()] = None
    unsafe = np.flatnonzero((~frame["safe"].to_numpy() & np.asarray([s is not None for s in strs], dtype=bool)) | odd)
    out[unsafe] = [author_key(strs[i]) for i in unsafe.tolist()]
    return out


def author_indexes(articles: np.ndarray, authors: pd.Series, need: np.ndarray) -> dict:
    """article code -> :class:`AuthorIndex` for the articles where ``need[code]``, from the rows'
    article codes ``articles`` and ``authors``; each name in the order it first appears."""
    codes, uniq = pd.factorize(authors)  # a missing author: -1
    everyone = uniq.tolist()
    used = np.unique(codes[need[articles] & (codes >= 0)])
    norms = np.full(len(uniq) + 1, None, dtype=object)  # code -1: the extra last
    norms[used] = author_keys(uniq.take(used).tolist())
    ok = np.array([k is not None for k in norms.tolist()], dtype=bool)
    rows = np.flatnonzero(need[articles] & ok[codes])
    pair = articles[rows].astype(np.int64) * (len(uniq) + 1) + codes[rows]
    rows = rows[np.sort(np.unique(pair, return_index=True)[1])]  # first row of each (article, author)
    rows = rows[np.argsort(articles[rows], kind="stable")]
    arts, auths = articles[rows], codes[rows]
    cuts = np.flatnonzero(np.diff(arts)) + 1
    names = uniq.take(auths).tolist() if len(auths) else []
    bank = AliasBank(everyone, arts, auths)
    out = {}
    lo = 0
    for hi in [*cuts.tolist(), len(rows)]:
        if hi > lo:
            part = auths[lo:hi]
            index = AuthorIndex.of_names(names[lo:hi], norms[part].tolist())
            index.bank, index.art = bank, int(arts[lo])
            out[int(arts[lo])] = index
        lo = hi
    return out


class AuthorIndex:
    """The authors known in one article, indexed for exact, prefix and fuzzy matching.

    The sorted prefix index is built on first use: most references match exactly or by number.
    """

    __slots__ = tuple("keys shared _pairs _prefix _fuzzy _sorted first longest bank art by_start".split())

    def __init__(self, authors):
        names = []
        norms = []
        for a in authors:
            k = author_key(a)
            if k is not None:
                names.append(a)
                norms.append(k)
        self._fill(names, norms)

    @classmethod
    def of_names(cls, names: list, norms: list):
        """From names already checked by :func:`author_key` (in order, each once) and their keys."""
        self = cls.__new__(cls)
        self._fill(names, norms)
        return self

    def _fill(self, names, norms):
        keys: dict[str, str] = dict(zip(reversed(norms), reversed(names)))  # the first spelling of a key
        shared: dict[str, list[str]] = {}  # keys that several distinct authors normalise to
        if len(keys) < len(set(names)):
            for a, k in zip(names, norms):
                first = keys[k]
                if first != a:
                    same = shared.setdefault(k, [first])
                    if a not in same:
                        same.append(a)
        roles: dict[str, set] = {}  # a role-free key no author has: its owner, if there is one
        for a in names:
            for r in role_keys(a) if a[-1:] in ")]" else ():
                if r not in keys:
                    roles.setdefault(r, set()).add(a)
        keys.update((r, next(iter(owners))) for r, owners in roles.items() if len(owners) == 1)
        entries = names
        self.keys = keys
        self.shared = shared
        self._pairs = entries
        self._prefix = None
        self._fuzzy = None
        self._sorted = None
        self.first = {k[0] for k in keys}
        self.longest = max(map(len, keys), default=0)
        self.bank = None  # set by author_indexes: the corpus' aliases, sorted once
        self.art = None  # the article's code in the bank
        self.by_start = None  # set by address._word_prefixes

    def exact(self, tail: str):
        """The longest cut of ``tail`` that is a key: (key, raw end), or None.

        The cuts of the name-like start of ``tail``: after each of at most ``_MAX_TOKENS`` tokens
        (letters and digits, joined by ``TOKEN_GAP``) and at each glued cut inside a token
        (:func:`token_cuts`), each with the normalised text before it.  The search stops once
        that text starts no key, since every later cut extends it.

        >>> AuthorIndex(["Anna", "Anna Maria"]).exact("Anna-Maria hat recht"), AuthorIndex(["Ben"]).exact("Bert")
        (('annamaria', 10), None)
        >>> AuthorIndex(["B.Russell"]).exact("B, Russell: no"), AuthorIndex(["Anna", "Anna Maria"]).exact("Anna, Maria")
        (('brussell', 10), ('anna', 4))
        """
        ordered = self._sorted
        if ordered is None:
            ordered = self._sorted = sorted(self.keys)
        m = _NAME_TOKENS.match(tail)
        if m is None:
            return None
        keys = self.keys
        group, start, end = m.group, m.start, m.end
        last = m.lastindex  # groups: token, gap, token, ...; the last that matched is a token
        best = None
        norm = ""
        for i in range(1, last + 1, 2):
            tn, inner = token_cuts(group(i))
            for c, head in inner:
                if norm + head in keys:
                    best = (norm + head, start(i) + c)
            norm += tn
            if norm in keys:
                best = (norm, end(i))
            if i == last or ("," in group(i + 1) and len(group(i)) > 1):  # "Anna, Maria": two names
                break
            j = bisect.bisect_left(ordered, norm)
            if j == len(ordered) or not ordered[j].startswith(norm):  # no key starts with norm
                break
        return best

    def spelt(self, key: str, written: str) -> tuple[str | None, str]:
        """The author whose name has ``key`` as ``written`` spells it: where several authors share the key
        ("Hallenser144" and "Hallenser14_4"), only the exact spelling (else one spelling that differs in case
        alone) decides; (None, a note naming them) when none or several do.

        >>> AuthorIndex(["Hallenser144", "Hallenser14_4"]).spelt("hallenser144", "Hallenser14_4")
        ('Hallenser14_4', '')
        >>> AuthorIndex(["Hallenser144", "Hallenser14_4"]).spelt("hallenser144", "hallenser 144")
        (None, "'hallenser 144' could be any of: Hallenser144, Hallenser14_4")
        """
        if key not in self.shared:
            return self.keys.get(key), ""
        names = self.shared[key]
        pick = [s for s in names if s == written] or [s for s in names if s.casefold() == written.casefold()]
        if len(pick) == 1:
            return pick[0], ""
        return None, f"'{written}' could be any of: {', '.join(sorted(names))}"

    def _alias_table(self, which: int) -> tuple[list, list]:
        """The authors' aliases (``aliases(a)[which]``: 1 for prefix matching, 2 for fuzzy) sorted, and whose."""
        if self.bank is not None:
            return self.bank.table(which, self.art)
        pairs = sorted({(al, a) for a in self._pairs for al in aliases(a)[which]})
        return [k for k, _ in pairs], [a for _, a in pairs]

    def _index(self):
        if self._prefix is None:
            self._prefix = self._alias_table(1)
        return self._prefix

    def _fuzzy_index(self):
        if self._fuzzy is None:
            self._fuzzy = self._alias_table(2)
        return self._fuzzy

    @property
    def prefix_keys(self):
        return self._index()[0]

    @property
    def prefix_authors(self):
        return self._index()[1]

    @property
    def fuzzy_keys(self):
        return self._fuzzy_index()[0]

    @property
    def fuzzy_authors(self):
        return self._fuzzy_index()[1]

    @property
    def names(self) -> list:
        """The article's authors, each once, in the order they first appear."""
        return self._pairs

    def aliased(self, v: str) -> set:
        """The authors one of whose keys (name, first word, initials) is exactly ``v``."""
        keys, authors = self._index()
        i = bisect.bisect_left(keys, v)
        out = set()
        while i < len(keys) and keys[i] == v:
            out.add(authors[i])
            i += 1
        return out

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


class AliasBank:
    """The aliases of a corpus' authors, sorted once, and the alias tables of many articles (what
    ``AuthorIndex._alias_table`` would sort for each) gathered and sorted at once, on first use.

    >>> bank = AliasBank(["Gottlob Frege", "Anna", "Anna Maria Schulz"], np.array([0, 0, 1, 1]), np.array([0, 1, 0, 2]))
    >>> bank.table(2, 0)
    (['anna', 'gottlob', 'gottlobfrege'], ['Anna', 'Gottlob Frege', 'Gottlob Frege'])
    >>> bank.table(1, 1) == AuthorIndex(["Gottlob Frege", "Anna Maria Schulz"])._alias_table(1)
    True
    """

    def __init__(self, names: list, arts: np.ndarray, codes: np.ndarray):
        self.names = names  # code -> name
        self.arts, self.codes = arts, codes  # the (article, author code) pairs whose tables are asked for
        self._built = {}
        self._tables = {}

    def _build(self):
        """The bank sorted for prefix (1) and fuzzy (2) matching: alias, name, ranks grouped by author, starts."""
        used = [c for c in np.unique(self.codes).tolist() if isinstance(self.names[c], str)]
        names = [self.names[c] for c in used]
        rows, unread = alias_rows(names)
        for which, column in ((1, "prefix"), (2, "fuzzy")):
            got = rows.filter(column).unique(["i", "alias"], maintain_order=True)  # each (alias, author) once
            at, keys = got["i"].to_list(), got["alias"].to_list()
            for k in np.flatnonzero(unread).tolist():  # names of other scripts: one by one
                found = aliases(names[k])
                if found is not None:
                    more = list(dict.fromkeys(found[which]))
                    at, keys = at + [k] * len(more), keys + more
            owners = np.asarray(used, dtype=np.int64)[np.asarray(at, dtype=np.int64)]
            spelt = np.array([*names, ""], dtype=object)[np.asarray(at, dtype=np.int64)]
            order = tuple_order(keys, spelt)
            alias = np.array([*keys, ""], dtype=object)[np.append(order, len(keys))]
            name = np.append(spelt[order], "")
            owner = owners[order]
            by_owner = np.argsort(owner, kind="stable")  # ranks grouped by author
            starts = np.searchsorted(owner[by_owner], np.arange(len(self.names) + 1))
            self._built[which] = (alias, name, by_owner, starts)
        return self._built

    def _sort_tables(self, which: int):
        """Every article's aliases (ranks in the sorted bank) in one array, sorted by article and rank."""
        alias, name, by_owner, starts = (self._built or self._build())[which]
        lo, hi = starts[self.codes], starts[self.codes + 1]
        size = hi - lo
        shift = np.repeat(lo - (np.cumsum(size) - size), size)
        ranks = by_owner[np.arange(size.sum()) + shift]
        by_art = np.sort(np.repeat(self.arts.astype(np.int64), size) * len(alias) + ranks)
        ranks = by_art % len(alias)
        bounds = np.searchsorted(by_art, np.arange(int(self.arts.max(initial=-1)) + 2) * len(alias))
        self._tables[which] = got = (alias[ranks], name[ranks], bounds)
        return got

    def table(self, which: int, art: int) -> tuple[list, list]:
        """The sorted aliases of article ``art``'s authors and whose they are (lists, as ``_alias_table``)."""
        alias, name, bounds = self._tables.get(which) or self._sort_tables(which)
        lo, hi = bounds[art], bounds[art + 1]
        return alias[lo:hi].tolist(), name[lo:hi].tolist()


@functools.lru_cache(maxsize=1 << 16)
def token_cuts(tok: str):
    """A token's normalised form and its inner cuts: (norm, ((offset, normalised head), ...))."""
    inner = ()
    if tok[1:].lower() != tok[1:]:  # an inner cut needs an upper-case letter after the first
        inner = tuple((c.start(), norm(tok[: c.start()])) for c in INNER_CUT.finditer(tok))
    return norm(tok), inner
