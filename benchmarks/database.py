"""Reading a comment table from SQLite: chunked Arrow fetch against pandas.read_sql, each in a fresh process.

``python -m benchmarks.database --sizes 10000 100000`` writes ``comments.sqlite`` beside each generated
corpus (once) and prints, per way of reading, wall time and peak RSS (``ru_maxrss``) of a process that
only reads: ``load`` (commentgraph.read.database.load, 50,000 rows a chunk), ``read_sql``
(pandas.read_sql: every row as Python tuples at once), ``read_table_sqlite`` (the whole reader on the
SQLite file, resolution off) and ``read_table_parquet`` (the same on the Parquet export).
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WAYS = ("load", "read_sql", "read_table_sqlite", "read_table_parquet")


def sqlite_of(n: int) -> Path:
    """The corpus of ``n`` comments as a SQLite table ``comments`` (times as ISO 8601 text)."""
    import pandas as pd

    from benchmarks.generate import corpus

    c = corpus(n)
    path = c.folder / "comments.sqlite"
    if not path.exists():
        raw = pd.read_parquet(c.parquet)
        tmp = path.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        con = sqlite3.connect(tmp)
        raw.assign(posted_at=raw["posted_at"].map(pd.Timestamp.isoformat)).to_sql("comments", con, index=False,
                                                                                  chunksize=50_000)
        con.close()
        tmp.rename(path)
    return path


def child(way: str, n: int) -> dict:
    import pandas as pd

    import commentgraph as cg
    from benchmarks.generate import corpus
    from commentgraph.read import database

    path = sqlite_of(n)
    start = time.perf_counter()
    if way == "load":
        rows = len(database.load(path, table="comments"))
    elif way == "read_sql":
        con = sqlite3.connect(path)
        rows = len(pd.read_sql("select * from comments", con))
        con.close()
    elif way == "read_table_sqlite":
        rows = len(cg.read_table(path, table="comments", resolver={"author_only": False}).comments)
    else:
        rows = len(cg.read_table(corpus(n).parquet, resolver={"author_only": False}).comments)
    seconds = time.perf_counter() - start
    return {"way": way, "n": n, "rows": rows, "seconds": round(seconds, 3),
            "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    p.add_argument("--child", nargs=2, metavar=("WAY", "N"))
    args = p.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child[0], int(args.child[1]))))
        return
    for n in args.sizes:
        sqlite_of(n)
        for way in WAYS:
            cmd = [sys.executable, "-m", "benchmarks.database", "--child", way, str(n)]
            out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True).stdout
            r = json.loads(out.strip().splitlines()[-1])
            print(f"{r['n']:>9,} {r['way']:<20} {r['seconds']:>7.2f} s {r['peak_mib']:>8.0f} MiB peak")


if __name__ == "__main__":
    main()
