"""The article part of a page, before its first comment: title, declared comment count, last update."""

from __future__ import annotations

import re

from ..problems import Problems
from ..timeparse import DATETIME, date_days, time_seconds
from .checks import span

#: "15 Kommentare", "24 comments:", "5 thoughts on “Title”", "12 Antworten zu …", "Kommentare (12)", and a count
#: after the article's date and time on one line ("14. Januar 2020, 9:21 Uhr 571 Kommentare")
_N = r"(?:\d{1,3}(?:[.,]\d{3})+|\d{1,7})"  # ("1,234 Comments", "1.234 Kommentare": thousands separated)
_DECLARED = re.compile(
    r"^[ \t]*(?:[^\n]{0,60}?\d{1,2}:\d{2}(?:[ \t]*Uhr)?[ \t]+)?"
    rf"(?:(?P<n1>{_N})[ \t]+(?:Leser-?)?(?:Kommentare?|Comments?|Commentaires?|Antworten|Beiträge|Replies|Responses"
    r"|Réponses?)[ \t]*:?"
    rf"|(?P<n3>{_N})[ \t]+(?:thoughts? on|responses? to|comments? on|Kommentare zu|Antworten zu|Gedanken zu"
    r"|réponses? à|commentaires? (?:sur|à propos de))"
    r"[ \t]+[^\n]{1,200}"
    rf"|(?:Kommentare|Comments|Leserkommentare|Commentaires)[ \t]*[(:][ \t]*(?P<n2>{_N})\)?)[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)

_UPDATED = re.compile(
    rf"(?:Zuletzt aktualisiert|Aktualisiert|Stand|Last updated|Updated)[ \t]*:?[ \t]*(?:am[ \t]+)?{DATETIME}",
    re.IGNORECASE,
)

_CAPTION = re.compile(r"(?i)\b(?:Bildrechte|Foto|Bild|Quelle|Photo|Image|Credit)\s*:")

_CAPTION_CHARS = 400  # a caption's credit sits near its start; longer lines are not searched to the end

#: a time (``:MM``): a line without one holds no ``_UPDATED`` (which matches within one line)
_TIME_MARK = re.compile(r":\d\d")


def _updated(head: str) -> re.Match | None:
    """``_UPDATED.search(head)``, tried only on the lines that hold a time (the search tried at every
    character cost ~0.1 ms a page).

    >>> _updated("Bild: dpa\\nStand: 1. März 2019, 19:56 Uhr\\nText")["time"]
    '19:56 Uhr'
    """
    done = -1
    for t in _TIME_MARK.finditer(head):
        if t.start() < done:
            continue  # (a line already tried)
        a, b = head.rfind("\n", 0, t.start()) + 1, head.find("\n", t.end())
        done = b = len(head) if b < 0 else b
        if m := _UPDATED.search(head, a, b):
            return m
    return None


#: a word every declared count holds (lower case)
_COUNT_WORDS = ("komment", "comment", "antwort", "beiträge", "repl", "respons", "thought", "gedanken", "réponse")
_COUNT_WORD = re.compile("|".join(_COUNT_WORDS), re.IGNORECASE)


def _declared(head: str) -> list[re.Match]:
    """``_DECLARED``'s matches in ``head``, tried only on lines that hold one of its words (tried at every
    line it cost ~0.15 ms a page, a regex of the words ~0.1 ms; ``str.find`` of each is ~50x cheaper).

    >>> [m["n1"] for m in _declared("Titel\\nText\\n15 Kommentare\\n")]
    ['15']
    """
    low = head.lower()
    if len(low) != len(head):  # (a letter whose lower case is longer: positions differ, go line by line)
        starts = {head.rfind("\n", 0, w.start()) + 1 for w in _COUNT_WORD.finditer(head)}
    else:
        starts = set()
        for word in _COUNT_WORDS:
            i = low.find(word)
            while i >= 0:
                starts.add(head.rfind("\n", 0, i) + 1)
                i = low.find(word, i + len(word))
    return [m for at in sorted(starts) if (m := _DECLARED.match(head, at))]


def _title(lines: list[str]) -> str | None:
    """The first article line that is not an image caption or its credit line."""
    for i, line in enumerate(lines):
        line = line.strip()
        if not line or _CAPTION.search(line, 0, _CAPTION_CHARS):
            continue
        nxt = next((x for x in lines[i + 1 : i + 2]), "")
        if _CAPTION.search(nxt, 0, _CAPTION_CHARS):
            continue  # an image caption: the line after it names the picture's rights holder
        return line
    return None


def page_head(head: str, n: int, present: list, probs: Problems) -> tuple:
    """``(title, updated, declared)`` of the article text before the first comment (``updated``: local
    seconds since 1970, or None); a declared count that differs from the ``n`` comments found is a notice."""
    declared = declared_line = None
    if dm := _declared(head):
        declared = int(re.sub(r"[.,]", "", dm[-1]["n1"] or dm[-1]["n2"] or dm[-1]["n3"]))
        declared_line = head.count("\n", 0, dm[-1].start()) + 1
    updated = None  # (local seconds since 1970: the reader localises all pages' at once, ~70 us a page alone)
    if um := _updated(head):
        days, secs = date_days(um["date"]), time_seconds(um["time"])
        if days is not None and secs is not None:
            updated = days * 86400 + secs
    if declared is not None and declared != n:
        detail = ""
        if present and present[0] > 1 and declared >= present[-1]:
            detail = f"; numbers {span(1, present[0] - 1)} are not on the page"
        probs.add(
            "count_mismatch",
            f"the page declares {declared} comments, {n} were found{detail}",
            line=declared_line,
            excerpt_text=dm[-1][0].strip(),
            severity="notice",
        )
    return _title(head.split("\n")), updated, declared
