"""The name at the start of a text after ``@``: a known author (exact, prefix, fuzzy) or an unknown name."""

from __future__ import annotations

import re

from .names import INNER_CUT, UPPER, norm, normalize_name

_WORD = re.compile(r"[^\W_](?:[\w'’\-]|\.(?=-?[^\W\d_]))*\.?")
#: initials of a hyphenated first name: ``K.-H.`` for ``Karl-Heinz`` (a name goes on after it)
_INITIALS = re.compile(r"(?:[^\W\d_]\.-)+[^\W\d_]")
_WORD_GAP = re.compile(r"[ \t\u00a0]{1,2}")
_TITLE_NEXT = re.compile(rf"[ \t\u00a0]{{1,2}}[{UPPER}]")
_LETTERS = re.compile(r"[^\W\d_]+")
_DIGITS = re.compile(r"\d+")

#: Capitalised words that start a sentence rather than continue a name (German and English):
#: an unknown name stops before them, and ``@Sie haben recht`` is no reference.
STOPWORDS = frozenset(
    """
ich du er sie es wir ihr ihnen ihre dein deine sein seine mein meine unser unsere euer das der die
den dem des ein eine einen einem und aber oder doch denn dann da ja nein nicht nur auch schon noch so
wie was wer wo warum wieso weshalb wenn als ob na also genau danke bitte leider natürlich hallo sehr
gut richtig stimmt völlig selbst man nr nummer lieber liebe zum zur im am um von mit alles alle
i you your youre you're the a an this that these those it its it's we he she they them my our yes
not thanks thank well but and or what why how who where when if sorry agree agreed exactly good
great nice hi hey dear re lol ok okay indeed really do don't dont are is was have has in on at as of
to for with just please no
ihren ihrem ihrer ihres deinen deinem deiner deines seinen seinem seiner seines meinen meinem meiner meines
unseren unserem unserer eure euren eurem eurer
""".split()
)


#: abbreviated titles whose dot does not end the name when a capitalised word follows (``@Dr. Who``)
TITLES = frozenset({"dr", "mr", "mrs", "ms", "prof", "hr", "fr", "st"})


def _run(tail: str, max_words: int, allow_lower: bool):
    """The written name at the start of ``tail`` by the bounded rule: capitalised words (the
    first may be lowercase when ``allow_lower``), no stop words, at most ``max_words``, ending at
    punctuation, line end or a sentence end.  Returns [(start, end, word)], and the char after."""
    words = []
    pos = 0
    stopped_by_lower = False
    titles = 0  # "Dr.", "Prof." before a name: not counted as words of the name
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
        if core.casefold() in STOPWORDS and not after_title:  # "@Dr. Who": a name, not the word "who"
            stopped_by_lower = True
            break
        words.append((m.start(), m.start() + len(core), core))
        after_title = (
            s.endswith(".") and core.casefold() in TITLES and _TITLE_NEXT.match(tail[m.end() : m.end() + 3]) is not None
        )
        titles += after_title
        if s.endswith(".") and len(core) > 1 and not after_title and not _INITIALS.fullmatch(core):
            break  # "Meier." ends a sentence; "W." is an initial; "Dr. Who" is one name
        gap = _WORD_GAP.match(tail[m.end() : m.end() + 2])
        if not gap:
            break
        pos = m.end() + gap.end()
        nxt = _WORD.match(tail, pos)
        if nxt and nxt.group()[0].islower():
            stopped_by_lower = True
            break
    if stopped_by_lower and len(words) - titles >= 3:
        words = words[:-1]  # the last capitalised word likely starts the sentence
    return words


def _variants(words):
    """Normalised written-name variants, longest first: all words, glued cuts, fewer words."""
    out = []
    for k in range(len(words), 0, -1):
        head = "".join(normalize_name(w) for _, _, w in words[: k - 1])
        s, e, w = words[k - 1]
        out.append((head + normalize_name(w), e))
        cuts = {c.start() for c in INNER_CUT.finditer(w)} | {i for i, ch in enumerate(w) if ch in "'’"}
        for c in sorted(cuts, reverse=True):
            if c:
                out.append((head + normalize_name(w[:c]), s + c))
    return out


def _glued_stop_cut(word: str) -> int:
    """Where a glued sentence start begins in an unknown handle (``lukeI`` -> 4), else len."""
    for c in (c.start() for c in INNER_CUT.finditer(word)):
        rest = _LETTERS.match(word[c:])
        if rest and rest.group().casefold() in STOPWORDS:
            return c
    return len(word)


def _digit_handle(tail, idx):
    """An all-digit handle that is an author of the article (``@921``), else None."""
    m = _DIGITS.match(tail)
    if m is None or idx is None or m.group() not in idx.keys or tail[m.end() : m.end() + 1].isalpha():
        return None
    return idx.keys[m.group()], m.group(), m.end(), "name:digits", 100.0, ""


def _underscored(tail, idx, opt, **how):
    """``@_anna_``: a handle that starts with underscores names only a known author."""
    lead = len(tail) - len(tail.lstrip("_"))
    got = name_at(tail[lead:], idx, opt, **how)
    if got is None or got[0] is None:
        return None
    author, _, end, rule, score, note = got
    return author, tail[: lead + end], lead + end, rule, score, note


def name_at(tail, idx, opt, *, direct, after_number, fuzz, after_determiner=False):
    """Match the name at the start of ``tail``: (author or None, written, end, rule, score, note)."""
    if tail[:1] == "_":
        return _underscored(tail, idx, opt, direct=direct, after_number=after_number, fuzz=fuzz)
    if tail[:1].isdigit():
        return _digit_handle(tail, idx)
    if not tail or not tail[0].isalpha():
        return None
    if idx is not None and idx.keys and norm(tail[0])[:1] in idx.first:
        hit = idx.exact(tail)
        # "@Anna-Lena" is a double name, not Anna: a hyphen and a capital go on with the name
        if hit is not None and not (tail[hit[1] : hit[1] + 1] == "-" and tail[hit[1] + 1 : hit[1] + 2].isupper()):
            key, end = hit
            a, note = idx.spelt(key, tail[:end])
            if a is None:
                return None, tail[:end], end, "name:ambiguous", 0.0, note
            glued = end < len(tail) and tail[end].isalnum()
            how = "glued" if glued else "comma" if "," in tail[:end] else "exact"
            return a, tail[:end], end, "name:" + how, 100.0, ""
    allow_lower = direct
    if not (tail[0].isupper() or allow_lower):
        return None
    words = _run(tail, opt.max_name_words, allow_lower)
    if not words:
        return None
    nxt = tail[words[-1][1] : words[-1][1] + 1]
    terminated = nxt in ("", ":", ",", ";", "\n", "!", "?", ")", ".")
    if after_number and not terminated:
        return None
    if idx is not None and idx.keys:
        variants = _variants(words)
        for v, end in variants:
            if len(v) < opt.prefix_min:
                continue
            found = idx.prefixed(v)
            if len(found) == 1:
                a = next(iter(found))
                return a, tail[:end], end, "name:prefix", round(100.0 * len(v) / len(normalize_name(a)), 1), ""
            if len(found) > 1:
                names = ", ".join(sorted(found))
                return None, tail[:end], end, "name:ambiguous", 0.0, f"'{tail[:end]}' could be any of: {names}"
        thr = opt.fuzzy_threshold
        if thr is not None and thr < 100 and fuzz is not None:
            for v, end in variants:
                if len(v) < opt.prefix_min:
                    continue
                best = fuzz.process.extractOne(v, idx.fuzzy_keys, scorer=fuzz.fuzz.ratio, score_cutoff=thr)
                if best is not None:
                    return (
                        idx.fuzzy_authors[best[2]],
                        tail[:end],
                        end,
                        "name:fuzzy",
                        round(float(best[1]), 1),
                        f"fuzzy match ({best[1]:.0f} >= {thr:g})",
                    )
    # an unknown name: directly after @, capitalised (or lowercase with lowercase_handles)
    if not (direct or after_number) or not (tail[0].isupper() or opt.lowercase_handles) or after_determiner:
        return None
    if after_number and nxt not in (":", ","):  # "@12 Ralf Meier:" names; "@12 Alles Quatsch." does not
        return None
    s, e, w = words[-1]
    cut = _glued_stop_cut(w)
    end = s + cut if cut else e
    if cut == 0:
        return None
    if len(words) == 1 and not w[:cut][0].isupper() and not opt.lowercase_handles:
        return None
    return None, tail[:end], end, "name:unknown", 0.0, ""


def fuzz_module():
    try:
        import rapidfuzz
        import rapidfuzz.fuzz
        import rapidfuzz.process
    except ImportError:  # pragma: no cover - rapidfuzz is a dependency
        return None
    return rapidfuzz
