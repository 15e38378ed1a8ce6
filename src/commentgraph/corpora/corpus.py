"""The Corpus: a Discussion's five tables as Dask DataFrames, one partition per group of whole articles."""

from __future__ import annotations

import json
import operator
from pathlib import Path

import dask
import dask.dataframe as dd
import pandas as pd

from ..discussion import TABLES
from ..schema import isin
from . import parts as P
from .plan import MARKER, PARTITION_BYTES, Part, plan

#: Dask's conversion of object columns to pyarrow strings would change pandas 3's ``str`` columns
CONFIG = {"dataframe.convert-string": False}


class Corpus:
    """Comment tables of many articles on Dask: ``comments``, ``mentions``, ``replies``, ``problems`` and
    ``articles`` are Dask DataFrames with the Discussion's columns and dtypes, each partition whole
    articles; the metrics return pandas (and networkx) equal to the in-memory functions'.

    Nothing is read until something is computed; each computation reads the files again (call
    :meth:`persist` when the tables fit the cluster's memory and are used many times).
    """

    def __init__(self, parts: list[Part], options: dict, *, client=None, progress: bool = False):
        kinds = {p.kind for p in parts}
        self.parts = parts
        self.options = options
        self.client = client
        self.progress = progress
        self.settings = options.get("settings") or P.settings_of(options, kinds)
        self.meta = options.get("meta") or P.meta_for(kinds - {"parquet"} or {"pages"}, self.settings["tz"])
        self._frames: dict[str, dd.DataFrame] | None = None
        self._persisted = False

    # ------------------------------------------------------------ the tables
    @property
    def npartitions(self) -> int:
        return len(self.parts)

    def _loaded(self) -> list:
        return [dask.delayed(P.load, pure=True)(p, self.options, self.meta, dask_key_name=f"cg-load-{self._token}-{i}")
                for i, p in enumerate(self.parts)]

    @property
    def _token(self) -> str:
        return dask.base.tokenize(self.parts, self.options, list(self.meta))

    def _tables(self) -> dict[str, dd.DataFrame]:
        if self._frames is None:
            loaded = self._loaded()
            with dask.config.set(CONFIG):
                self._frames = {
                    name: dd.from_delayed([dask.delayed(operator.getitem)(x, name) for x in loaded],
                                          meta=self.meta[name], verify_meta=False, prefix=f"cg-{name}")
                    for name in TABLES}
        return self._frames

    @property
    def comments(self) -> dd.DataFrame:
        return self._tables()["comments"]

    @property
    def mentions(self) -> dd.DataFrame:
        return self._tables()["mentions"]

    @property
    def replies(self) -> dd.DataFrame:
        return self._tables()["replies"]

    @property
    def problems(self) -> dd.DataFrame:
        return self._tables()["problems"]

    @property
    def articles(self) -> dd.DataFrame:
        return self._tables()["articles"]

    def persist(self) -> Corpus:
        """Keep the five tables in the cluster's memory (they must fit) so later metrics read nothing again."""
        tables = self._tables()
        with dask.config.set(CONFIG):
            frames = [tables[n] for n in TABLES]
            kept = self.client.persist(frames) if self.client is not None else list(dask.persist(*frames))
        self._frames = dict(zip(TABLES, kept, strict=True))
        self._persisted = True
        return self

    def _frames_len(self, name: str):
        """A delayed row count of one table (computed with others in one pass over the files)."""
        return self._tables()[name].shape[0]

    def __repr__(self) -> str:
        kinds = sorted({p.kind for p in self.parts})
        return f"Corpus: {len(self.parts)} partition(s) of {', '.join(kinds)}; tables {', '.join(TABLES)} on Dask"

    # ------------------------------------------------------------ computing
    def _compute(self, tasks: list):
        """Compute delayed objects on the client (with Dask's progress bar when asked), or the default scheduler."""
        with dask.config.set(CONFIG):
            if self.client is None:
                return list(dask.compute(*tasks))
            futures = self.client.compute(tasks)
            if self.progress:
                from distributed import progress

                progress(futures)
            return self.client.gather(futures)

    def _per_part(self, whats: tuple[str, ...], filters: dict) -> list[dict]:
        """Per partition, ``{metric: its part}`` for every metric in ``whats``, the partition read once."""
        if self._persisted:
            pieces = {n: self._frames[n].to_delayed() for n in TABLES}
            loaded = [{n: pieces[n][i] for n in TABLES} for i in range(self.npartitions)]
        else:
            loaded = self._loaded()
        tasks = [dask.delayed(_metrics_of_tables, pure=True)(x, self.settings, whats, filters) for x in loaded]
        return self._compute(tasks)

    METRICS = ("summary", "threads", "authors", "reply_pairs", "author_graph")

    def metrics(self, *what: str, via=None, resolution=None, self_replies: bool = True,
                min_weight: int = 1) -> dict:
        """Several metrics in one pass over the files: ``{name: result}`` for names among ``summary``,
        ``threads``, ``authors``, ``reply_pairs``, ``author_graph`` (all when none are named); each equals its
        method's result."""
        what = what or self.METRICS
        unknown = set(what) - set(self.METRICS)
        if unknown:
            raise ValueError(f"unknown metric(s) {sorted(unknown)}; choose from {list(self.METRICS)}")
        if min_weight < 1:
            raise ValueError(f"min_weight must be at least 1, got {min_weight}")
        whats = tuple(w for w in ("summary", "threads") if w in what)
        if set(what) & {"authors", "reply_pairs", "author_graph"}:
            whats += ("authors",)
        got = self._per_part(whats, {"via": via, "resolution": resolution, "self_replies": self_replies})
        out = {w: _stack([g[w] for g in got]) for w in ("summary", "threads") if w in what}
        if "authors" in whats:
            from ..authors import _pairs, author_table
            from ..edges import combine_author_edges, combine_author_stats
            from ..graphs import author_graph_of

            stats = combine_author_stats([g["authors"][0] for g in got])
            rel = combine_author_edges([g["authors"][1] for g in got], min_weight=min_weight)
            if "authors" in what:
                out["authors"] = author_table(stats, rel)
            if "reply_pairs" in what:
                out["reply_pairs"] = _pairs(rel, ["source_key", "target_key"])
            if "author_graph" in what:
                out["author_graph"] = author_graph_of(stats, rel)
        return {w: out[w] for w in what}

    # ------------------------------------------------------------ metrics (pandas)
    def summary(self, *, via=None, resolution=None, self_replies: bool = True) -> pd.DataFrame:
        """:func:`commentgraph.summary` of the whole corpus: one row per article (computed per partition)."""
        return self.metrics("summary", via=via, resolution=resolution, self_replies=self_replies)["summary"]

    def threads(self, *, via=None, resolution=None, self_replies: bool = True) -> pd.DataFrame:
        """:func:`commentgraph.threads` of the whole corpus: one row per thread (computed per partition)."""
        return self.metrics("threads", via=via, resolution=resolution, self_replies=self_replies)["threads"]

    def authors(self, *, via=None, resolution=None, self_replies: bool = True, min_weight: int = 1) -> pd.DataFrame:
        """:func:`commentgraph.authors` of the whole corpus: per-author stats and author relations per
        partition, summed across partitions, then degrees, partners and PageRank on the sums."""
        return self.metrics("authors", via=via, resolution=resolution, self_replies=self_replies,
                            min_weight=min_weight)["authors"]

    def reply_pairs(self, *, via=None, resolution=None, self_replies: bool = True,
                    min_weight: int = 1) -> pd.DataFrame:
        """:func:`commentgraph.reply_pairs` of the whole corpus (author relations summed across partitions)."""
        return self.metrics("reply_pairs", via=via, resolution=resolution, self_replies=self_replies,
                            min_weight=min_weight)["reply_pairs"]

    def author_graph(self, *, via=None, resolution=None, self_replies: bool = True, min_weight: int = 1):
        """:func:`commentgraph.author_graph` of the whole corpus (a networkx DiGraph) from edge counts summed
        across partitions."""
        return self.metrics("author_graph", via=via, resolution=resolution, self_replies=self_replies,
                            min_weight=min_weight)["author_graph"]

    def duplicate_ids(self) -> pd.DataFrame:
        """Comment ids found more than once across the corpus (``comment_id``, ``n``): exports keep their own
        ids verbatim, so two exports of one thread (or two sites numbering from 1) collide; pages never do.
        One shuffle of the ids; empty when every id is unique."""
        with dask.config.set(CONFIG):
            counts = self.comments["comment_id"].value_counts(split_out=max(1, self.npartitions // 8))
            dup = counts[counts > 1]
            got = self.client.compute(dup).result() if self.client is not None else dup.compute()
        out = got.rename("n").rename_axis("comment_id").reset_index()
        return out.sort_values("comment_id", ignore_index=True).astype({"n": "int64"})

    # ------------------------------------------------------------ out of Dask
    def discussion(self, article_ids=None):
        """A plain in-memory Discussion of the articles ``article_ids`` (all when None)."""
        tables = self._tables()
        if article_ids is not None:
            if isinstance(article_ids, str):
                article_ids = [article_ids]
            keep = sorted({str(a) for a in article_ids})
            got = self._compute([dask.delayed(_articles_only)(x, keep) for x in self._loaded()])
        else:
            got = self._compute([tables[n] for n in TABLES])
            got = [dict(zip(TABLES, got, strict=True))]
        tables = P.concat(got, self.meta)
        if article_ids is not None:
            missing = sorted(set(keep) - set(tables["articles"]["article_id"]))
            if missing:
                raise ValueError(f"no such article(s) in the corpus: {', '.join(missing[:10])}")
        return P.discussion(tables, self.settings)

    def to_parquet(self, path) -> Path:
        """Write the five tables as partitioned Parquet datasets ``<path>/<table>/part.<i>.parquet`` (one file
        per partition, the partitions kept) plus ``corpus.json``; :func:`read_corpus` reads it back."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for name in TABLES:
            (path / name).mkdir(exist_ok=True)
        self._compute([dask.delayed(_write_part)(x, str(path), i) for i, x in enumerate(self._loaded())])
        (path / MARKER).write_text(json.dumps({
            "npartitions": self.npartitions, "settings": self.settings,
            "tables": {n: {c: str(t) for c, t in self.meta[n].dtypes.items()} for n in TABLES}},
            indent=2, default=str), encoding="utf-8")
        return path


def _stack(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)] or frames[:1]
    return pd.concat(frames, ignore_index=True)


def _metrics_of_tables(tables: dict, settings: dict, whats: tuple, filters: dict) -> dict:
    d = P.discussion(tables, settings)
    return {w: P.metric_of(d, w, filters) for w in whats}


def _articles_only(tables: dict, keep: list[str]) -> dict:
    keep_ids = set(keep)
    a = tables["articles"]
    c = tables["comments"]
    kept_c = c[isin(c["article_id"], keep_ids)]
    ids = kept_c["comment_id"]
    m, r, p = tables["mentions"], tables["replies"], tables["problems"]
    sources = set(a.loc[isin(a["article_id"], keep_ids), "source"].dropna())
    return {"articles": a[isin(a["article_id"], keep_ids)], "comments": kept_c,
            "mentions": m[isin(m["comment_id"], ids)], "replies": r[isin(r["source_comment_id"], ids)],
            "problems": p[isin(p["source"], sources)]}


def _write_part(tables: dict, path: str, i: int) -> int:
    for name in TABLES:
        tables[name].to_parquet(Path(path) / name / f"part.{i}.parquet", index=False)
    return i


def open_corpus(source, *, client=None, progress: bool = False, partition_bytes: int = PARTITION_BYTES,
                anonymize: bool = False, salt=None, **options) -> Corpus:
    """Plan the partitions of ``source`` and make its Corpus (see :func:`commentgraph.read_corpus`)."""
    dask.config.set(CONFIG)   # for the caller's own computations on the corpus tables, too
    parts = plan(source, partition_bytes=partition_bytes)
    if parts and parts[0].kind == "parquet":
        saved = json.loads((Path(parts[0].files[0]) / MARKER).read_text(encoding="utf-8"))
        options = {**options, "settings": saved["settings"], "tz": saved["settings"].get("tz", "Europe/Berlin")}
        options["meta"] = {n: _empty(cols, options["tz"]) for n, cols in saved["tables"].items()}
    if anonymize:
        from ..report import resolve_salt

        salt = resolve_salt(salt)
        found = Corpus(parts, options, client=client, progress=progress)
        tasks = [dask.delayed(P.names, pure=True)(p, options) for p in parts]
        names = sorted(set().union(*found._compute(tasks))) if tasks else []
        # (one task holds the names; each partition's task refers to it instead of carrying a copy)
        options = {**options, "salt": salt, "names": dask.delayed(tuple(names), pure=True)}
        corpus = Corpus(parts, options, client=client, progress=progress)
        corpus.settings = {**corpus.settings, "pseudonymized": _pseudonymized(names, salt)}
        return corpus
    return Corpus(parts, options, client=client, progress=progress)


def _pseudonymized(names: list, salt) -> dict:
    """The ``settings["pseudonymized"]`` entry the whole corpus pseudonymised in memory gets."""
    from ..pseudonyms import pseudonym_map, pseudonymized_entry

    return pseudonymized_entry(pseudonym_map(names, salt=salt))


def _empty(columns: dict, tz: str) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=t) for c, t in columns.items()})
