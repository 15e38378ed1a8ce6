"""References between comments: found in the texts and resolved to the comments they answer.

The stages, left to right: ``options`` (the only defaults), ``names`` (keys, aliases, each article's
author index), ``match`` (the name after an ``@``), ``extract`` (all texts at once), ``context`` and
``keys`` (threads, order, integer codes), ``evidence`` (the comments a reference may mean), ``rules``
(one outcome code per reference, its meaning written once), ``replies`` (the edges), ``link``.
"""

from .context import thread_roots
from .extract import MENTION, extract
from .link import link_comments, replies_from
from .match import STOPWORDS, TITLES
from .names import normalize_name
from .options import DEFAULTS, ResolverOptions
from .rules import RULES

RESOLUTIONS = ("number+author", "number", "author", "unresolved")

__all__ = [
    "DEFAULTS",
    "MENTION",
    "RESOLUTIONS",
    "RULES",
    "STOPWORDS",
    "TITLES",
    "ResolverOptions",
    "extract",
    "link_comments",
    "normalize_name",
    "replies_from",
    "thread_roots",
]
