"""A small synthetic multi-article corpus, for demos and tests (no real people, no real text)."""

from __future__ import annotations

import numpy as np
import pandas as pd

#: invented handles: none belongs to a real commenter; some hold spaces, as real ones do
AUTHORS = ("Amsel", "Graue Eule", "Birke", "Dachs 7", "Kiesel", "Hummel", "Fjord", "Alte Lupine", "Iltis",
           "Ginster", "Jolle", "Cello")
TOPICS = ("the new tram line", "the school reform", "the river clean-up", "the library hours",
          "the bike lanes", "the harbour festival", "the wind park", "the night bus")
SENTENCES = ("I see it differently.", "Good point, thanks.", "Source, please?", "That was clear from the start.",
             "Let us wait and see.", "The numbers say otherwise.", "Fully agree.", "Not my experience at all.",
             "Who is going to pay for it?", "Finally someone says it.")


def sample_corpus(*, articles: int = 6, seed: int = 2019) -> pd.DataFrame:
    """A synthetic comment export: several articles, replies by explicit parent id and by ``@``-reference.

    Every row is generated (``[synthetic]`` starts each title); odd articles answer through
    ``parent_id`` (as a platform export does), even ones through ``@ 3``, ``@3 Birke:`` or
    ``@Birke`` in the text (as a copied page does), now and then naming someone absent
    (``@Unbekannter Gast``). Activity thins out over time, so each discussion dies out.
    Same arguments, same table; :func:`commentgraph.read_table` reads it without a column map.

    >>> df = cg.sample_corpus(articles=2, seed=1)
    >>> df["article_id"].unique().tolist()
    ['synthetic-01', 'synthetic-02']
    >>> d = cg.read_table(df)
    >>> len(d.articles), len(d.comments) == len(df)
    (2, True)
    """
    if articles < 1:
        raise ValueError("articles must be at least 1")
    rng = np.random.default_rng(seed)
    weights = 1 / np.arange(1, len(AUTHORS) + 1) ** 0.8  # a few authors write most comments
    weights /= weights.sum()
    rows = []
    for a in range(1, articles + 1):
        article_id = f"synthetic-{a:02d}"
        topic = TOPICS[(a - 1) % len(TOPICS)]
        by_parent = a % 2 == 1
        n = int(rng.integers(8, 26))
        t = pd.Timestamp("2019-03-01 08:00", tz="Europe/Berlin") + pd.Timedelta(days=a - 1)
        authors: list[str] = []
        times: list[pd.Timestamp] = []
        for k in range(n):
            t = t + pd.Timedelta(minutes=round(float(rng.exponential(4 * 1.15 ** k))) + 1)
            author = str(rng.choice(AUTHORS, p=weights))
            parent, text = None, str(rng.choice(SENTENCES))
            if k and rng.random() < 0.55:
                # answer a recent comment more often than an old one
                back = np.arange(k, 0, -1, dtype=float)
                j = int(rng.choice(k, p=(1 / back) / (1 / back).sum()))
                if authors[j] == author:  # nobody answers themself here
                    author = next(x for x in AUTHORS if x != authors[j])
                if by_parent:
                    parent = f"{article_id}-c{j + 1:02d}"
                else:
                    form = int(rng.integers(3))
                    ref = [f"@ {j + 1} ", f"@{j + 1} {authors[j]}: ", f"@{authors[j]} "][form]
                    text = ref + text
            elif not by_parent and k and rng.random() < 0.1:
                text = "@Unbekannter Gast " + text
            authors.append(author)
            times.append(t)
            rows.append({
                "comment_id": f"{article_id}-c{k + 1:02d}", "article_id": article_id,
                "title": f"[synthetic] Readers discuss {topic}", "number": k + 1, "author": author,
                "posted_at": t.isoformat(), "text": text, "parent_id": parent,
            })
    df = pd.DataFrame(rows)
    return df.astype({"number": "Int64", "parent_id": "str"})


__all__ = ["sample_corpus"]
