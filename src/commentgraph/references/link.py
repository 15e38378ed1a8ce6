"""Find references and resolve them: the stages in order (extract, evidence, rules, replies)."""

from __future__ import annotations

import pandas as pd

from ..schema import empty, no_cycle_collection
from .context import prepare
from .evidence import evidence
from .extract import extract
from .infer import infer_renamed as infer_renamed_
from .options import ResolverOptions
from .replies import replies
from .rules import decide


def link_comments(
    comments: pd.DataFrame,
    *,
    fuzzy_threshold: float | None = 85.0,
    author_only: bool = True,
    tie: str = "latest",
    same_thread: bool = True,
    conflict: str = "unresolved",
    prefix_min: int = 4,
    max_name_words: int = 3,
    lowercase_handles: bool = False,
    quotes: bool = True,
    page_order: bool = True,
    address: bool = True,
    infer_renamed: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Find @-references and resolve them, within each article, to earlier comments.

    Returns ``(mentions, replies)``: one mention row per reference, one reply edge per mention
    (resolved or dangling; none for a reference by name alone to the comment's own author) plus one
    per explicit ``parent_id``. The options are those of :class:`ResolverOptions` (their defaults
    live there; the signature repeats them so that help() shows them, and a test holds the two equal).

    >>> c = pd.DataFrame({"comment_id": ["1", "2", "3"], "article_id": "x", "number": [1, 2, 3],
    ...     "author": ["Anna", "Ben", "Anna"], "text": ["Hallo", "@1 Anna: nein", "@Ben doch! @Ralf Meier?"],
    ...     "posted_at": pd.to_datetime(["2019-03-01 10:00", "2019-03-01 11:00", "2019-03-01 12:00"])})
    >>> m, r = link_comments(c)
    >>> m[["raw", "target_comment_id", "resolution"]].fillna("-").values.tolist()
    [['@1 Anna', '1', 'number+author'], ['@Ben', '2', 'author'], ['@Ralf Meier', '-', 'unresolved']]
    >>> len(r)
    3
    """
    opt = ResolverOptions(
        fuzzy_threshold=fuzzy_threshold,
        author_only=author_only,
        tie=tie,
        same_thread=same_thread,
        conflict=conflict,
        prefix_min=prefix_min,
        max_name_words=max_name_words,
        lowercase_handles=lowercase_handles,
        quotes=quotes,
        page_order=page_order,
        address=address,
        infer_renamed=infer_renamed,
    )
    with no_cycle_collection():
        c = prepare(comments)
        found = extract(c, opt)
        if not len(found):
            return empty("mentions"), replies(empty("mentions"), c)
        mentions = infer_renamed_(decide(evidence(found, c, opt), opt), c, opt)
        return mentions, replies(mentions, c)


def replies_from(mentions: pd.DataFrame, comments: pd.DataFrame) -> pd.DataFrame:
    """Reply edges from resolved ``mentions`` (those with ``edge`` true) and explicit parent ids."""
    return replies(mentions, prepare(comments))
