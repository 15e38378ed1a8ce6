"""Layout inference: a page's comment blocks learned from the repetition of its time expressions.

A comment section is a repeated block: header lines (author, time, number, menus, rank, field labels)
around a body, with buttons and counters between blocks. The stages here:

1. :func:`line_kinds` says what each line is by itself (blank, button, counter, label, marker, text);
2. :func:`time_lines` finds every line holding a time expression and describes what stands before and
   after it (nothing, a number, a name, a connector such as ``|`` or ``am``, buttons);
3. :func:`header_lines` keeps the time lines of the most frequent description: the headers;
4. :func:`layout_mode` decides where the author is (in the time line, on a line above it, or the
   first line of a block whose time comes after the body) from what follows the headers;
5. :func:`blocks` cuts the page into comments, moving buttons, counters, quotes and reply markers out
   of the text (every line is a header, body, ``ui_text``, ``quoted_text``, article or page tail line).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from . import times, vocab

#: a line that may hold a time expression (digits, or a relative word) is searched; others are not
_MAY_HOLD_TIME = re.compile(r"\d|(?i:heute|gestern|today|yesterday|ago|vor |just now|gerade eben)")
#: connectors between a name and its time ("NAME | date", "NAME am date", "NAME, date", "#1 — vor ...")
_CONNECTOR_TAIL = re.compile(
    r"(?:[ \t]*[|•·,–—\-:]|(?:^|(?<=\s))(?i:schrieb am|schreibt am|kommentierte am|antwortete am|wrote on"
    r"|posted on|said on|commented on|replied on|am|on|um|at|vom|from)(?![\w])"
    r"|[ \t]*[»›][ \t]*(?:(?i:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?)?)+[ \t]*$")
_NUMBER_PREFIX = re.compile(r"(?:#|Nr\.[ ]?|No\.[ ]?)?(?P<number>\d{1,9}(?:\.\d{1,9})*)[.:)]?")
_NUMBER_SUFFIX = re.compile(r"(?:[|·•–—\-][ \t]*)?(?:#|Nr\.[ ]?|No\.[ ]?)(?P<number>\d{1,9}(?:\.\d{1,9})*)")
_NAME_NUMBER = re.compile(r"(?:[|·•–—\-][ \t]*)?(?:by[ \t]+)?(?P<name>\S.{0,79}?)[ \t]+#?(?P<number>\d{1,9})")
_URL = re.compile(r"(?i)https?://|www\.")
_ICONS = re.compile(r"^[^\w#@+(\[\"'„“‚‘«»]+")  # icon glyphs before a button's word ("\ue150 Kommentar schreiben")
#: at most this many name-like lines are looked at above a time line
_MAX_ABOVE = 4


@dataclass
class TimeLine:
    line: int
    match: re.Match
    prefix: str     # the name or number before the time, connectors removed
    connector: str  # "", "glued", or the connector written ("|", "am", "—")
    pk: str         # prefix kind: none, num, name, label, text
    sk: str         # suffix kind: none, ui, num, namenum, text
    suffix: str
    precise: bool   # a time of day, or a relative time

    @property
    def key(self) -> tuple:
        return (self.pk, self.connector if self.pk != "none" else "", self.sk if self.sk != "num" else "ui",
                self.precise)


@dataclass
class Block:
    top: int                 # first header line (0-based)
    time_line: int
    end: int                 # last line of the block (inclusive)
    author: str | None
    stamp: times.Stamp
    posted_text: str
    number: int | None = None
    number_text: str | None = None
    text: str = ""
    text_start: int = -1     # first line of the text (0-based), -1 when empty
    ui_text: str | None = None
    quoted_text: str | None = None
    markers: list = field(default_factory=list)   # ("reply", number, name, title) or ("quote", name, quoted)
    parent: int | None = None


@dataclass
class Inferred:
    layout: str
    blocks: list[Block]
    tail: int | None           # first line (0-based) of the page tail after the last comment
    described: str             # what decided, for the notice
    headers_seen: int          # time lines of the header kind

    @property
    def moved_anything(self) -> bool:
        """Whether inference found page chrome to take out: a page tail, quotes or parents, or buttons in
        most comments (a real page has them in every block; a word like "Anzeige" in one is text)."""
        if self.tail is not None or any(b.quoted_text or b.parent is not None for b in self.blocks):
            return True
        return sum(b.ui_text is not None for b in self.blocks) >= 0.6 * len(self.blocks)


def name_like(s: str) -> bool:
    """A line that can be an author name: short, few words, no link.

    >>> name_like("Dr. Webbaer"), name_like("geht's no?!"), name_like("Das ist ein ganz langer Satz mit vielen Worten.")
    (True, True, False)
    """
    return 0 < len(s) <= 80 and len(s.split()) <= 6 and not _URL.search(s) and not s.endswith((",", ";"))


_SENTENCE_END = re.compile(r"(?<![A-ZÄÖÜ])[a-zäöüß]{3,}[.!?]+$")


def sentence_like(s: str) -> bool:
    """A line that ends a sentence (a lowercase word and ``.``, ``!`` or ``?``): body text, not a name.

    >>> sentence_like("Das war gut."), sentence_like("Rainer B."), sentence_like("Danke !!"), sentence_like("G.M.")
    (True, False, False, False)
    """
    return len(s.split()) >= 2 and _SENTENCE_END.search(s) is not None


def _vocab_form(s: str) -> str:
    return _ICONS.sub("", s).strip()


def line_kinds(stripped: list[str]) -> list[str]:
    """What each (stripped) line is by itself: ``blank``, ``ui`` (a button line), ``menu`` (a forum post
    menu line), ``count``, ``num`` (``#661``), ``label`` (``Mitglied seit``), ``value`` (the line after a
    label), ``avatar`` (one character), ``reply`` and ``quote`` (markers), ``quote_end``, ``tail`` (comment
    form, pagination) or ``text``.

    >>> line_kinds(["", "Antworten", "Profil", "0", "#661", "Mitglied seit", "28. Juni 2014", "Y", "Hallo"])
    ['blank', 'ui', 'menu', 'count', 'num', 'label', 'value', 'avatar', 'text']
    """
    kinds = []
    after_label = False
    seen: dict[str, str] = {}   # each distinct line is looked at once
    for s in stripped:
        if not s:
            k = "blank"
        elif (k := seen.get(s)) is None:
            k = seen[s] = _line_kind(s)
        if after_label and k not in ("blank", "label"):
            k = "value"
        if k != "blank":
            after_label = k == "label"
        kinds.append(k)
    return kinds


#: (kind, pattern, tried on the line without leading icons) in the order they are tried
_KIND_RULES = (
    ("menu", vocab.MENU_LINE, True), ("count", vocab.COUNT_LINE, False),
    ("num", vocab.NUMBER_LINE, False), ("label", vocab.LABEL_LINE, False),
    ("reply", vocab.REPLY_MARKER, False), ("quote_end", vocab.QUOTE_END, False),
    ("quote", vocab.QUOTE_MARKER, False), ("tail", vocab.PAGE_TAIL, True),
)


def _line_kind(s: str) -> str:
    """What one non-blank stripped line is (see :func:`line_kinds`)."""
    v = _vocab_form(s)
    if len(s) == 1:
        return "count" if s.isdigit() or not s.isalpha() else "avatar"
    if vocab.is_symbols(s):
        return "count"
    if not vocab.MENU_LINE.match(v) and vocab.is_ui(v):
        return "ui"
    for kind, rx, on_v in _KIND_RULES:
        if kind == "reply" and vocab.LABEL_INLINE.match(s) and len(s) <= 40:
            return "label_inline"
        if rx.match(v if on_v else s):
            return kind
    return "text"


def _prefix_kind(p: str) -> str:
    if not p:
        return "none"
    if _NUMBER_PREFIX.fullmatch(p):
        return "num"
    if (vocab.LABEL_LINE.match(p) or vocab.LABEL_INLINE.match(p + " x") or vocab.ARTICLE_DATE.search(p)
            or vocab.BYLINE.match(p)):
        return "label"
    return "name" if name_like(p) else "text"


def _suffix_kind(s: str) -> str:
    if not s:
        return "none"
    if _NUMBER_SUFFIX.fullmatch(s):
        return "num"
    if vocab.is_ui(s) or vocab.is_symbols(s):
        return "ui"
    if (m := _NAME_NUMBER.fullmatch(s)) and name_like(m["name"]):
        return "namenum"
    return "text"


def time_lines(stripped: list[str], kinds: list[str]) -> list[TimeLine]:
    """Every line holding a time expression, described (see :class:`TimeLine`)."""
    out = []
    seen: dict[str, tuple | None] = {}   # each distinct line is read once
    for i, s in enumerate(stripped):
        if kinds[i] not in ("text", "value", "label_inline") or len(s) > 300:
            continue
        if (got := seen.get(s, False)) is False:
            got = seen[s] = _describe(s)
        if got is None:
            continue
        m, clean, conn, pk, sk, suffix, precise = got
        above = next((j for j in range(i - 1, max(-1, i - 3), -1) if stripped[j]), None)
        if kinds[i] in ("value", "label_inline") or (
                pk == "none" and above is not None and vocab.BYLINE.match(stripped[above])):
            pk = "label"   # a join date, or the date under an article's byline
        out.append(TimeLine(i, m, clean, conn, pk, sk, suffix, precise))
    return out


def _describe(s: str) -> tuple | None:
    if not _MAY_HOLD_TIME.search(s) or (m := times.find(s)) is None:
        return None
    pre = s[: m.start()]
    clean = _CONNECTOR_TAIL.sub("", pre).strip()
    if pre and not pre[-1].isspace() and pre[-1].isalnum():
        conn = "glued"
    else:
        conn = " ".join(pre[len(clean):].split()).lower()
    suffix = re.sub(r"^(?i:uhr)\b[ \t]*", "", s[m.end():].strip())
    return m, clean, conn, _prefix_kind(clean), _suffix_kind(suffix), suffix, times.shape(m) != "D"


def header_lines(found: list[TimeLine]) -> tuple[list[TimeLine], tuple | None]:
    """The time lines of the most frequent header-like description (ties: a time of day wins).

    A header-like line has nothing, a number or a name before its time and nothing, buttons, a
    number or a name with a number after it; a line below a field label is a join date.
    """
    usable = [t for t in found if t.pk in ("none", "num", "name") and t.sk in ("none", "ui", "num", "namenum")]
    if not usable:
        return [], None
    counts = Counter(t.key for t in usable)
    key = max(counts, key=lambda k: (counts[k], k[3], k[0] == "name"))
    return [t for t in usable if t.key == key], key


def _after(i: int, kinds: list[str], limit: int) -> int:
    """The first line after header line ``i`` that is not the header's number or counter line."""
    j = i + 1
    while j < limit and kinds[j] in ("num", "count"):
        j += 1
    return j


def layout_mode(heads: list[TimeLine], kinds: list[str]) -> str:
    """``inline`` (the author stands in the time line), ``suffix`` (``date time author number``), ``after``
    (the time follows the body: buttons come right after it) or ``above`` (the author is above the time)."""
    if heads[0].pk == "name":
        return "inline"
    if heads[0].sk == "namenum":
        return "suffix"
    votes = []
    for t, limit in zip(heads, [*(h.line for h in heads[1:]), len(kinds)]):
        j = _after(t.line, kinds, limit)
        while j < limit and kinds[j] == "blank":
            j += 1
        votes.append(j < limit and kinds[j] in ("ui", "tail"))
    if len(votes) >= 2 and sum(votes) >= 0.6 * len(votes):
        return "after"
    return "above"


#: words around a name in a header line: "Posted by NAME", "von NAME", "NAME 12 points", "NAME » Tue"
_AUTHOR_LEAD = re.compile(r"(?i)^(?:posted by|written by|submitted by|comment by|commented by|kommentar von"
                          r"|geschrieben von|verfasst von|by|von)[ \t]+")
_AUTHOR_TRAIL = re.compile(r"(?i)(?:[ \t]+[+\-−]?\d[\d.,]*[ \t]+(?:points?|punkte|votes?|likes?|upvotes?)"
                           r"|[ \t]*[»›|•·][ \t]*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?)?)+[ \t]*$")


def _clean_author(s: str) -> str:
    """The name in an author line or a header's prefix.

    >>> _clean_author("Anna sagt:"), _clean_author("Posted by Jane Roe"), _clean_author("by Hans » Tue")
    ('Anna', 'Jane Roe', 'Hans')
    >>> _clean_author("user_one 12 points"), _clean_author("Opossum")
    ('user_one', 'Opossum')
    """
    s = vocab.SAYS.sub("", s)
    return strip_name_words(_CONNECTOR_TAIL.sub("", s).strip() or s.strip())


def strip_name_words(s: str) -> str:
    """``s`` without the words around a name in header lines ("Posted by", "by", a score, "» Tue").

    >>> strip_name_words("by Hans » Tue"), strip_name_words("by"), strip_name_words("Anna")
    ('Hans', 'by', 'Anna')
    """
    return _AUTHOR_TRAIL.sub("", _AUTHOR_LEAD.sub("", s)).strip() or s


def _names_above(i: int, lo: int, kinds: list[str], stripped: list[str]) -> tuple[list[int], bool]:
    """Name-like lines above time line ``i`` (top first, at most ``_MAX_ABOVE``), skipping menus, labels
    and their values, avatars and blank lines before the first name; and whether a boundary (a blank
    line, a button, a counter, the previous block) ended the walk."""
    found = []
    j = i - 1
    while j >= lo:
        k = kinds[j]
        if k == "blank":
            if found:
                return found[::-1], True
        elif k in ("menu", "label", "value", "label_inline", "avatar"):
            pass
        elif k == "text" and name_like(stripped[j]) and not sentence_like(stripped[j]):
            found.append(j)
            if len(found) == _MAX_ABOVE:
                return found[::-1], False
        else:
            return found[::-1], True
        j -= 1
    return found[::-1], lo > 0


def _first_of_after_block(lo: int, hi: int, kinds: list[str], stripped: list[str]) -> int | None:
    """In ``after`` mode, the author line of the block whose time line is ``hi``: the first text line after
    the previous block's buttons (``lo``), or for the first block the first one after the last button,
    counter or heading above."""
    j = lo
    while j < hi and kinds[j] != "text":
        j += 1
    return j if j < hi and name_like(stripped[j]) else None


def _number(text: str | None) -> tuple[int | None, str | None]:
    if text is None:
        return None, None
    return (int(text) if "." not in text else None), text


def infer(lines: list[str]) -> Inferred | None:
    """Comment blocks of a page (its lines, spaces already plain), or None when no header repeats."""
    stripped = [s.strip(" \t\r") for s in lines]   # (as blank as the text readers take a line)
    kinds = line_kinds(stripped)
    heads, key = header_lines(time_lines(stripped, kinds))
    if not heads:
        return None
    mode = layout_mode(heads, kinds)
    n_lines = len(lines)
    starts: list[int] = []      # each block's first header line
    authors: list[str | None] = []
    numbers: list[str | None] = []
    if mode in ("inline", "suffix"):
        for t in heads:
            starts.append(t.line)
            if mode == "inline":
                authors.append(_clean_author(t.prefix))
                numbers.append(None)
            else:
                m = _NAME_NUMBER.fullmatch(t.suffix)
                authors.append(m["name"].strip())
                numbers.append(m["number"])
    elif mode == "above":
        walks = []
        for b, t in enumerate(heads):
            lo = _after(heads[b - 1].line, kinds, t.line) if b else 0
            walks.append(_names_above(t.line, lo, kinds, stripped))
        sizes = Counter(len(w) for w, _ in walks[1:] if w)
        depth = max(sizes, key=lambda k: (sizes[k], -k)) if sizes else 1
        for b, (t, (names, bounded)) in enumerate(zip(heads, walks)):
            if not names:
                starts.append(t.line)
                authors.append(None)
            else:
                # later blocks: the top name of a walk a boundary ended; the first block (article above it):
                # the name as far above the time as in the other blocks
                j = names[0] if (b and bounded) else names[-depth] if len(names) >= depth else names[0]
                starts.append(j)
                authors.append(_clean_author(stripped[j]))
            numbers.append(None)
    else:  # after: author line, body, time line, buttons
        prev_end = 0
        for b, t in enumerate(heads):
            if b == 0:
                lo = max((j + 1 for j in range(t.line) if kinds[j] in ("ui", "tail", "count")), default=0)
            else:
                lo = _after(heads[b - 1].line, kinds, t.line)
                while lo < t.line and kinds[lo] in ("ui", "blank", "count", "avatar"):
                    lo += 1
            j = _first_of_after_block(max(lo, prev_end), t.line, kinds, stripped)
            starts.append(j if j is not None else t.line)
            authors.append(_clean_author(stripped[j]) if j is not None else None)
            numbers.append(None)
            prev_end = t.line + 1
    # a reply that quotes the header of the comment it answers ("@ Dietmar Hilsebein" / "8. April 2019 @ 11:38")
    # holds no header of its own: the quoted one is dropped (its lines become the reply's text)
    seen = {(a, t.match[0]) for a, t in zip(authors, heads) if a}
    quoted = [b for b, (a, t) in enumerate(zip(authors, heads))
              if a and a.startswith("@") and (a.lstrip("@ "), t.match[0]) in seen]
    if quoted:
        keep = [b for b in range(len(heads)) if b not in set(quoted)]
        heads, starts, authors, numbers = ([xs[b] for b in keep] for xs in (heads, starts, authors, numbers))
    # a layout is taken only when most of its blocks have an author
    if sum(a is not None for a in authors) < max(1, len(heads) / 2):
        return None
    # numbers written in the time line or on the line after it
    for b, t in enumerate(heads):
        if numbers[b] is None:
            if t.pk == "num":
                numbers[b] = _NUMBER_PREFIX.fullmatch(t.prefix)["number"]
            elif t.sk == "num":
                numbers[b] = _NUMBER_SUFFIX.fullmatch(t.suffix)["number"]
            else:
                j = t.line + 1
                while j < n_lines and kinds[j] in ("count", "num"):
                    if kinds[j] == "num":
                        numbers[b] = vocab.NUMBER_LINE.match(stripped[j])["number"]
                        break
                    j += 1
    blocks = []
    for b, t in enumerate(heads):
        number, number_text = _number(numbers[b])
        end = (starts[b + 1] - 1) if b + 1 < len(heads) else n_lines - 1
        if mode == "after" and b + 1 < len(heads):
            end = starts[b + 1] - 1
        blocks.append(Block(top=starts[b], time_line=t.line, end=end, author=authors[b] or None,
                            stamp=times.read(t.match), posted_text=t.match[0], number=number,
                            number_text=number_text))
    # a layout is taken only when its blocks are regular: most have an author and a readable time
    if sum(b.author is not None for b in blocks) < max(1, len(blocks) / 2) or (
            sum(b.stamp.kind != "bad" for b in blocks) < len(blocks) / 2):
        return None
    tail = _cut_tail(blocks[-1], kinds)
    known = {_fold(a) for a in authors if a}
    for blk in blocks:
        _fill_body(blk, lines, stripped, kinds, mode, known)
    link_markers(blocks)
    what = {"inline": "the author in the time line", "suffix": "the author after the time",
            "above": "the author above the time", "after": "the author first, the time after the body"}[mode]
    desc = (f"{len(heads)} headers of one kind (before the time: {key[0]}"
            f"{' ' + repr(key[1]) if key[1] else ''}; after it: {key[2]}; "
            f"{'time of day' if key[3] else 'date only'}), {what}")
    return Inferred(layout=f"inferred:{mode}", blocks=blocks, tail=tail, described=desc, headers_seen=len(heads))


def _cut_tail(last: Block, kinds: list[str]) -> int | None:
    """Where the page's tail (comment form, pagination) starts after the last comment's text."""
    seen_text = False
    for j in range(last.time_line + 1, last.end + 1):
        if kinds[j] == "tail" and seen_text:
            last.end = j - 1
            return j
        seen_text |= kinds[j] == "text"
    return None


def _fill_body(blk: Block, lines, stripped, kinds, mode: str, known: set[str]) -> None:
    """The text, buttons (``ui_text``), quotes and markers of one block."""
    if mode == "after":
        body = range(blk.top + 1, blk.time_line)
        chrome = list(range(blk.time_line + 1, blk.end + 1))
    else:
        first = _after(blk.time_line, kinds, blk.end + 1)
        body = range(first, blk.end + 1)
        chrome = list(range(blk.time_line + 1, first))
    keep = []
    quoted: list[str] = []
    in_quote = False
    for j in body:
        k = kinds[j]
        if in_quote:
            if k == "quote_end":
                quoted.append(stripped[j])
                in_quote = False
                continue
            if k == "blank" and not any(kinds[x] == "quote_end" for x in range(j, min(j + 40, blk.end + 1))):
                in_quote = False
            else:
                quoted.append(lines[j])
                continue
        if k in ("ui", "menu"):
            chrome.append(j)
        elif k == "reply":
            m = vocab.REPLY_MARKER.match(stripped[j])
            blk.markers.append(("reply", m["number"], (m["name"] or m["tname"] or "").strip(), m["title"]))
            chrome.append(j)
        elif k == "quote" and (not (m := vocab.QUOTE_MARKER.match(stripped[j]))["name3"]
                               or _fold(m["name3"]) in known):   # "NAME hat gesagt.:" only for a NAME on the page
            name = (m["name"] or m["name2"] or m["name3"]).strip()
            blk.markers.append(("quote", name, len(quoted)))
            quoted.append(lines[j])
            in_quote = True
        else:
            keep.append(j)
    # counters, avatars and blank lines at either end of the text are page chrome too
    while keep and kinds[keep[-1]] in ("count", "avatar", "blank", "num", "tail"):
        j = keep.pop()
        if kinds[j] != "blank":
            chrome.append(j)
    while keep and kinds[keep[0]] in ("count", "blank"):
        j = keep.pop(0)
        if kinds[j] != "blank":
            chrome.append(j)
    if not keep and body:   # a comment whose only line is a button word ("Share", "Anzeige", "A") says it
        words = [j for j in body if kinds[j] in ("ui", "menu", "count", "avatar", "num")]
        if len(words) == 1 and len(body) - sum(kinds[j] == "blank" for j in body) == 1:
            keep, chrome = words, [j for j in chrome if j != words[0]]
    text = "\n".join(lines[j] for j in keep).rstrip()
    blk.text = text
    blk.text_start = keep[0] if keep else -1
    ui = [stripped[j] for j in sorted(chrome) if stripped[j]]
    blk.ui_text = "\n".join(ui) if ui else None
    blk.quoted_text = "\n".join(quoted).strip() or None
    for n, mk in enumerate(blk.markers):
        if mk[0] == "quote":   # the quoted passage: from the marker's line to the next marker's
            at = mk[2]
            nxt = next((m[2] for m in blk.markers[n + 1:] if m[0] == "quote"), len(quoted))
            passage = [q for q in quoted[at + 1:nxt] if not vocab.QUOTE_END.match(q.strip())]
            blk.markers[n] = ("quote", mk[1], "\n".join(passage))


def _fold(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).split()).casefold()


def link_markers(blocks: list[Block]) -> None:
    """Parents the page shows: a ``#1.1`` number under ``#1``; ``Antwort auf #1 von NAME``; ``In reply to
    TITLE by NAME`` (the nearest comment above with that title, by NAME where one is); a quote of NAME's
    words (the comment of NAME that holds the quoted passage)."""
    by_number = {blk.number_text: b for b, blk in enumerate(blocks) if blk.number_text}
    folded = [_fold(blk.text) for blk in blocks]
    for b, blk in enumerate(blocks):
        if blk.number_text and "." in blk.number_text:
            up = by_number.get(blk.number_text.rsplit(".", 1)[0])
            if up is not None and up != b:
                blk.parent = up
        for mk in blk.markers:
            if blk.parent is not None:
                break
            if mk[0] == "reply" and mk[1]:
                up = by_number.get(mk[1])
                if up is not None and up != b:
                    blk.parent = up
            elif mk[0] == "reply" and mk[3]:
                title = _fold(mk[3])
                above = [a for a in range(b) if _fold(blocks[a].text.split("\n", 1)[0]) == title]
                named = [a for a in above if blocks[a].author and _fold(blocks[a].author) == _fold(mk[2])]
                pick = (named or above)
                if pick:
                    blk.parent = pick[-1]
            elif mk[0] == "quote" and mk[2].strip():
                passage = _fold(mk[2])[:60]
                hits = [a for a in range(len(blocks)) if a != b and blocks[a].author
                        and _fold(blocks[a].author) == _fold(mk[1]) and passage in folded[a]]
                if hits:
                    earlier = [a for a in hits if a < b]
                    blk.parent = (earlier or hits)[-1]
