"""Find @-references in comment text and resolve them to the comments they answer.

(Placeholder until the resolver lands: returns empty tables.)
"""

from __future__ import annotations

import pandas as pd

from .schema import empty


def link_comments(comments: pd.DataFrame, **options) -> tuple[pd.DataFrame, pd.DataFrame]:
    return empty("mentions"), empty("replies")
