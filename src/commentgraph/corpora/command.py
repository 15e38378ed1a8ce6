"""``commentgraph summary|export SOURCE --workers N`` (or ``--scheduler ADDRESS``): the command on Dask."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from ..discussion import TABLES
from ..read.source import check_tz
from . import read_corpus
from .cluster import dask_client

_WIDTH = 160


def corpus_command(args) -> int:
    """Run ``summary`` or ``export`` on a Dask client; the per-article tables and the author graph are computed
    on the workers, only what needs every comment at once (the reply graph, a ConvoKit corpus, a dynamic GEXF)
    is gathered into one in-memory Discussion first, which the command says."""
    quiet = getattr(args, "quiet", False)
    with dask_client(workers=args.workers, scheduler=args.scheduler, quiet=quiet) as client:
        zone = {"tz": check_tz(args.tz)} if getattr(args, "tz", None) else {}
        corpus = read_corpus(args.source, client, anonymize=args.anonymize, salt=args.salt, progress=not quiet,
                             **zone)
        if args.command == "summary":
            return _summary(corpus)
        return _export(corpus, args, quiet)


def corpus_for_report(args, folder: Path) -> Path:
    """``commentgraph report SOURCE --workers N``: the corpus read (and pseudonymised) on Dask, saved to
    ``folder`` (``Corpus.to_parquet``), which the report's notebooks then read as one Discussion in memory."""
    quiet = getattr(args, "quiet", False)
    with dask_client(workers=args.workers, scheduler=args.scheduler, quiet=quiet) as client:
        zone = {"tz": check_tz(args.tz)} if getattr(args, "tz", None) else {}
        corpus = read_corpus(args.source, client, anonymize=args.anonymize, salt=args.salt, progress=not quiet,
                             **zone)
        corpus.to_parquet(folder)
    print(f"corpus read on Dask ({corpus.npartitions} partitions) and saved to {folder}; the report reads it")
    return folder


def _summary(corpus) -> int:
    n = dict(zip(TABLES, corpus._compute([corpus._frames_len(name) for name in TABLES]), strict=True))
    kinds = corpus.problems.map_partitions(lambda p: p["kind"].value_counts().rename("n").reset_index(),
                                           meta=pd.DataFrame({"kind": pd.Series([], dtype="str"),
                                                              "n": pd.Series([], dtype="int64")}))
    problems = corpus._compute([kinds])[0].groupby("kind")["n"].sum().sort_values(ascending=False)
    got = corpus.metrics("summary", "authors")   # one pass over the files
    per_article, authors = got["summary"], got["authors"]
    print(f"Corpus: {n['articles']} article(s), {n['comments']} comments, {n['mentions']} mentions, "
          f"{n['replies']} reply edges, {n['problems']} problems; {corpus.npartitions} partition(s) on Dask")
    sections = [("per article", per_article),
                ("authors (most central first)", authors.drop(columns=["first_at", "last_at"])),
                ("problems by kind", problems.reset_index())]
    with pd.option_context("display.width", _WIDTH, "display.max_columns", 30, "display.max_rows", 60):
        for title, table in sections:
            print(f"\n{title} ({len(table)})")
            if len(table):
                print(table.to_string(index=False, max_rows=60))
    return 0


def _export(corpus, args, quiet: bool) -> int:
    from .. import reply_graph, write_gexf, write_graphml

    stem = Path(args.source).stem or "commentgraph"
    if args.format == "parquet":
        folder = corpus.to_parquet(Path(args.out or f"{stem}_corpus"))
        print(f"corpus ({corpus.npartitions} partitions, five tables) written to {folder}")
        return 0
    if args.format == "csv":
        folder = Path(args.out or f"{stem}_tables")
        folder.mkdir(parents=True, exist_ok=True)
        tasks = []
        for name in TABLES:
            (folder / name).mkdir(exist_ok=True)
            tasks += getattr(corpus, name).to_csv(str(folder / name / "part-*.csv"), index=False, compute=False)
        corpus._compute(tasks)
        print(f"tables written to {folder} (one CSV per partition in each table's folder)")
        return 0
    whole = args.format in ("convokit", "gexf-dynamic") or args.graph == "reply"
    if whole:   # needs every comment in one graph or file: gathered from the workers
        if not quiet:
            print("dask: gathering the corpus into one in-memory Discussion for this export", file=sys.stderr)
        d = corpus.discussion()
    if args.format == "convokit":
        from ..convokit import write_convokit

        folder = write_convokit(d, Path(args.out or f"{stem}_convokit"))
        print(f"ConvoKit corpus ({len(d.comments)} utterances) written to {folder}")
        return 0
    g = reply_graph(d) if args.graph == "reply" else corpus.author_graph()
    suffix = "gexf" if args.format == "gexf-dynamic" else args.format
    path = Path(args.out or f"{stem}_{args.graph}_graph.{suffix}")
    path.parent.mkdir(parents=True, exist_ok=True)
    if args.format == "gexf-dynamic":
        write_gexf(g, path, dynamic=True, discussion=d)
    else:
        (write_gexf if args.format == "gexf" else write_graphml)(g, path)
    print(f"{args.graph} graph ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges) written to {path}")
    return 0


__all__ = ["corpus_command"]
