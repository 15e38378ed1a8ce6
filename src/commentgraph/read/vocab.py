"""What the lines of a copied comment page say besides comments: buttons, counters, field labels,
reply and quote markers (German and English), each as one regular expression."""

from __future__ import annotations

import re

from . import chrome

#: buttons and links that a browser copy keeps as lines of their own ("Antworten", "ReplyDelete",
#: "Antworten Melden", "Like 3", "Permanenter Link"); several may stand glued on one line
_UI_WORDS = (
    "antworten",
    "antwort",
    "melden",
    "empfehlen",
    "teilen",
    "zitieren",
    "löschen",
    "bearbeiten",
    "kommentieren",
    "comment",
    "gefällt mir",
    "aufklappen",
    "zuklappen",
    "einklappen",
    "ausklappen",
    "mehr anzeigen",
    "weniger anzeigen",
    "weiterlesen",
    "übersetzen",
    "ignorieren",
    "blockieren",
    "missbrauch melden",
    "leserempfehlungen?",
    "empfehlungen?",
    "permanenter link",
    "direktlink",
    "beitrag melden",
    "kommentar melden",
    "nach oben",
    "zustimmen",
    "ablehnen",
    "hilfreich",
    "reply",
    "replies",
    "delete",
    "edit",
    "report",
    "share",
    "likes?",
    "dislikes?",
    "upvote",
    "downvote",
    "flag",
    "quote",
    "reply with quote",
    "permalink",
    "link",
    "show more",
    "show less",
    "see more",
    "respect",
    "respekt",
    "link to comment",
    "link to post",
    "share on other sites",
    "link zum kommentar",
    "link zum beitrag",
    "auf anderen seiten teilen",
    "click to rate",
    "rating",
    "bewerten",
    "see less",
    "mehr sehen",
    "voir plus",
    "lire la suite",
    "read more",
    "translate",
    "follow",
    "ignore",
    "block",
    "report abuse",
    "helpful",
    "useful",
    "logged",
    "reposts?",
    "back to top",
    "collapse",
    "expand",
    "werbung:?",
    "recommend",
    "recommended",
    "edited",
    "bearbeitet",
    "geändert",
    "anzeige",
    "advertisement",
    "sponsored",
    "award",
    "parent",  # (Slashdot's link to the comment answered)
    # French
    "répondre",
    "signaler",
    "j'aime",
    "j’aime",
    "partager",
    "modifier",
    "supprimer",
    "citer",
    "message",
    "nachricht senden",
)
#: a proper name after a badge's words ("ACME Corp", "Universität Wien"): capitalised words only, at most five
_PROPER = r"(?-i:[A-ZÄÖÜ0-9@])[\w&'’.\-]*(?:[ \t]+(?-i:[A-ZÄÖÜ0-9&])[\w&'’.\-]*){0,4}"
#: badges beside a name (the Guardian's "Staff" and "Picks", Reddit's "OP", YouTube's "Pinned by", Facebook's "Top
#: fan", Google's "Top contributor"); above the name they head its comment
_BADGES = (
    "staff",
    "guardian staff",
    "guardian pick",
    "guardian picks",
    "picks",
    "op",
    r"top \d{1,2}% (?:commenter|poster)",
    "moderator",
    "moderatorin",
    "mod",
    "admin",
    "administrator",
    "verified",
    "verifiziert",
    r"pinned by @?" + _PROPER,
    r"(?:angepinnt|fixiert) von @?" + _PROPER,
    "top fan",
    "top-fan",
    "author",
    "owner",
    "contributor",
    "collaborator",
    r"(?:times|editors?['’]?|readers?['’]?) picks?",
    "verified purchase",
    r"(?:top|rising|all-star|new) (?:contributor|commenter)",
    "top-kommentator(?:in)?",
)
BADGE_LINE = re.compile("(?i)^[ \t]*(?:" + "|".join(_BADGES) + ")[ \t]*$")
#: a role beside a name that is no badge above one (a forum's rank "Member" is a name-like line): only right under a
#: header line that holds the name
ROLE_LINE = re.compile("(?i)^[ \t]*(?:member|mitglied|first-time contributor|maintainer|sponsor)[ \t]*$")
#: forum post menus between an author line and the post's time (vBulletin, phpBB): skipped, not a boundary
_MENU_WORDS = (
    "profil",
    "beiträge anzeigen",
    "private nachricht",
    "homepage besuchen",
    "profil anzeigen",
    "view profile",
    "private message",
    "send a private message",
    "visit homepage",
    "find more posts",
    "find all posts",
    "alle beiträge finden",
    r"level \d{1,2}",  # (Reddit's nesting depth above each comment)
    "website besuchen",
    "visit website",
    *_BADGES,
    # a star rating under a name, with a review's title after it ("5.0 out of 5 stars Great kettle")
    r"(?:rated[ \t]+)?\d(?:[.,]\d)?[ \t]+(?:out[ \t]+of|von)[ \t]+\d[ \t]+(?:stars?|sternen)(?:[ \t]+\S.{0,100})?",
    # Facebook's line under a name
    r"(?:works at|worked at|studied at|studies at|went to|lives in|arbeitet bei|hat gearbeitet bei|studiert an"
    r"|hat studiert an|wohnt in)[ \t]+" + _PROPER,
)
MENU_LINE = re.compile("(?i)^[ \t]*(?:" + "|".join(_MENU_WORDS) + ")[ \t]*$")
_UI_WORDS = _UI_WORDS + _MENU_WORDS
_UI_WORD = "(?:" + "|".join(sorted(_UI_WORDS, key=len, reverse=True)) + ")"
_COUNT = r"(?:\(?[+\-−]?\d{1,6}\)?)"
UI_LINE = re.compile(
    rf"^(?:{_COUNT}[ \t]*)?{_UI_WORD}(?:[ \t]*{_COUNT})?"
    rf"(?:[ \t]*[|·•/]?[ \t]*(?:{_COUNT}[ \t]*)?{_UI_WORD}(?:[ \t]*{_COUNT})?)*[ \t]*$"
    # "+ 7 weitere Antworten anzeigen", "Alle 12 Antworten anzeigen", "Show 3 more replies"
    r"|^[ \t]*\+?[ \t]*(?:alle[ \t]+)?\d{0,6}[ \t]*(?:weitere[ \t]+)?(?:antworten|kommentare|replies|comments)"
    r"[ \t]+(?:anzeigen|laden|einblenden|ausblenden)[ \t]*$"
    r"|^[ \t]*(?:show|view|load|hide)[ \t]+(?:all[ \t]+)?\d{0,6}[ \t]*(?:more[ \t]+)?(?:repl(?:y|ies)|comments?)"
    r"[ \t]*$"
    r"|^[ \t]*(?:weitere|mehr)[ \t]+(?:kommentare|antworten|beiträge|postings)[ \t]+(?:laden|anzeigen)[ \t]*$"
    # phpBB's link back to the top after each post ("Top", "↑ Top"; "Top!" is a reader's word)
    r"|^[ \t]*(?:[↑^▲⬆][ \t]*)?top(?:[ \t]*[↑^▲⬆])?[ \t]*$"
    # Substack's and YouTube's marks of the author's like: "Liked by Author", "Liked by creator"
    r"|^[ \t]*(?:liked[ \t]+by[ \t]+(?:the[ \t]+)?(?:author|creator)|gefällt[ \t]+(?:dem|der)[ \t]+(?:autor|autorin))"
    r"[ \t]*$",
    re.IGNORECASE,
)
#: more words that buttons and link bars are made of (reddit's "permalink embed save report reply", Hacker
#: News' "parent | next", "+ 7 weitere Antworten anzeigen"); a line of these words only (with counters,
#: separators and arrows between them) is a button line
_BAR_WORDS = (
    "embed",
    "save",
    "saved",
    "next",
    "prev",
    "root",
    "context",
    "give award",
    "award",
    "weitere",
    "alle",
    "anzeigen",
    "laden",
    "einblenden",
    "ausblenden",
    "show",
    "view",
    "load",
    "hide",
    "more",
    "all",
    "mehr",
    "weniger",
    "less",
    "antworten anzeigen",
    "kommentare anzeigen",
    "pinned",
    "vote up",
    "vote down",
    "favorite",
    "bookmark",
    "merken",
    "retweet",
    "teilen auf",
)
_LETTER_WORDS = re.compile(
    r"^(?:"
    + "|".join(w.replace(" ", r"\s*") for w in sorted(_UI_WORDS + _BAR_WORDS, key=len, reverse=True))
    + r")(?:\s*(?:"
    + "|".join(w.replace(" ", r"\s*") for w in sorted(_UI_WORDS + _BAR_WORDS, key=len, reverse=True))
    + r"))*$",
    re.IGNORECASE,
)
_NOT_LETTERS = re.compile(r"[\W\d_]+")


def is_ui(s: str) -> bool:
    """A line of buttons: button words only, with counters, separators and arrows between them.

    >>> is_ui("2 △ ▽ • Antworten • Teilen ›"), is_ui("permalinkembedsavereportreply"), is_ui("Antworten Sie!")
    (True, True, False)
    >>> is_ui("more"), is_ui("Mehr als das")
    (False, False)
    """
    if UI_LINE.match(s):
        return True
    words = _NOT_LETTERS.sub(" ", s).split()
    if not words or len(s) > 80 or (len(words) == 1 and words[0].lower() in _BAR_WORDS):
        return False  # a bare "more" or "show" is a word of text
    return _LETTER_WORDS.match(" ".join(words)) is not None


def is_bar(s: str) -> bool:
    """Button words after a separator, as headers end (Hacker News' "| next [–]"): one word is enough here.

    >>> is_bar("| next [–]"), is_bar("| parent | next [–]"), is_bar("| Ralf")
    (True, True, False)
    """
    if s[:1] not in "|·•" or len(s) > 80:
        return False
    words = _NOT_LETTERS.sub(" ", s).split()
    return bool(words) and _LETTER_WORDS.match(" ".join(words)) is not None


def is_symbols(s: str) -> bool:
    """A short line without letters or digits: arrows, vote buttons, a dash ("△ ▽", "[–]", "›"); an emoji is a
    reader's word ("🙂 👍" is a comment's text).

    >>> is_symbols("△ ▽"), is_symbols("[–]"), is_symbols("…"), is_symbols("12"), is_symbols("🙂 👍")
    (True, True, True, False, False)
    """
    return 0 < len(s) <= 12 and not any(ch.isalnum() or _EMOJI.match(ch) for ch in s)


_EMOJI = re.compile("[\U0001f000-\U0001faff\u2764\u263a\u2665]")


#: an avatar's alt text, as some browsers copy it ("Avatar photo", "Jane Doe's avatar", "Profilbild von Hans",
#: "avatar for Kim"): no name line, skipped above a name like an avatar's letter
AVATAR_LINE = re.compile(
    r"(?i)^[ \t]*(?:(?:(?:user[ \t]+)?avatar(?:[ \t]+(?:photo|image|picture|bild))?|profilbild|benutzerbild"
    r"|profile[ \t]+(?:picture|photo|image)|photo[ \t]+de[ \t]+profil)(?:[ \t]+(?:of|for|von|de)[ \t]+\S.{0,60})?"
    r"|\S.{0,60}?(?:'s|’s)[ \t]+(?:avatar|profile[ \t]+(?:picture|photo|image))|gravatar)[ \t]*$"
)
#: a comment's state, no comment's text ("Your comment is awaiting moderation.")
STATE_LINE = re.compile(
    r"(?i)^[ \t]*(?:your comment is awaiting moderation|ihr kommentar (?:muss noch freigeschaltet werden|wartet auf "
    r"(?:freischaltung|moderation))|dein kommentar wartet auf (?:freischaltung|moderation)|votre commentaire est en "
    r"attente de modération)[ \t.!]*$"
)
#: a counter alone on a line: votes, recommendations, thanks ("2", "0", "+12", "1.158", YouTube's "1.2K")
COUNT_LINE = re.compile(
    r"^[ \t]*[+\-−±]?\d{1,3}(?:[.,]\d{3})*[ \t]*$"
    r"|^[ \t]*\d{1,3}(?:[.,]\d)?[ \t]?(?:[KkM]|(?i:Tsd|Mio)\.?)[ \t]*$"  # "1.2K", "12K", "3,4 Tsd."
    r"|^[ \t]*\d{1,6}[ \t]+(?i:likes?|punkte|points|stimmen|votes|empfehlungen|reactions?|reaktionen)[ \t]*$"
    r"|^(?:[ \t]*[\U0001f000-\U0001faff\u2764\u2665]\ufe0f?[ \t]*\d{1,6})+[ \t]*$"  # reactions ("👍 2 ❤️ 1")
    r"|^[ \t]*(?i:\d{1,6}|one|a) (?i:people|person) found this helpful[ \t]*$"
    # a score and its votes ("12 (14 / -2)")
    r"|^[ \t]*[+\-−]?\d{1,6}[ \t]+\(\+?\d{1,6}[ \t]*/[ \t]*[\-−]?\d{1,6}\)[ \t]*$"
)
#: a forum member's counters under the name ("123 posts", "4.567 Beiträge"): skipped above a name like a label's value
STAT_LINE = re.compile(
    r"(?i)^[ \t]*\d{1,3}(?:[.,]\d{3})*[ \t]+(?:posts|beiträge|messages|nachrichten|reactions|reaktionen)[ \t]*$"
)
#: a post number alone on a line ("#661", "Nr. 12", "#1.1")
NUMBER_LINE = re.compile(r"^[ \t]*(?:#|Nr\.[ ]?|No\.[ ]?)(?P<number>\d{1,9}(?:\.\d{1,9})*)[ \t]*$")
#: field labels of forum post headers, whose value is the next line ("Mitglied seit" / "28. Juni 2014"),
#: or inline ("Beiträge: 2.206"); a date after one of these is a join date, not the post's time
_LABELS = (
    r"mitglied seit|registriert seit|registriert|dabei seit|beigetreten|beiträge|posts|messages"
    r"|nachrichten|ort|wohnort|location|joined|member since|join date|registered|reaktionspunkte"
    r"|punkte|reaction score|points|likes erhalten|alter|age|geschlecht|gender|themenstarter|beginndatum"
    r"|thread starter|start date|erstellt am|created|reaktionen|erhaltene reaktionen|danksagungen|karma"
    r"|threads|themen|reputation|ruf|bewertungen"
)
LABEL_LINE = re.compile(rf"(?i)^[ \t]*(?:{_LABELS})[ \t]*:?[ \t]*$")
LABEL_INLINE = re.compile(rf"(?i)^[ \t]*(?:{_LABELS})[ \t]*:?[ \t]+\S")
#: article lines that hold a date but are no comment header
ARTICLE_DATE = re.compile(
    r"(?i)aktualisiert|programm|stand:|updated|published|veröffentlicht"
    r"|kommentare|comments|beginndatum|erstellt"
)
#: an article's byline ("By Ann Lee", "Von Henning Lobin"): the date below or after it is the article's
BYLINE = re.compile(r"(?i)^[ \t]*(?:by|von)[ \t]+[^»›|•]+$")
#: the end of the comment list: a comment form, a feed link, pagination (its lines are not a comment's)
PAGE_TAIL = re.compile(
    r"(?i)^[ \t]*(?:(?:leave a reply|laisser un commentaire|laisser une réponse)[ \t]+"
    r"(?:cancel reply|annuler la réponse)|(?:schreibe|hinterlasse|hinterlassen sie)[ \t]+einen[ \t]+kommentar[ \t]+"
    r"(?:antworten|antwort|kommentar)[ \t]+abbrechen|hinterlasse einen kommentar|"
    r"ihr kommentar(?: zu diesem artikel)?|kommentar schreiben|schreibe einen kommentar|"
    r"kommentar verfassen|einen kommentar schreiben|leave a reply|leave a comment|post a comment|add a comment|"
    r"write a comment|add comment|kommentar hinzufügen|(?:newer post|older post|home|neuerer post|älterer post|"
    r"startseite)(?:[ \t]+(?:newer post|older post|home|neuerer post|älterer post|startseite))+|"
    r"neuen kommentar schreiben|abonnieren|kommentare zum post \(atom\)|"
    r"post comments \(atom\)|newer post|older post|neuerer post|älterer post|startseite|kommentarseiten|"
    r"weitere kommentare|weitere laden\.*|mehr laden\.*|load more\.*|anmelden(?: registrieren)?|"
    r"bitte melden sie sich an.*|log in to (?:comment|reply).*|sign in to (?:comment|reply).*|"
    r"abonnieren(?: kommentare zum post \(atom\))?|subscribe to.*|ihr name|e-mail|betreff|"
    r"kommentare zu diesem artikel sind geschlossen.*|comments are closed.*|laisser un commentaire|laisser une réponse|"
    r"ajouter un commentaire|écrire un commentaire|"
    # pagination ("Posting 1 bis 25 von 120", "Page 1 of 5", "Pages: [1] 2 3", "Go Up")
    r"(?:postings?|beiträge|kommentare|comments|posts|seite|page)[ \t]+\d+[ \t]+(?:bis|-|–|to|von|of)[ \t]+\d+"
    r"(?:[ \t]+(?:von|of)[ \t]+\d+)?|pages?:[ \t]*\[?\d+\]?(?:[ \t]+\[?\d+\]?)*|go up|go down|nach oben|"
    r"see more reviews|see all reviews)[ \t]*(?::|\.{2,3}|…)?\*?[ \t]*$"
)
#: an author line's verb ("John says:", "Anna sagt:")
SAYS = re.compile(
    r"(?i)[ \t]+(?:says|said|wrote|writes|sagt|hat gesagt|schrieb|schreibt|meint|kommentierte|commented|dit|a dit"
    r"|a écrit)"
    r"[ \t]*(?::|\.{2,3}|…)?[ \t]*$"
)

#: reply markers the page prints: "Antwort auf #1 von NAME", "In reply to TITLE by NAME", "In reply to NAME."
REPLY_MARKER = re.compile(
    r"^[ \t]*(?:antwort auf|antwort an|als antwort auf|in reply to|replying to|reply to|en réponse à)[ \t]+"
    r"(?:(?:kommentar[ \t]+|comment[ \t]+)?#(?P<number>\d{1,9}(?:\.\d{1,9})*)[ \t]+"
    r"(?:von|by)[ \t]+(?P<name>.+?)"
    r"|(?P<title>.+?)[ \t]+(?:von|by)[ \t]+(?P<tname>.+?)"
    # a name alone ("In reply to Jane Doe.", "Antwort auf Fritz Meier"): a marker only for an author of the page
    r"|@?(?P<rname>[^\s#@][^#]{0,60}?)\.?(?:[ \t]+(?:vom|from|on)[ \t]+\d[\d.,: ]{3,20}(?:uhr|[ap]\.?m\.?)?)?)[ \t]*$",
    re.IGNORECASE,
)
#: a reply marker naming a comment's number ("Antwort auf #2 von Sabrina"): a page in the seed's layout that holds one
#: is read by layout inference, which makes it the comment's parent (no lookarounds: Polars' regex reads it too)
NUMBER_REPLY = (
    r"(?im)^[ \t]*(?:antwort auf|antwort an|als antwort auf|in reply to|replying to|reply to)[ \t]+"
    r"(?:kommentar[ \t]+|comment[ \t]+)?#[0-9]"
)
NUMBER_REPLY_LINE = re.compile(NUMBER_REPLY)
#: quote markers: "Zitat von NAME", "NAME hat gesagt.:", "NAME said:", "Originally Posted by NAME", "NAME schrieb am
#: 15.01.2020 09:00:" (heise, mail-style "> " lines below)
QUOTE_MARKER = re.compile(
    # (a sentence is no marker: "Zitat von Karl steht in keinem Buch.")
    r"^[ \t]*(?i:(?:zitat|quote|zitieren)(?:[ \t]+(?:von|from|original(?:[ \t]+von)?))[ \t]+(?P<name>.+?)"
    r"(?<![a-zäöüß]{2}[.!?])"
    r"|(?:quote[ \t]+)?originally posted by[ \t]+(?P<name2>.+?))[ \t]*:?[ \t]*$"
    r"|^[ \t]*(?P<name3>\S.{0,60}?)[ \t]+(?i:hat gesagt|said|wrote|schrieb|a écrit)"
    r"(?:[ \t]+(?i:am|on|le)[ \t]+[^:\n]{4,30}(?::\d\d){0,2}(?:[ \t]?(?i:uhr|[ap]\.?m\.?))?)?[ \t]*\.?:[ \t]*$"
)
#: the end of a quote box ("Zum Vergrößern anklicken....", "Click to expand...")
QUOTE_END = re.compile(r"(?i)^[ \t]*(?:zum vergrößern anklicken|click to expand|klicken zum erweitern)[ \t.…]*$")
#: any of the above on a line of a whole page (buttons, reply and quote markers): a page that holds them
#: is read by layout inference, which takes them out of comment texts
#: a forum post's title line ("Re: Radwege", "AW: Frage", "Re[2]: x"): it heads the post below it
TITLE_LINE = re.compile(r"^(?:re|aw|wg)(?:\^\d+|\[\d+\])?:(?:[ \t]+\S|(?-i:[A-ZÄÖÜ]))", re.IGNORECASE)

CHROME = re.compile(
    UI_LINE.pattern + r"|^[ \t]*(?:re|aw):[ \t]+\S"
    r"|^[ \t]*(?:antwort auf|als antwort auf|in reply to|replying to|zitat von|quote from|originally posted by)[ \t]"
    r"|[ \t](?:hat gesagt|said|wrote)\.?:[ \t]*$|" + chrome.FEDI_HANDLE[4:],
    re.IGNORECASE | re.MULTILINE,
)
