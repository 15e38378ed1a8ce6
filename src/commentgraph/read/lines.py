"""What each line of a copied page is by itself: blank, a button, a counter, a label, a marker, a name or
text (the first stage of layout inference)."""

from __future__ import annotations

import re

from . import chrome, times, vocab

_URL = re.compile(r"(?i)https?://|www\.")
_ICONS = re.compile(r"^[^\w#@+(\[\"'„“‚‘«»]+")  # icon glyphs before a button's word ("\ue150 Kommentar schreiben")


def name_like(s: str) -> bool:
    """A line that can be an author name: short, few words, no link.

    >>> name_like("Dr. Webbaer"), name_like("geht's no?!"), name_like("Das ist ein ganz langer Satz mit vielen Worten.")
    (True, True, False)
    """
    if s.endswith(":") and not vocab.SAYS.search(s):
        return False  # a heading ("5 comments:", "Kommentare:")
    words = s.split()
    if len(words) > 6 and not (len(words) <= 10 and all(_NAME_WORD.fullmatch(w) for w in words)):
        return False  # (a long name is capitalised words and particles: "Maria Josefina de la Cruz Santos")
    return 0 < len(s) <= 80 and not _URL.search(s) and not s.endswith((",", ";"))


#: a word of a long name: capitalised, or a particle ("de", "la", "von", "van", "bin")
_NAME_WORD = re.compile(
    r"(?-i:[A-ZÄÖÜ][\w'’\-]*\.?)|(?:de|la|le|del|della|da|das|do|dos|du|van|von|der|den|zu|y|e|bin|al)"
)


_SENTENCE_END = re.compile(r"(?<![A-ZÄÖÜ])[a-zäöüß]{3,}[.!?]+$")


def sentence_like(s: str) -> bool:
    """A line that ends a sentence (a lowercase word and ``.``, ``!`` or ``?``): body text, not a name.

    >>> sentence_like("Das war gut."), sentence_like("Rainer B."), sentence_like("Danke !!"), sentence_like("G.M.")
    (True, False, False, False)
    """
    return len(s.split()) >= 2 and _SENTENCE_END.search(s) is not None and not vocab.SAYS.search(s)


_EDITED = re.compile(
    r"(?i)^[(•·]?[ \t]*(?:last[ \t]+)?(?:edited|zuletzt[ \t]+bearbeitet|bearbeitet|geändert|modifié)"
    r"(?:[ \t]+(?:am|on|at|le|vor))?[ \t]+(?P<when>[^()]{1,40}?)(?:[ \t]+(?:by|von|par)[ \t]+\S.{0,40}?)?[ \t]*\)?$"
)


def vocab_form(s: str) -> str:
    return _ICONS.sub("", s).strip()


def line_kinds(stripped: list[str]) -> list[str]:
    """What each (stripped) line is by itself: ``blank``, ``ui`` (a button line), ``menu`` (a forum post
    menu line), ``count``, ``num`` (``#661``), ``label`` (``Mitglied seit``), ``value`` (the line after a
    label), ``avatar`` (one character), ``reply`` and ``quote`` (markers), ``quote_end``, ``title`` (``Re: ...``),
    ``tail`` (comment form, pagination) or ``text``.

    >>> line_kinds(["", "Antworten", "Profil", "0", "#661", "Mitglied seit", "28. Juni 2014", "Y", "Hallo"])
    ['blank', 'ui', 'menu', 'count', 'num', 'label', 'value', 'avatar', 'text']
    """
    kinds = []
    after_label = False
    seen: dict[str, str] = {}  # each distinct line is looked at once
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
    ("menu", vocab.MENU_LINE, True),
    ("count", vocab.COUNT_LINE, False),
    ("num", vocab.NUMBER_LINE, False),
    ("title", vocab.TITLE_LINE, False),
    ("label", vocab.LABEL_LINE, False),
    ("reply", vocab.REPLY_MARKER, False),
    ("quote_end", vocab.QUOTE_END, False),
    ("quote", vocab.QUOTE_MARKER, False),
    ("tail", vocab.PAGE_TAIL, True),
)


def _line_kind(s: str) -> str:
    """What one non-blank stripped line is (see :func:`line_kinds`)."""
    v = vocab_form(s)
    if len(s) == 1:
        return "count" if s.isdigit() or not s.isalpha() else "avatar"
    if vocab.is_symbols(s):
        return "count"
    if vocab.STAT_LINE.match(s):
        return "value"
    if vocab.AVATAR_LINE.match(s):
        return "avatar"
    if vocab.STATE_LINE.match(s):
        return "ui"
    if not vocab.MENU_LINE.match(v) and vocab.is_ui(v):
        return "ui"
    if (m := _EDITED.match(s)) and times.EXPR.fullmatch(m["when"]):
        return "ui"  # ("Edited 1h ago" under a header: when it was edited is no comment's time nor text)
    if chrome.VIEWS_LINE.match(s):
        return "count"
    if chrome.EVENT_LINE.match(s) or chrome.SORT_LINE.match(s):
        return "ui"  # (an issue's "octocat closed this as completed on Mar 3", a sort menu's "Most relevant")
    for kind, rx, on_v in _KIND_RULES:
        if kind == "reply" and vocab.LABEL_INLINE.match(s) and len(s) <= 40:
            return "label_inline"
        if rx.match(v if on_v else s):
            return kind
    return "text"


#: words around a name in a header line: "Posted by NAME", "von NAME", "NAME 12 points", "NAME » Tue"
_AUTHOR_LEAD = re.compile(
    r"(?i)^\[[–+\-]\][ \t]*"  # (old reddit's collapse button glued to the name: "[–]user_one")
    r"|^(?:posted by|post by|written by|submitted by|comment by|commented by|kommentar von|beitrag von|antwort von"
    r"|geschrieben von|verfasst von|by|von|autor:|author:|verfasser:)[ \t]+"
)


_AUTHOR_TRAIL = re.compile(
    r"(?i)(?:[ \t]+[+\-−]?\d[\d.,]*[ \t]+(?:points?|punkte|votes?|likes?|upvotes?)"
    r"|[ \t]*[»›|•·][ \t]*(?:(?:mon|tue|wed|thu|fri|sat|sun|mo|di|mi|do|fr|sa|so)[a-z]*\.?,?)?"
    r"|[ \t]*\[(?:S|M|A|score hidden)\]"  # (old reddit: "[S]" the poster, "[M]" a moderator)
    r"|[ \t]*[•·][ \t]*(?:1st|2nd|3rd\+?)"  # (LinkedIn: the contact's degree, "Anna Svensson • 2nd")
    r"|(?<=\w)[ \t]+\(\d{1,9}\)(?=[ \t]*$))+[ \t]*$"  # (a user's id after the name: "by jdoe (12345)")
)


def strip_name_words(s: str) -> str:
    """``s`` without the words around a name in header lines ("Posted by", "by", a score, "» Tue").

    >>> strip_name_words("by Hans » Tue"), strip_name_words("by"), strip_name_words("Anna")
    ('Hans', 'by', 'Anna')
    >>> strip_name_words("[–]throwaway_42[S] 1 point"), strip_name_words("[+]user_one")
    ('throwaway_42', 'user_one')
    >>> strip_name_words("[–]Mr_Bean-99 Germany 3 points")  # (a reddit name has no space: the flair follows it)
    'Mr_Bean-99'
    """
    if m := _REDDIT_NAME.match(s):
        return m["name"]
    return _AUTHOR_TRAIL.sub("", _AUTHOR_LEAD.sub("", s)).strip() or s


_REDDIT_NAME = re.compile(r"^\[[–+\-]\](?P<name>[\w\-]{2,40})(?:\[[SMA]\])?(?:[ \t]|$)")


#: connectors between a name and its time ("NAME | date", "NAME am date", "NAME, date", "#1 — vor ...")
CONNECTOR_TAIL = re.compile(
    r"(?:[ \t]*[|•·,–—\-:]|[ \t]+/|(?:^|(?<=\s))(?i:schrieb am|schreibt am|kommentierte am|antwortete am|wrote on"
    r"|posted on|said on|commented on|replied on|posted|gepostet|geschrieben|commented|kommentiert|submitted"
    r"|am|on|um|at|vom|from"
    # a review's place ("Reviewed in the United States on", "Rezension aus Deutschland vom")
    r"|reviewed in(?: the)?(?-i:(?: [A-Z][\w.]*)+) on|rezension aus(?-i:(?: [A-ZÄÖÜ][\w.]*)+) vom)(?![\w])"
    r"|[ \t]*[»›][ \t]*(?:(?i:mon|tue|wed|thu|fri|sat|sun|mo|di|mi|do|fr|sa|so)[a-z]*\.?,?)?)+[ \t]*$"
)


#: a reply arrow in a header ("Bob → Anna Lee • 2 years ago"): the name after it is whom the comment answers
ARROW = re.compile(r"[ \t]+(?:→|➔|▸|►|↪|↳|⤷|replied to|antwortete|in reply to|replying to)[ \t]+")


def clean_author(s: str) -> str:
    """The name in an author line or a header's prefix.

    >>> clean_author("Anna sagt:"), clean_author("Posted by Jane Roe"), clean_author("by Hans » Tue")
    ('Anna', 'Jane Roe', 'Hans')
    >>> clean_author("user_one 12 points"), clean_author("Opossum")
    ('user_one', 'Opossum')
    """
    s = vocab.SAYS.sub("", s)
    return strip_name_words(CONNECTOR_TAIL.sub("", s).strip() or s.strip())


#: what a header's name may bear: a collapse button before it ("[–]"), a handle's "@", a score ("12 points")
_MARK = re.compile(r"^(?P<lead>\[[–+\-]\]|@)|(?P<score>[ \t][+\-−]?\d[\d.,]*[ \t]+(?i:points?|punkte|votes?)\b)")


def name_mark(prefix: str) -> str:
    """The marks a header's name bears (see ``_MARK``), as one string ("" for none).

    >>> name_mark("[–]user_one 12 points"), name_mark("@anna"), name_mark("I checked it")
    ('[–] points', '@', '')
    """
    found = [m["lead"] or "points" for m in _MARK.finditer(prefix)]
    return " ".join(found)
