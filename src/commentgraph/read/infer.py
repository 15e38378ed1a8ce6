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
from collections import Counter
from dataclasses import dataclass

from ..timeparse import slash_order
from . import oneline, times, vocab
from .blocks import (
    Block,
    after_header,
    cut_after_buttons,
    cut_tail,
    fill_body,
    fold,
    header_markers,
    link_levels,
    link_markers,
    said_lines,
)
from .bylines import (
    authors_above,
    authors_after,
    authors_below,
    bodies_empty,
    credentials_above,
    drop_handles,
    drop_places,
    drop_quoted_headers,
    name_lines_above,
    names_above,
    numbered,
    numbered_titles,
    split_replies,
)
from .handles import handle_names, handled_blocks, named_by_handle, text_above
from .lines import CONNECTOR_TAIL, line_kinds, name_like, name_mark, sentence_like, strip_name_words

#: a line that may hold a time expression (digits, or a relative word) is searched; others are not
_MAY_HOLD_TIME = re.compile(
    r"\d|(?i:heute|gestern|today|yesterday|ago|vor |just now|gerade eben|il y a|instant|aujourd)"
)
#: a number before the time ("#1 —", "12.", SMF's "« Reply #3 on:")
_NUMBER_PREFIX = re.compile(
    r"(?:(?i:reply|antwort|post|beitrag|comment|kommentar)[ ]?#|#|Nr\.[ ]?|No\.[ ]?)?"
    r"(?P<number>\d{1,9}(?:\.\d{1,9})*)[.:)]?"
)
_NUMBER_SUFFIX = re.compile(r"(?:[|·•–—\-][ \t]*)?\(?(?:#|Nr\.[ ]?|No\.[ ]?)(?P<number>\d{1,9}(?:\.\d{1,9})*)\)?")
#: a weekday in the connector before a time ("by Hans » Tue Jan 14"): every post's header is of one kind
_WEEKDAY = re.compile(r"(?<=[»›|•·])[ ]?(?:mon|tue|wed|thu|fri|sat|sun|mo|di|mi|do|fr|sa|so)[a-z]*\.?,?$")
#: a sentence's end followed by more words ("Thanks. Deployed"; not "Prof. Lee", "Dr. Webbaer", "W. Merseburger")
_SENTENCE_IN = re.compile(r"(?<![A-ZÄÖÜ])[a-zäöüß]{3,}[.!?]+[ \t]+\S")
#: a lowercase word (no name particle) after a prefix's first word: a field's label ("Date of experience:")
_FIELD = re.compile(r"\s(?!(?:von|van|vom|de|der|den|la|le|zu|del|da|di|du|y)\b)[a-zäöüß]{2,}")
_NAME_NUMBER = re.compile(r"(?:[|·•–—\-][ \t]*)?(?:by[ \t]+)?(?P<name>\S.{0,79}?)[ \t]+#?(?P<number>\d{1,9})")


@dataclass
class TimeLine:
    line: int
    match: re.Match
    prefix: str  # the name or number before the time, connectors removed
    connector: str  # "", "glued", or the connector written ("|", "am", "—")
    pk: str  # prefix kind: none, num, name, label, text
    sk: str  # suffix kind: none, ui, num, namenum, text
    suffix: str
    precise: bool  # a time of day, or a relative time
    text: str = ""  # the text before the name in a one-line comment ("Works for me – Jane Doe Mar 5 at 9:01")

    @property
    def key(self) -> tuple:
        # (buttons or a number after the time, "(edited)" on some headers: the same kind as nothing after it)
        after = "namenum" if self.sk == "namenum" else "none"
        return (self.pk, self.connector if self.pk != "none" else "", after, self.precise)


@dataclass
class Inferred:
    layout: str
    blocks: list[Block]
    tail: int | None  # first line (0-based) of the page tail after the last comment
    described: str  # what decided, for the notice
    date_doubt: str | None = None  # why the order of slash dates is a guess
    handles: int = 0  # blocks whose header holds a handle line under the author's name

    @property
    def moved_anything(self) -> bool:
        """Whether inference found page chrome to take out: a page tail, quotes or parents, or buttons in
        most comments (a real page has them in every block; a word like "Anzeige" in one is text)."""
        if self.tail is not None or any(b.quoted_text or b.parent is not None for b in self.blocks):
            return True
        if sum(b.ui_text is not None for b in self.blocks) >= 0.6 * len(self.blocks):
            return True
        return self.handles >= 0.6 * len(self.blocks)  # (a handle under each display name: no author)


def _prefix_kind(p: str) -> str:
    if not p:
        return "none"
    if _NUMBER_PREFIX.fullmatch(p):
        return "num"
    if vocab.is_ui(p):  # buttons before the time ("Gefällt mir · Antworten · 3 Std."): it closes a block
        return "ui"
    if _SENTENCE_IN.search(p):  # a sentence ends inside it ("Thanks. Deployed 2 hours ago"): body text
        return "text"
    if vocab.LABEL_LINE.match(p) or vocab.LABEL_INLINE.match(p + " x") or vocab.ARTICLE_DATE.search(p):
        return "label"
    if vocab.BYLINE.match(p):  # ("by NAME on DATE": an article's byline, or where it repeats, comments' headers)
        return "byname" if name_like(strip_name_words(p)) else "label"
    return "name" if name_like(p) else "text"


def _suffix_kind(s: str) -> str:
    if not s:
        return "none"
    if s[0] in ".!?,;:" and not s.startswith("..."):  # (a sentence goes on: "I tried it 2 hours ago.")
        return "text"
    if _NUMBER_SUFFIX.fullmatch(s):
        return "num"
    if vocab.is_ui(s) or vocab.is_bar(s) or vocab.is_symbols(s) or vocab.SAYS.match(" " + s):  # ("... said:")
        return "ui"
    if (m := _NAME_NUMBER.fullmatch(s)) and name_like(m["name"]):
        return "namenum"
    return "text"


def time_lines(stripped: list[str], kinds: list[str]) -> list[TimeLine]:
    """Every line holding a time expression, described (see :class:`TimeLine`)."""
    out = []
    seen: dict[str, tuple | None] = {}  # each distinct line is read once
    for i, s in enumerate(stripped):
        # (a "NAME ... said:" line may be a quote's marker or a header: it holds a time if a header)
        if kinds[i] not in ("text", "value", "label_inline", "quote") or len(s) > oneline.max_length(s):
            continue
        if (got := seen.get(s, False)) is False:
            got = seen[s] = _describe(s)
        if got is None:
            continue
        if one := got[-1]:  # (a one-line comment: its own description beside the line's plain one)
            out.append(TimeLine(i, one[2], one[1], "", "oneline", "none", "", True, one[0]))
            got = got[:-1] + ("",)
        m, clean, conn, pk, sk, suffix, precise, text = got
        above = next((j for j in range(i - 1, max(-1, i - 3), -1) if stripped[j]), None)
        if kinds[i] in ("value", "label_inline") or (
            pk == "none" and above is not None and vocab.BYLINE.match(stripped[above])
        ):
            pk = "label"  # a join date, or the date under an article's byline
        out.append(TimeLine(i, m, clean, conn, pk, sk, suffix, precise, text))
    return out


def _describe(s: str) -> tuple | None:
    if not _MAY_HOLD_TIME.search(s) or (m := times.find(s)) is None:
        return None
    pre = s[: m.start()].lstrip("« \t")  # (SMF's "« Reply #3 on: DATE »")
    clean = CONNECTOR_TAIL.sub("", pre).strip()
    if pre and not pre[-1].isspace() and pre[-1].isalnum():
        conn = "glued"
    else:
        conn = _WEEKDAY.sub("", " ".join(pre[len(clean) :].split()).lower()).strip()
    suffix = re.sub(r"^(?i:uhr)\b[ \t]*", "", s[m.end() :].strip())
    one = oneline.split(s) if oneline.SEPARATOR in s else None  # (text, name, time)
    pk = _prefix_kind(clean)
    if conn == ":" and pk == "name" and _FIELD.search(clean):  # ("Date of experience: DATE": a field, no name)
        pk = "label"
    return m, clean, conn, pk, _suffix_kind(suffix), suffix, times.shape(m) != "D", one


def header_lines(found: list[TimeLine]) -> tuple[list[TimeLine], tuple | None]:
    """The time lines of the most frequent header-like description (ties: a time of day wins).

    A header-like line has nothing, a number or a name before its time and nothing, buttons, a
    number or a name with a number after it; a line below a field label is a join date.
    """
    usable = [
        t
        for t in found
        if t.pk in ("none", "num", "name", "ui", "oneline", "byname") and t.sk in ("none", "ui", "num", "namenum")
    ]
    for once in ("oneline", "byname"):  # (one such line is a sentence naming someone, or an article's byline)
        if sum(t.pk == once for t in usable) < 2:
            usable = [t for t in usable if t.pk != once]
    if not usable:
        return [], None
    counts = Counter(t.key for t in usable)
    key = max(counts, key=lambda k: (counts[k], k[3], k[0] == "oneline", k[0] == "name"))
    heads = [t for t in usable if t.key == key]
    if key[0] == "num" and key[1]:  # (the opening post without its number: "« on: DATE" above "« Reply #1 on: DATE")
        more = [t for t in usable if t.pk == "none" and t.connector == key[1] and t.key[2:] == key[2:]]
        heads = sorted([*heads, *more], key=lambda t: t.line)
    # where nearly every header ends in buttons (Hacker News' "| parent | next [–]"), a line of the same kind
    # with nothing after its time is a body line ("Deployed it 2 hours ago"), not a header without them
    ui = sum(t.sk == "ui" for t in heads)
    if ui >= 3 and ui >= 0.7 * len(heads):
        heads = [t for t in heads if t.sk != "none"]
    # so where nearly every name before the time bears a mark (old reddit's "[–]NAME 12 points"), one without it
    marks = Counter(name_mark(t.prefix) for t in heads)
    mark, n = marks.most_common(1)[0] if marks else ("", 0)
    if mark and n >= 3 and n >= 0.7 * len(heads):
        heads = [t for t in heads if name_mark(t.prefix)]
    return heads, key


def layout_mode(heads: list[TimeLine], kinds: list[str], stripped: list[str] | None = None) -> str:
    """``inline`` (the author stands in the time line), ``suffix`` (``date time author number``), ``after``
    (the time follows the body: buttons come right after it) or ``above`` (the author is above the time)."""
    if heads[0].pk in ("name", "oneline", "byname"):
        return "oneline" if heads[0].pk == "oneline" else "inline"
    if heads[0].sk == "namenum":
        return "suffix"
    if heads[0].pk == "ui":
        return "after"
    votes = []
    for t, limit in zip(heads, [*(h.line for h in heads[1:]), len(kinds)]):
        j = after_header(t.line, kinds, limit)
        while j < limit and kinds[j] == "blank":
            j += 1
        above = t.line - 1
        # (buttons after the time close a block whose text stands above the time, not a name)
        name_above = (
            stripped is not None
            and above >= 0
            and (
                (kinds[above] == "text" and name_like(stripped[above]) and not sentence_like(stripped[above]))
                or kinds[above] == "title"  # (SMF: "Re: Trains" / "« Reply #1 on: DATE »" / "Quote" / text)
            )
        )
        # (or the next block's "NAME said..." right after the time: Blogger without buttons)
        says = stripped is not None and j < limit and bool(vocab.SAYS.search(stripped[j])) and name_like(stripped[j])
        votes.append(j < limit and (kinds[j] in ("ui", "tail") or says) and not name_above)
    if len(votes) >= 2 and sum(votes) >= 0.6 * len(votes):
        return "after"
    return "above"


def _number(text: str | None) -> tuple[int | None, str | None]:
    if text is None:
        return None, None
    return (int(text) if "." not in text else None), text


def _authors_inline(heads: list[TimeLine], mode: str) -> tuple[list, list, list, list]:
    """``(starts, authors, numbers, replies)`` where the author stands in the time line (before or after the
    time); a Disqus reply arrow ("Bob → Anna Lee", "Bob  Anna Lee") names whom the comment answers."""
    starts = [t.line for t in heads]
    if mode == "inline":
        prefixes, numbers = numbered([t.prefix for t in heads])
        split = split_replies(prefixes)
        return starts, drop_handles(drop_places([a for a, _ in split])), numbers, [r for _, r in split]
    ms = [_NAME_NUMBER.fullmatch(t.suffix) for t in heads]
    return starts, [m["name"].strip() for m in ms], [m["number"] for m in ms], [None] * len(heads)


def _numbers(heads: list[TimeLine], numbers: list, kinds: list[str], stripped: list[str]) -> list:
    """Numbers written in the time line (``#1 —``, ``| #12``) or on the line after it (``#661``)."""
    out = list(numbers)
    for b, t in enumerate(heads):
        if out[b] is not None:
            continue
        if t.pk == "num":
            out[b] = _NUMBER_PREFIX.fullmatch(t.prefix)["number"]
        elif t.sk == "num":
            out[b] = _NUMBER_SUFFIX.fullmatch(t.suffix)["number"]
        else:
            j = t.line + 1
            while j < len(kinds) and kinds[j] in ("count", "num"):
                if kinds[j] == "num":
                    out[b] = vocab.NUMBER_LINE.match(stripped[j])["number"]
                    break
                j += 1
    return out


def _sample_has_authors(heads: list[TimeLine], kinds: list[str], stripped: list[str]) -> bool:
    """On a page of many time lines, whether an even sample of ~100 of them reads as a layout (most with an
    author): a page of bare dates is given up early instead of walking every line."""
    if heads[0].pk in ("name", "oneline", "byname"):
        return True
    at = range(1, len(heads), len(heads) // 100)
    names = [names_above(heads[k].line, heads[k - 1].line + 1, kinds, stripped)[0] for k in at]
    return sum(bool(n) for n in names) >= 0.3 * len(names)


_MODES = {
    "inline": "the author in the time line",
    "suffix": "the author after the time",
    "above": "the author above the time",
    "below": "the author under the time, then member fields",
    "after": "the author first, the time after the body",
    "oneline": "the text, ' – ', the author and the time in one line",
}


def infer(lines: list[str]) -> Inferred | None:
    """Comment blocks of a page (its lines, spaces already plain), or None when no header repeats."""
    stripped = [s.strip(" \t\r") for s in lines]  # (as blank as the text readers take a line)
    kinds = line_kinds(stripped)
    heads, key = header_lines(found := time_lines(stripped, kinds))
    if key and key[0] == "oneline" and not oneline.closed(heads, kinds):  # (bodies follow: no one-line comments)
        heads, key = header_lines([t for t in found if t.pk != "oneline"])
    if not heads:
        return None
    if len(heads) > 400 and not _sample_has_authors(heads, kinds, stripped):
        return None
    mode = layout_mode(heads, kinds, stripped)
    if mode == "oneline":
        found = oneline.authors(heads, kinds, stripped)
    elif mode in ("inline", "suffix"):
        found = name_lines_above(_authors_inline(heads, mode), heads, kinds, stripped)
        found = numbered_titles(credentials_above(found, heads, kinds, stripped), heads, stripped)
    elif mode == "above" and (below := authors_below(heads, kinds, stripped)) is not None:
        mode, (found, ends) = "below", below  # (vBulletin 4: the time / NAME / rank / member fields / text)
    elif mode == "above":
        found, pre = text_above(heads, authors_above(heads, kinds, stripped), kinds, stripped)
        if bodies_empty(heads, found[0], kinds):  # (Instagram: name / text / "3w" / "12 likes" / "Reply")
            mode, found = "after", authors_after(heads, kinds, stripped)
    else:
        found = authors_after(heads, kinds, stripped)
    heads, starts, authors, numbers, replies = drop_quoted_headers(heads, *found)
    # slash dates: day first where a day above 12 on the page says so (as the known layouts read them)
    dates = [times.date_text(t.match) for t in heads]
    order, doubt = slash_order([d for d in dates if d and "/" in d])
    day_first = order == "dmy"
    # a layout is taken only when its blocks are regular: most have an author and a readable time
    stamps = [times.read(t.match, day_first) for t in heads]
    if sum(a is not None for a in authors) < max(1, len(heads) / 2) or (
        sum(st.kind != "bad" for st in stamps) < len(heads) / 2
    ):
        return None
    numbers = _numbers(heads, numbers, kinds, stripped)
    blocks = []
    for b, t in enumerate(heads):
        number, number_text = _number(numbers[b])
        end = (starts[b + 1] - 1) if b + 1 < len(heads) else len(lines) - 1
        blocks.append(
            Block(
                top=starts[b],
                time_line=t.line,
                end=end,
                author=authors[b] or None,
                stamp=stamps[b],
                posted_text=t.match[0],
                date_text=times.date_text(t.match, day_first),
                time_text=times.time_text(t.match),
                number=number,
                number_text=number_text,
            )
        )
        if replies[b]:  # ("Bob → Anna Lee", "MaryJ" / "JohnSmith" / "3 years ago": whom the comment answers)
            blocks[-1].markers.append(("reply", None, replies[b], None))
    for blk, t in zip(blocks, heads) if mode == "below" else ():
        blk.head_end = ends[heads.index(t)]
    for blk, j in zip(blocks, pre if mode == "above" else ()):
        blk.text_above = j
    tail = cut_tail(blocks[-1], kinds, mode)
    if tail is None and mode in ("above", "inline", "below"):  # (a footer after the last comment's buttons)
        tail = cut_after_buttons(blocks, kinds)
    known = {fold(a) for a in authors if a} | (handles := handle_names(blocks, stripped)).keys()
    said = said_lines(blocks, stripped) if "quote" in kinds else None
    for blk, t in zip(blocks, heads):
        fill_body(blk, lines, stripped, kinds, mode, known, said)
        if mode != "after":
            header_markers(blk, stripped, kinds, known)
        if mode == "oneline":
            oneline.finish(blk, t, stripped)
        if t.pk == "ui":  # buttons before the time, in its line ("Gefällt mir · Antworten · 3 Std.")
            blk.ui_text = "\n".join(x for x in (t.prefix, blk.ui_text) if x)
    named_by_handle(blocks, handles)  # ("Replying to @gretahansen": Greta Hansen's post)
    link_markers(blocks)
    link_levels(blocks, stripped, kinds)
    doubt = doubt if any(d and "/" in d for d in dates) else None
    described, handled = _described(len(heads), key, mode), handled_blocks(blocks, stripped)
    return Inferred(f"inferred:{mode}", blocks, tail, described, doubt, handled)


def _described(n: int, key: tuple, mode: str) -> str:
    """What decided the layout, for the ``layout_inferred`` notice."""
    return (
        f"{n} headers of one kind (before the time: {key[0]}"
        f"{' ' + repr(key[1]) if key[1] else ''}; after it: {key[2]}; "
        f"{'time of day' if key[3] else 'date only'}), {_MODES[mode]}"
    )
