"""Comment blocks: what a block's lines are (text, buttons, quotes, reply markers), where the page's tail
starts, and the parents the page shows (the last stage of layout inference)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from . import times, vocab


@dataclass
class Block:
    top: int  # first header line (0-based)
    time_line: int
    end: int  # last line of the block (inclusive)
    author: str | None
    stamp: times.Stamp
    posted_text: str
    date_text: str | None = None  # the written date (slash dates in the page's order) and time of day
    time_text: str | None = None
    number: int | None = None
    number_text: str | None = None
    text: str = ""
    text_start: int = -1  # first line of the text (0-based), -1 when empty
    ui_text: str | None = None
    quoted_text: str | None = None
    markers: list = field(default_factory=list)  # ("reply", number, name, title) or ("quote", name, quoted)
    parent: int | str | None = None  # (a str: the end of the id of a parent that is not on the page)
    head_end: int = -1  # last header line under the time (the author and member fields, ``below``), -1: none
    text_above: int = -1  # first line of a text above the time (X's main post: name, handle, text, time), -1: none


def name_line(blk: Block, stripped: list[str]) -> int:
    """The author line of a block whose time follows the body (``after``): its first line, or the first after
    the badges above the name ("Top contributor" / NAME)."""
    j = blk.top
    while j < blk.time_line - 1 and vocab.BADGE_LINE.match(stripped[j]):
        j += 1
    return j


def after_header(i: int, kinds: list[str], limit: int) -> int:
    """The first line after header line ``i`` that is not the header's number or counter line."""
    j = i + 1
    while j < limit and kinds[j] in ("num", "count"):
        j += 1
    return j


def cut_tail(last: Block, kinds: list[str], mode: str = "above") -> int | None:
    """Where the page's tail (comment form, pagination) starts after the last comment's text; in ``after``
    mode (the text before the time) anything but buttons after the time line."""
    if mode == "after":
        j = last.time_line + 1
        while j <= last.end and kinds[j] in ("ui", "count", "blank", "menu"):
            j += 1
        if j <= last.end:
            last.end = j - 1
            return j
        return None
    seen_text = mode == "oneline"  # (a one-line comment's text is in its time line)
    for j in range(last.time_line + 1, last.end + 1):
        if kinds[j] == "tail" and seen_text:
            last.end = j - 1
            return j
        seen_text |= kinds[j] == "text"
    return None


def _bar_end(blk: Block, kinds: list[str]) -> int | None:
    """The first line after the button bar that follows a block's text (None where no bar follows text)."""
    j = max(blk.time_line, blk.head_end) + 1
    while j <= blk.end and kinds[j] != "text":
        j += 1
    while j <= blk.end and kinds[j] not in ("ui", "tail"):
        j += 1
    if j > blk.end:
        return None
    while j <= blk.end and kinds[j] in ("ui", "count", "blank"):
        j += 1
    return j


def cut_after_buttons(blocks: list[Block], kinds: list[str]) -> int | None:
    """Where the page's tail starts in the last block (site links, a footer: "Mehr zum Thema", "Impressum") where
    nearly every other block ends in the button bar after its text: after the last block's bar."""
    others = blocks[:-1]
    ends = sum(_bar_end(b, kinds) == b.end + 1 for b in others)
    if not others or ends < 0.8 * len(others) or (j := _bar_end(blocks[-1], kinds)) is None:
        return None
    if j > blocks[-1].end or not any(kinds[x] != "blank" for x in range(j, blocks[-1].end + 1)):
        return None
    blocks[-1].end = j - 1
    return j


#: a name a reply marker may give that is no author of the page: capitalised words or one handle, at most four
_OTHER_NAME = re.compile(
    r"(?!(?:Ihr|Ihre|Ihren|Ihrem|Dein|Deine|Deinen|Deinem|Die|Der|Das|Den|Dem|Ein|Eine|Einen|Mein|Meine|Meinen|Sein|Seine"
    r"|Euer|Eure|Alle|Your|The|My|This|That|His|Her|Their|Our)\b)"
    r"(?:[A-ZÄÖÜ][\w'’.\-]*(?:[ ][A-ZÄÖÜ][\w'’.\-]*){0,3}|[\w.\-]*[_\d][\w.\-]*)"
)


def _reply_marker(blk: Block, line: str, known: set[str], first: bool = True) -> bool:
    """Add the reply marker ``line`` holds to ``blk``: a name alone where it is an author of the page, or where
    it looks like a name and the marker heads the text (``In reply to Karl.``: Karl wrote nothing on the page)."""
    m = vocab.REPLY_MARKER.match(line)
    if m["rname"] and fold(m["rname"]) not in known:
        if not first or not _OTHER_NAME.fullmatch(m["rname"].strip().rstrip(".")):
            return False
    name = (m["name"] or m["tname"] or m["rname"]).strip()
    blk.markers.append(("reply", m["number"], name.rstrip(".") if m["rname"] else name, m["title"]))
    return True


def header_markers(blk: Block, stripped: list[str], kinds: list[str], known: set[str]) -> None:
    """Reply markers between a block's name and its time (Coral: ``NAME`` / ``In reply to NAME`` / time)."""
    for j in range(blk.top, blk.time_line):
        if kinds[j] == "reply":
            _reply_marker(blk, stripped[j], known)


def _quote_ends(j: int, k: str, state: list, end: int, kinds: list[str], stripped: list[str]) -> bool:
    """Whether line ``j`` ends a quote box: a blank line (where no "Click to expand" follows), or, where the
    quoted author's comment is on the page (``state``: the lines it holds, and whether a quoted line was among
    them), the first line after its words that is not among them (WoltLab: the reply follows the box without a
    blank line)."""
    if k == "blank":
        return not any(kinds[x] == "quote_end" for x in range(j, min(j + 40, end + 1)))
    if state[0] is None:
        return False
    if fold(stripped[j]) in state[0]:
        state[1] = True
        return False
    return state[1]


def _body_lines(blk: Block, stripped: list[str], kinds: list[str], mode: str) -> tuple[list[int], list[int]]:
    """The lines of a block that may be its text, and the header's own lines after the time (buttons, a role)."""
    if mode == "after":
        return list(range(name_line(blk, stripped) + 1, blk.time_line)), list(range(blk.time_line + 1, blk.end + 1))
    first = after_header(max(blk.time_line, blk.head_end), kinds, blk.end + 1)
    j = first
    while j <= blk.end and kinds[j] == "ui":
        j += 1
    if mode == "inline" and j <= blk.end and vocab.ROLE_LINE.match(stripped[j]):
        first = j + 1  # (a role under a header that names its author: GitHub's "edited" / "Member")
    above = range(blk.text_above, blk.time_line) if blk.text_above >= 0 else ()  # (X's main post)
    return [*above, *range(first, blk.end + 1)], list(range(blk.time_line + 1, first))


def fill_body(blk: Block, lines, stripped, kinds, mode: str, known: set[str], said: dict | None = None) -> None:
    """The text, buttons (``ui_text``), quotes and markers of one block (``said``: the lines each author's
    comments hold, folded, where the page has quotes)."""
    body, chrome = _body_lines(blk, stripped, kinds, mode)
    keep = []
    quoted: list[str] = []
    in_quote, state = False, [None, False]
    for j in body:
        k = kinds[j]
        if in_quote:
            if k == "quote_end":
                quoted.append(stripped[j])
                in_quote = False
                continue
            if _quote_ends(j, k, state, blk.end, kinds, stripped):
                in_quote = False
            else:
                quoted.append(lines[j])
                continue
        if k in ("ui", "menu"):
            chrome.append(j)
        elif k == "reply" and _reply_marker(blk, stripped[j], known, first=not any(kinds[x] == "text" for x in keep)):
            chrome.append(j)
        elif k == "quote" and (
            not (m := vocab.QUOTE_MARKER.match(stripped[j]))["name3"] or fold(m["name3"]) in known
        ):  # "NAME hat gesagt.:" only for a NAME on the page
            name = (m["name"] or m["name2"] or m["name3"]).strip()
            blk.markers.append(("quote", name, len(quoted)))
            quoted.append(lines[j])
            in_quote = True
            own = blk.author is not None and fold(blk.author) == fold(name)
            state = [None if own or not said else said.get(fold(name)), False]
        else:
            keep.append(j)
    # counters, avatars and blank lines at either end of the text are page chrome too
    while keep and (
        kinds[keep[-1]] in ("count", "avatar", "blank", "num", "tail", "title") or _stat(keep[-1], stripped)
    ):
        j = keep.pop()
        if kinds[j] != "blank":
            chrome.append(j)
    while keep and kinds[keep[0]] in ("count", "blank"):
        j = keep.pop(0)
        if kinds[j] != "blank":
            chrome.append(j)
    if (
        not keep and body and mode != "oneline"
    ):  # a comment whose only line is a button word ("Share", "Anzeige", "A") says it
        words = [j for j in body if kinds[j] in ("ui", "menu", "count", "avatar", "num")]
        filled = [j for j in body if kinds[j] != "blank"]
        if len(words) == 1 and len(filled) == 1:
            keep, chrome = words, [j for j in chrome if j != words[0]]
        elif len(filled) >= 2 and kinds[filled[0]] == "ui" and stripped[filled[0]] in {stripped[j] for j in filled[1:]}:
            # ("Reply" / "3" / "Reply": the button bar follows a comment that says "Reply")
            keep, chrome = filled[:1], [j for j in chrome if j != filled[0]]
    text = "\n".join(lines[j] for j in keep).rstrip()
    blk.text = text
    blk.text_start = keep[0] if keep else -1
    if kinds[blk.top] == "title":  # ("Re: Radwege" above the author: the post's title)
        chrome.append(blk.top)
    ui = [stripped[j] for j in sorted(chrome) if stripped[j]]
    blk.ui_text = "\n".join(ui) if ui else None
    blk.quoted_text = "\n".join(quoted).strip() or None
    for n, mk in enumerate(blk.markers):
        if mk[0] == "quote":  # the quoted passage: from the marker's line to the next marker's
            at = mk[2]
            nxt = next((m[2] for m in blk.markers[n + 1 :] if m[0] == "quote"), len(quoted))
            passage = [_MAIL_QUOTE.sub("", q) for q in quoted[at + 1 : nxt] if not vocab.QUOTE_END.match(q.strip())]
            blk.markers[n] = ("quote", mk[1], "\n".join(passage))


def _stat(j: int, stripped: list[str]) -> bool:
    """A member's or a comment's counter ("2 Reactions", "123 posts") ending a text: the next block's, or the
    comment's reactions, no text."""
    return vocab.STAT_LINE.match(stripped[j]) is not None


#: the mark of a quoted line in mail-style quotes ("> Das sehe ich anders.")
_MAIL_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+")


def said_lines(blocks: list[Block], stripped: list[str]) -> dict[str, set[str]]:
    """The lines each author's comments hold (folded): where a quote of theirs ends (see ``fill_body``)."""
    said: dict[str, set[str]] = {}
    for blk in blocks:
        if blk.author:
            got = said.setdefault(fold(blk.author), set())
            got.update(fold(stripped[j]) for j in range(blk.time_line + 1, blk.end + 1) if stripped[j])
    return said


def fold(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).split()).casefold()


def link_markers(blocks: list[Block]) -> None:
    """Parents the page shows: a ``#1.1`` number under ``#1``; ``Antwort auf #1 von NAME``; ``In reply to
    TITLE by NAME`` (the nearest comment above with that title, by NAME where one is); a quote of NAME's
    words (the comment of NAME that holds the quoted passage)."""
    by_number = {blk.number_text: b for b, blk in enumerate(blocks) if blk.number_text}
    folded = [fold(blk.text) for blk in blocks]
    absent: dict[str, int] = {}  # names the page's reply markers give that wrote nothing on it
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
            elif mk[0] == "reply" and mk[2] and not mk[3]:  # "Bob → Anna Lee": Anna Lee's latest earlier comment
                blk.parent = _named_parent(blocks, b, fold(mk[2]))
            elif mk[0] == "reply" and mk[3]:
                title = fold(mk[3])
                above = [a for a in range(b) if fold(blocks[a].text.split("\n", 1)[0]) == title]
                named = [a for a in above if blocks[a].author and fold(blocks[a].author) == fold(mk[2])]
                pick = named or above
                if pick:
                    blk.parent = pick[-1]
            elif mk[0] == "quote" and mk[2].strip():
                passage = fold(mk[2])[:60]
                hits = [
                    a
                    for a in range(len(blocks))
                    if a != b and blocks[a].author and fold(blocks[a].author) == fold(mk[1]) and passage in folded[a]
                ]
                if hits:
                    earlier = [a for a in hits if a < b]
                    blk.parent = (earlier or hits)[-1]
        if blk.parent is None:
            blk.parent = _dangling(blk, absent)


def _dangling(blk: Block, absent: dict[str, int]) -> str | None:
    """The parent a block's reply marker names where it is not on the page, as the end of an id that names no
    comment (so the reply edge dangles): ``"12"`` (the id comment 12 would have), or ``"?1"`` for the first name
    that wrote nothing on the page (replies to one such name share it; the name itself stays in ``ui_text`` and
    out of ids, which pseudonymisation leaves as they are)."""
    for mk in blk.markers:
        if mk[0] != "reply" or mk[3]:
            continue
        if mk[1] and mk[1].isdigit():
            return mk[1]
        if mk[2] and not mk[1] and not (blk.author and fold(blk.author) == fold(mk[2])):
            return "?" + str(absent.setdefault(fold(mk[2]), len(absent) + 1))
    return None


def _when(stamp: times.Stamp) -> tuple | None:
    """A written time as a key that orders the times of one kind (absolute, relative, today/yesterday)."""
    if stamp.kind in ("datetime", "date"):
        return ("abs", stamp.days * 86400 + (stamp.secs or 0))
    if stamp.kind == "relative":
        return ("rel", -stamp.ago)
    if stamp.kind == "day" and stamp.secs is not None:
        return ("day", -stamp.days_back * 86400 + stamp.secs)
    return None


def _named_parent(blocks: list[Block], b: int, name: str) -> int | None:
    """The comment a reply naming ``name`` answers: that author's latest comment posted before the reply (on
    a newest-first page it stands below), else, where the times do not say, the nearest one above."""
    named = [a for a in range(len(blocks)) if a != b and blocks[a].author and fold(blocks[a].author) == name]
    here = _when(blocks[b].stamp)
    if here is not None:
        timed = [(_when(blocks[a].stamp), a) for a in named]
        # (a time as coarse as the reply's, "2 years ago", is earlier where it stands above)
        earlier = [
            (w[1], -abs(a - b), a)
            for w, a in timed
            if w is not None and w[0] == here[0] and (w[1] < here[1] or w[1] == here[1] and a < b)
        ]
        if earlier:
            return max(earlier)[2]
    above = [a for a in named if a < b]
    return above[-1] if above else None


_LEVEL = re.compile(r"(?i)^level[ \t]+(?P<n>\d{1,2})$")


def link_levels(blocks: list[Block], stripped: list[str], kinds: list[str]) -> None:
    """Parents from the nesting depth the page prints above each comment (Reddit: ``level 2`` under a
    ``level 1``): the nearest comment above one level up, where most comments have a level."""
    levels = []
    for blk in blocks:
        j, level = blk.top - 1, None
        while j >= 0 and kinds[j] != "text" and level is None:
            if m := _LEVEL.match(stripped[j]):
                level = int(m["n"])
            j -= 1
        levels.append(level)
    if sum(lv is not None for lv in levels) < 0.8 * len(blocks):
        return
    for b, (blk, level) in enumerate(zip(blocks, levels)):
        if blk.parent is not None or not level or level < 2:
            continue
        up = next((a for a in range(b - 1, -1, -1) if levels[a] is not None and levels[a] <= level - 1), None)
        if up is not None and levels[up] == level - 1:
            blk.parent = up
