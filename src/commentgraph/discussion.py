"""The Discussion: five tidy tables about one or many comment sections."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from .errors import ReadError
from .schema import COLUMNS, DEFAULT_TZ, conform

TABLES = ("articles", "comments", "mentions", "replies", "problems")


@dataclass(frozen=True, repr=False)
class Discussion:
    """Tables about comment sections; functions take it and return new tables or graphs.

    ``articles``  one row per article; ``comments`` one row per comment;
    ``mentions``  one row per @-reference; ``replies`` one row per reply edge;
    ``problems``  one row per thing a reader could not place (nothing is dropped silently).
    ``settings``  how it was read and resolved (time zone, resolver options), for the record.

    >>> import commentgraph as cg
    >>> d = cg.read_page("01.03.2019 10:00 Anna 1\\n\\nHallo\\n\\n01.03.2019 11:00 Ben 2\\n\\n@1 Anna: ja")
    >>> len(d.comments), d.comments["author"].tolist(), len(d.replies)
    (2, ['Anna', 'Ben'], 1)
    """

    articles: pd.DataFrame
    comments: pd.DataFrame
    mentions: pd.DataFrame
    replies: pd.DataFrame
    problems: pd.DataFrame
    settings: dict = field(default_factory=dict)

    @property
    def tz(self) -> str:
        return self.settings.get("tz", DEFAULT_TZ)

    def replace(self, **tables) -> Discussion:
        """A new Discussion with some tables (or ``settings``) replaced."""
        return replace(self, **tables)

    def __repr__(self) -> str:
        a, c, p = self.articles, self.comments, self.problems
        errors = int((p["severity"] == "error").sum()) if "severity" in p else len(p)
        lines = [f"Discussion: {len(a)} article(s), {len(c)} comments, {len(self.mentions)} mentions, "
                 f"{len(self.replies)} reply edges, {len(p)} problems ({errors} errors)"]
        if len(c):
            lines.append(f"  authors: {c['author'].nunique()}; posted {c['posted_at'].min()} .. "
                         f"{c['posted_at'].max()}")
        for row in a.head(5).itertuples():
            title = f" {str(row.title)[:70]}" if pd.notna(row.title) else ""
            lines.append(f"  [{row.article_id}]{title}: {row.parsed_comments} parsed"
                         + (f" of {row.declared_comments} declared" if pd.notna(row.declared_comments) else ""))
        if len(a) > 5:
            lines.append(f"  ... {len(a) - 5} more articles")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        import html

        head = html.escape(repr(self).splitlines()[0])
        parts = [f"<p><b>{head}</b></p>", "<p>articles</p>",
                 self.articles.head(10).to_html(escape=True, index=False),
                 "<p>comments (first 5)</p>",
                 self.comments.head(5).assign(text=self.comments["text"].head(5).str.slice(0, 80))
                 .to_html(escape=True, index=False)]
        if len(self.problems):
            parts += ["<p>problems (first 10)</p>", self.problems.head(10).to_html(escape=True, index=False)]
        return "\n".join(parts)

    def to_parquet(self, folder) -> Path:
        """Write the tables as ``<folder>/<table>.parquet`` plus ``settings.json``; returns the folder.

        :meth:`read_parquet` gives back an equal Discussion (dtypes included).
        """
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        for name in TABLES:
            getattr(self, name).to_parquet(folder / f"{name}.parquet", index=False)
        (folder / "settings.json").write_text(json.dumps(self.settings, indent=2, default=str),
                                              encoding="utf-8")
        return folder

    @classmethod
    def read_parquet(cls, folder) -> Discussion:
        """Read a Discussion written by :meth:`to_parquet`."""
        folder = Path(folder)
        if not folder.is_dir():
            raise ReadError("no such folder", source=str(folder))
        try:
            tables = {name: pd.read_parquet(folder / f"{name}.parquet") for name in TABLES}
        except (OSError, ValueError) as e:
            raise ReadError(f"not a saved Discussion: {e}", source=str(folder)) from None
        settings_file = folder / "settings.json"
        settings = json.loads(settings_file.read_text(encoding="utf-8")) if settings_file.exists() else {}
        return cls(**tables, settings=settings)


def make_discussion(articles, comments, problems, *, settings: dict, mentions=None, replies=None,
                    link: bool = True) -> Discussion:
    """Conform the reader's tables to the schema and, when ``link``, find and resolve references."""
    tz = settings.get("tz", DEFAULT_TZ)
    articles = conform(articles, "articles", tz)
    comments = conform(comments, "comments", tz)
    problems = conform(problems, "problems", tz)
    if link and mentions is None:
        from .references import ResolverOptions, link_comments

        mentions, replies = link_comments(comments, **ResolverOptions.of(settings.get("resolver")).as_dict())
    mentions = conform(mentions if mentions is not None else pd.DataFrame(), "mentions", tz)
    replies = conform(replies if replies is not None else pd.DataFrame(), "replies", tz)
    return Discussion(articles, comments, mentions, replies, problems, settings)


__all__ = ["Discussion", "TABLES", "COLUMNS"]
