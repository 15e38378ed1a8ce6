"""Find @-references in comment text and resolve them: the names of the ``references`` wing, where they live now."""

from .references import (DEFAULTS, MENTION, RESOLUTIONS, STOPWORDS, TITLES, ResolverOptions, extract,
                         link_comments, normalize_name, replies_from, thread_roots)
from .references.evidence import QUOTE

__all__ = ["DEFAULTS", "MENTION", "QUOTE", "RESOLUTIONS", "STOPWORDS", "TITLES", "ResolverOptions", "extract",
           "link_comments", "normalize_name", "replies_from", "thread_roots"]
