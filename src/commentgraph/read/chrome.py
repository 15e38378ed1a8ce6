"""More lines of a copied page that are neither a name nor a comment's text (beside :mod:`.vocab`): an issue
tracker's event lines, sort menus above a comment list, and a fediverse handle under a display name."""

from __future__ import annotations

import re

#: an issue tracker's timeline event ("octocat closed this as completed on Mar 3, 2019", "@hubot hubot added the
#: bug label 2 days ago"): a login (one word, the avatar's "@login" may stand before it) and an event's words; a
#: sentence ("it closed this for me.") ends in a stop and is no event
EVENT_LINE = re.compile(
    r"^[ \t]*(?:@[\w\-]{1,39}[ \t]+)?[\w\-]{1,39}[ \t]+"
    r"(?:closed this|reopened this|closed this as (?:completed|not planned|duplicate)|merged commit|merged \d+ commits?"
    r"|added (?:the|a|an)[ \t]+\S.{0,60}?[ \t]+labels?|added[ \t]+\S.{0,60}?[ \t]+labels|removed the[ \t]+\S.{0,60}?"
    r"[ \t]+labels?|self-assigned this|(?:un)?assigned @?[\w\-]{1,39}(?=[ \t]+(?:on|\d)|[ \t]*$)"
    r"|mentioned this(?: issue)?"
    r"|referenced this(?: issue)?|linked a pull request|changed the title|marked this as|pinned this issue"
    r"|unpinned this issue|locked (?:and limited conversation|as)|unlocked this|added this to the|removed this from the"
    r"|deleted a comment|requested a review|approved these changes|transferred this issue|converted this)"
    r"(?:[ \t]+[^.!?]{0,80})?[ \t]*$"
)
#: a sort menu or filter above a comment list ("Most relevant", "Sort by Best", "Neueste zuerst"): no name
SORT_LINE = re.compile(
    r"(?i)^[ \t]*(?:sort(?:ed)? by(?:[ \t]+\w+)?|sortieren(?: nach)?(?:[ \t]+\w+)?|most relevant|most recent"
    r"|newest(?: first)?|oldest(?: first)?|top comments|all comments|relevanteste|relevanteste kommentare"
    r"|neueste(?: zuerst)?|älteste(?: zuerst)?|alle kommentare|top-kommentare|beste(?: zuerst)?)[ \t]*[▾▼⌄]?[ \t]*$"
)
#: a handle alone on a line ("@jana@fjord.social", "@gretahansen"): under a display name, part of its header
HANDLE_LINE = re.compile(r"^[ \t]*@[\w.\-]{1,60}(?:@[\w\-]+(?:\.[\w\-]+)+)?[ \t]*$")
#: a fediverse handle (user and server); on a page of such lines the display name above each is its author
FEDI_HANDLE = r"(?m)^[ \t]*@[\w.\-]{1,60}@[\w\-]+(?:\.[\w\-]+)+[ \t]*$"
#: a view or vote counter with its word (Quora's "1.2K views", "View upvotes", "View 3 shares"): no comment's text
VIEWS_LINE = re.compile(
    r"(?i)^[ \t]*(?:\d{1,3}(?:[.,]\d{1,3})*[ \t]?[KkM]?[ \t]+(?:views?|aufrufe|upvotes?|shares?|reposts?|quotes?)"
    r"|view(?:[ \t]+\d{1,6})?[ \t]+(?:upvotes?|shares?|reposts?|quotes?))[ \t]*$"
)
#: a lowercase word (no name particle) after a header's first word: a credential or a job, no name ("Software
#: engineer at Foocorp", "Data scientist")
CREDENTIAL = re.compile(r"\s(?!(?:von|van|vom|de|der|den|la|le|zu|del|da|di|du|y)\b)[a-zäöüß]{2,}")
#: a reply marker opening a line ("Antwort auf NAME vom 01.03.2019, 10:05 Uhr"): no header, whatever date it holds
MARKER_START = re.compile(r"(?i)[ \t]*(?:antwort auf|antwort an|als antwort auf|in reply to|replying to|reply to)[ \t]")
