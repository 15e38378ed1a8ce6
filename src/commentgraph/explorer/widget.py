"""The explorer as a JupyterLab widget (anywidget): the browser code of explorer.html, fed one article at a time."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import anywidget
import pandas as pd
import traitlets

from ..discussion import Discussion
from ..review import apply_review, resolution_scores
from .data import Prepared
from .page import explorer_script, explorer_style
from .reviews import VERDICTS, _references, load_reviews, review_key, review_rows, reviews_path, save_reviews


class Explorer(anywidget.AnyWidget):
    """Threads, comments and each reference with its evidence; review references in place.

    The state the browser shows is in traits, so it can be set and read from Python too:
    ``article`` (article_id), ``thread`` (thread id = its root's comment id), ``selected`` (the
    highlighted comment), ``query`` (thread filter: author, words or ``#12``), ``sort`` (``size``,
    ``depth``, ``start``, ``duration``), ``order`` (``oldest`` or ``newest`` first) and ``reviews``.
    """

    _esm = explorer_script()
    _css = explorer_style()
    mode = traitlets.Unicode("widget").tag(sync=True)
    articles = traitlets.List().tag(sync=True)
    article = traitlets.Unicode("").tag(sync=True)
    article_data = traitlets.Dict().tag(sync=True)
    thread = traitlets.Unicode("").tag(sync=True)
    selected = traitlets.Unicode("").tag(sync=True)
    query = traitlets.Unicode("").tag(sync=True)
    sort = traitlets.Enum(["size", "depth", "start", "duration"], default_value="size").tag(sync=True)
    order = traitlets.Enum(["oldest", "newest"], default_value="oldest").tag(sync=True)
    reviews = traitlets.Dict().tag(sync=True)
    status = traitlets.Unicode("").tag(sync=True)

    def __init__(self, d: Discussion, *, reviews="auto", **kwargs):
        self._d = d
        self._refs = _references(d)
        # articles are prepared when first shown (preparing all of a 1M-comment corpus took minutes)
        self._prep = Prepared(d, self._refs)
        self._data: dict[str, dict] = {}
        self._comments = d.comments.drop_duplicates("comment_id").set_index("comment_id")
        self.path = reviews_path(d) if reviews == "auto" else (Path(reviews) if reviews else None)
        saved = load_reviews(self.path) if self.path is not None else {}
        articles = self._prep.summaries()
        first = articles[0]["id"] if articles else ""
        super().__init__(articles=articles, article=first, article_data=self._article_data(first),
                         reviews=saved, **kwargs)
        self.observe(self._on_article, names="article")
        self.observe(self._on_reviews, names="reviews")
        self._update_status()

    # ------------------------------------------------------------ state changes

    def _on_article(self, change):
        self.set_trait("thread", "")
        self.set_trait("selected", "")
        self.article_data = self._article_data(change["new"])

    def _article_data(self, k: str) -> dict:
        if k not in self._data and k in self._prep.order:
            self._data[k] = self._prep.article(k)
        return self._data.get(k, {})

    def _on_reviews(self, change):
        if self.path is not None:
            save_reviews(self._d, self.reviewed(), self.path)
        self._update_status()

    def _update_status(self):
        n = len(self.reviews)
        where = (f"saved to {self.path.name}" if self.path is not None
                 else "not saved (pass reviews=PATH to keep them)")
        text = f"{n} reviewed, {where}" if n else (f"reviews are saved to {self.path.name}" if self.path else "")
        if n:
            s = self.scores()
            if s["comments"].iloc[0]:
                text += (f" · precision {s['precision'].iloc[0]:.2f}, recall {s['recall'].iloc[0]:.2f} "
                         f"on {int(s['comments'].iloc[0])} fully reviewed comment"
                         f"{'s' if s['comments'].iloc[0] != 1 else ''}")
        self.status = text

    # ------------------------------------------------------------ what the clicks do, from Python

    def _article_of(self, comment_id: str) -> dict:
        if comment_id not in self._comments.index:
            raise KeyError(f"no comment {comment_id!r}")
        aid = str(self._comments.at[comment_id, "article_id"])
        if self.article != aid:
            self.article = aid
        return self.article_data

    def select_thread(self, thread_id: str) -> None:
        """Show the thread ``thread_id`` (its root comment's id, as in ``cg.threads(d)``)."""
        if thread_id not in self.article_data.get("th", {}).get("id", []):
            raise KeyError(f"no thread {thread_id!r} in article {self.article!r}")
        self.thread = thread_id
        self.selected = ""

    def show(self, comment_id: str) -> None:
        """Open the thread of ``comment_id`` and highlight it."""
        a = self._article_of(comment_id)
        i = a["c"]["id"].index(comment_id)
        self.thread = a["th"]["id"][a["c"]["th"][i]]
        self.selected = comment_id

    def jump(self, comment_id: str, start: int) -> str | None:
        """Follow the reference at ``start`` in ``comment_id`` as a click does; returns its target's id.

        The target's thread is opened and the target highlighted; a reference whose target is not
        in the data changes nothing and returns None.
        """
        a = self._article_of(comment_id)
        r, i = a["r"], a["c"]["id"].index(comment_id)
        for k in range(len(r["c"])):
            if r["c"][k] == i and r["s0"][k] == int(start):
                if r["t"][k] < 0:
                    return None
                target = a["c"]["id"][r["t"][k]]
                self.show(target)
                return target
        raise KeyError(f"no reference at {start} in comment {comment_id!r}")

    def review(self, comment_id: str, start=None, verdict: str = "right", target: str | None = None) -> None:
        """Review the reference at ``start`` of ``comment_id``: ``right``, ``wrong`` (no edge), or
        ``other`` with a ``target`` (a comment id, ``#12``, a name, ``none``); ``missed`` with a
        ``target`` (and no ``start``) records a reply the resolver did not find. ``verdict=None``
        removes the review. Saved at once where :attr:`path` is set.
        """
        if verdict is not None and verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {VERDICTS} or None, not {verdict!r}")
        if verdict in ("other", "missed") and not target:
            raise ValueError(f"verdict {verdict!r} needs a target")
        key = review_key(comment_id, f"missed:{target}" if verdict == "missed" else start)
        if verdict not in ("missed", None) and not (
                (self._refs["comment_id"] == comment_id) & (self._refs["start"] == start)).any():
            raise KeyError(f"no reference at {start} in comment {comment_id!r}")
        reviews = dict(self.reviews)
        if verdict is None:
            reviews.pop(key, None)
        else:
            reviews[key] = {"verdict": verdict, "target": "none" if verdict == "wrong" else (target or ""),
                            "at": datetime.now().isoformat(timespec="seconds")}
        self.reviews = reviews

    # ------------------------------------------------------------ results

    def reviewed(self) -> pd.DataFrame:
        """The reviewed references as rows in ``cg.review_table`` format (see :func:`review_rows`)."""
        return review_rows(self._d, self.reviews, references=self._refs)

    def corrected(self) -> Discussion:
        """``cg.apply_review(d, self.reviewed())``: the Discussion with the reviews applied."""
        return apply_review(self._d, self.reviewed())

    def scores(self) -> pd.DataFrame:
        """``cg.resolution_scores`` on the comments whose every reference was reviewed.

        A comment is the unit of the sample: an unreviewed reference of a reviewed comment would
        count as an error, so partly reviewed comments are left out (review them fully to count them).
        """
        rows = self.reviewed()
        m = self._d.mentions
        refs = m.groupby("comment_id").size()
        done = rows[rows["verdict"] != "missed"].groupby("comment_id").size()
        complete = [c for c, k in done.items() if refs.get(c, 0) == k]
        missed_only = set(rows.loc[rows["verdict"] == "missed", "comment_id"]) - set(refs.index)
        keep = rows[rows["comment_id"].isin(set(complete) | missed_only)]
        return resolution_scores(self._d, keep[["comment_id", "target"]])

    def __repr__(self) -> str:
        arts = self.articles
        n = sum(a["comments"] for a in arts)
        return (f"commentgraph explorer: {len(arts)} article{'s' if len(arts) != 1 else ''}, {n} comments, "
                f"{sum(a['threads'] for a in arts)} threads, {sum(a['references'] for a in arts)} references"
                + (f"; reviews in {self.path}" if self.path is not None else ""))


def explore(d: Discussion, *, reviews="auto") -> Explorer:
    """The widget of :func:`commentgraph.explore` (documented there)."""
    return Explorer(d, reviews=reviews)
