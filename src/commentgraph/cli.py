"""The `commentgraph` command."""

from __future__ import annotations

import argparse
import sys

from .errors import ReadError


def _load(source: str):
    from pathlib import Path

    from .pages import read_page, read_pages
    from .tables import TABLE_SUFFIXES, read_table

    p = Path(source)
    if not p.exists():
        raise ReadError("no such file or folder", source=source)
    if p.is_dir():
        return read_pages(p)
    if p.suffix.lower() in TABLE_SUFFIXES:
        return read_table(p)
    return read_page(p)


def _summary(args) -> int:
    import pandas as pd

    d = _load(args.source)
    with pd.option_context("display.width", 140, "display.max_columns", 20, "display.max_colwidth", 40):
        print(d)
        print("\narticles\n", d.articles.drop(columns=["source"]).to_string(index=False))
        print("\ncomments\n", d.comments[["comment_id", "number", "author", "posted_at"]].to_string(index=False))
        if len(d.replies):
            print("\nreplies\n", d.replies[["source_comment_id", "target_comment_id", "target_author", "via",
                                            "resolution"]].to_string(index=False))
        if len(d.problems):
            print("\nproblems\n", d.problems[["line", "kind", "message"]].to_string(index=False))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="commentgraph", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("summary", help="print the tables of a source")
    s.add_argument("source")
    s.set_defaults(func=_summary)
    r = sub.add_parser("report", help="run the analysis on a source")
    r.add_argument("source")
    r.add_argument("--out", required=True)
    r.add_argument("--anonymize", action="store_true")
    r.add_argument("--salt", default=None)
    r.set_defaults(func=_summary)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except ReadError as e:
        print(f"commentgraph: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
