"""The ``commentgraph`` command: report, summary and export for any source the readers take.

SOURCE is a copied comment page (text), a table export (CSV, TSV, JSON, JSONL, Parquet), a
SQLite or DuckDB file holding one table, a ConvoKit corpus directory, a folder of pages (one
article each) or a folder of table exports. ``--tz`` names the time zone times are shown in. ``--anonymize`` replaces author names by salted
pseudonyms right after reading; the salt is ``--salt S`` or else ``$COMMENTGRAPH_SALT``, and
without either the command stops with an error (no default salt, so pseudonyms can be neither
recomputed by others nor changed from run to run by accident).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import ReadError
from .report import ReportError, read_source

_TEXT_WIDTH = 60


def _read(args):
    return read_source(args.source, tz=args.tz, anonymize=args.anonymize, salt=args.salt)


def _report(args) -> int:
    from .report import run_report

    source, anonymize = args.source, args.anonymize
    if _on_dask(args):  # read and resolved on Dask, saved beside the report; its notebooks read that in memory
        from .corpora.command import corpus_for_report

        source, anonymize = corpus_for_report(args, Path(args.out) / "corpus"), False
    m = run_report(source, args.out, tz=args.tz, anonymize=anonymize, salt=args.salt,
                   progress=not args.quiet, show_code=args.show_code)
    kinds = [Path(o["path"]).parts[0] for o in m["outputs"]]
    c = m["counts"]
    print(f"report written to {args.out}: {kinds.count('notebooks')} notebooks, {kinds.count('html')} HTML pages, "
          f"{kinds.count('figures')} figure files, {kinds.count('tables')} tables/graphs, manifest.json "
          f"({c['comments']} comments, {c['references']} references, {c['problems']} problems; {m['seconds']:.0f} s)")
    print(f"open {Path(args.out) / 'index.html'}; the thread explorer is {Path(args.out) / 'html' / 'explorer.html'}")
    return 0


def _on_dask(args) -> bool:
    return bool(getattr(args, "workers", None) or getattr(args, "scheduler", None))


def _summary(args) -> int:
    import pandas as pd

    if _on_dask(args):
        from .corpora.command import corpus_command

        return corpus_command(args)
    d = _read(args)
    from . import summary, threads

    comments = d.comments[["comment_id", "number", "author", "posted_at", "text"]].assign(
        text=d.comments["text"].str.replace("\n", " ").str.slice(0, _TEXT_WIDTH))
    sections = [("articles", d.articles.drop(columns=["source"])), ("per article", summary(d)),
                ("comments", comments),
                ("replies", d.replies[["source_comment_id", "target_comment_id", "target_author", "via",
                                       "resolution", "latency"]]),
                ("threads", threads(d)),
                ("problems", d.problems[["line", "kind", "severity", "message"]])]
    with pd.option_context("display.width", 160, "display.max_columns", 30, "display.max_colwidth", _TEXT_WIDTH,
                           "display.max_rows", 60):
        print(repr(d))
        for title, table in sections:
            print(f"\n{title} ({len(table)})")
            if len(table):
                print(table.to_string(index=False, max_rows=60))
    return 0


def _export(args) -> int:
    if _on_dask(args):
        from .corpora.command import corpus_command

        return corpus_command(args)
    d = _read(args)
    from . import author_graph, export_tables, reply_graph, write_gexf, write_graphml

    stem = Path(args.source).stem or "commentgraph"
    if args.format == "convokit":
        from .convokit import write_convokit

        folder = write_convokit(d, Path(args.out or f"{stem}_convokit"))
        print(f"ConvoKit corpus ({len(d.comments)} utterances) written to {folder}")
        return 0
    if args.format == "parquet":
        folder = d.to_parquet(Path(args.out or f"{stem}_tables"))
        print(f"tables written to {folder}")
        return 0
    if args.format == "csv":
        folder = Path(args.out or f"{stem}_tables")
        export_tables(d, folder, format="csv")
        print(f"tables written to {folder}")
        return 0
    g = (reply_graph if args.graph == "reply" else author_graph)(d)
    suffix = "gexf" if args.format == "gexf-dynamic" else args.format
    path = Path(args.out or f"{stem}_{args.graph}_graph.{suffix}")
    path.parent.mkdir(parents=True, exist_ok=True)
    if args.format == "gexf-dynamic":  # spells from the comments' times, for Gephi's timeline
        write_gexf(g, path, dynamic=True, discussion=d)
    else:
        (write_gexf if args.format == "gexf" else write_graphml)(g, path)
    print(f"{args.graph} graph ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges) written to {path}")
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser of the ``commentgraph`` command."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("source", help="a comment page, a table export, a SQLite file, a ConvoKit corpus "
                                       "directory, or a folder of pages or of exports")
    common.add_argument("--anonymize", action="store_true",
                        help="replace author names by salted pseudonyms right after reading")
    common.add_argument("--salt", default=None, help="the salt for --anonymize (default: $COMMENTGRAPH_SALT)")
    common.add_argument("--tz", default=None, metavar="ZONE",
                        help="time zone to show times in and to read naive times in, e.g. America/Toronto "
                             "(default: Europe/Berlin)")
    common.add_argument("--workers", type=int, default=None,
                        help="compute on Dask, on a LocalCluster of N worker processes (needs commentgraph[dask])")
    common.add_argument("--scheduler", default=None,
                        help="compute on Dask, on the cluster at this scheduler address (or scheduler file)")
    p = argparse.ArgumentParser(prog="commentgraph", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("report", parents=[common], help="run the notebooks on SOURCE into a report folder")
    r.add_argument("--out", required=True, help="the report folder (created if missing)")
    r.add_argument("--quiet", action="store_true", help="no progress bar")
    r.add_argument("--show-code", action="store_true", help="keep the notebooks' code on the HTML pages "
                                                            "(hidden by default: the pages are for readers)")
    r.set_defaults(func=_report)
    s = sub.add_parser("summary", parents=[common], help="print the tables of SOURCE")
    s.add_argument("--quiet", action="store_true", help="no Dask progress bar")
    s.set_defaults(func=_summary)
    e = sub.add_parser("export", parents=[common], help="write the reply graph or the tables of SOURCE")
    e.add_argument("--format", required=True, choices=("gexf", "gexf-dynamic", "graphml", "csv", "parquet",
                                                             "convokit"))
    e.add_argument("--quiet", action="store_true", help="no Dask progress bar")
    e.add_argument("--graph", choices=("reply", "author"), default="reply",
                   help="which graph for gexf/graphml (default: reply)")
    e.add_argument("--out", default=None,
                   help="file (gexf, graphml) or folder (csv, convokit); default: named after SOURCE, in the "
                        "current folder")
    e.set_defaults(func=_export)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the command; returns the exit status (0 ok, 1 failure, 2 bad arguments)."""
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except (ReadError, ReportError) as e:
        print(f"commentgraph: {e}", file=sys.stderr)
        return 1
    except OSError as e:  # cannot write the output (permissions, a file where a folder should be)
        print(f"commentgraph: {e.strerror or e}: {e.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("commentgraph: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
