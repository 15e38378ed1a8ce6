"""The corpus on Dask against the in-memory path, on generated pages (``make bench-dask``).

    python -m benchmarks.dask_bench --n 1000000                    # in-memory vs LocalCluster(2)
    python -m benchmarks.dask_bench --n 5000000 --memory-limit 3GiB --no-in-memory
                                                                   # past the in-memory budget

The work is what an analyst runs on a corpus: read the pages, resolve references, then ``summary``,
``threads``, ``authors``, ``reply_pairs`` and the author graph. In memory: ``read_pages`` and the
``cg.*`` functions in one fresh process (its peak RSS). On Dask: ``read_corpus`` on a LocalCluster of
``--workers`` processes with one thread each and ``Corpus.metrics()`` (one pass over the files), the peak
RSS of every worker process (``VmHWM``, read on the worker) and of the driver (the client, which also runs
the LocalCluster's scheduler, and gathers the metrics: the threads table and the author graph are
corpus-sized). Without the in-memory
run, its memory is projected from ``--per-million-gib`` (measured at 1M). Results go to
``benchmarks/results/dask-<n>.json`` (not committed).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
MARK = "BENCH-RESULT "


def _peak_mib() -> float:
    """This process's own peak RSS: ``VmHWM`` (``ru_maxrss`` keeps the parent's peak across fork and exec, so
    a child of the process that generated the corpus would report the generator's memory)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def in_memory(pages: str) -> dict:
    import commentgraph as cg

    t0 = time.perf_counter()
    d = cg.read_pages(pages)
    t_read = time.perf_counter() - t0
    s = cg.summary(d)
    cg.threads(d)
    a = cg.authors(d)
    cg.reply_pairs(d)
    g = cg.author_graph(d)
    return {"path": "in-memory", "wall_s": time.perf_counter() - t0, "read_s": t_read, "comments": len(d.comments),
            "replies": int(s["n_replies"].sum()), "authors": len(a), "author_edges": g.number_of_edges(),
            "peak_mib": _peak_mib()}


def on_dask(pages: str, workers: int, memory_limit: str | None, partition_mib: int) -> dict:
    from distributed import Client, LocalCluster

    import commentgraph as cg

    kw = {"memory_limit": memory_limit} if memory_limit else {}
    t_start = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0", **kw) as cluster, \
            Client(cluster) as client:
        t0 = time.perf_counter()
        corpus = cg.read_corpus(pages, client, partition_bytes=partition_mib * 2**20)
        m = corpus.metrics()
        wall = time.perf_counter() - t0
        peaks = client.run(_peak_mib)
    s, a, g = m["summary"], m["authors"], m["author_graph"]
    return {"path": f"dask LocalCluster({workers})", "memory_limit": memory_limit, "partitions": corpus.npartitions,
            "wall_s": wall, "cluster_start_s": t0 - t_start, "comments": int(s["n_comments"].sum()),
            "replies": int(s["n_replies"].sum()), "authors": len(a), "author_edges": g.number_of_edges(),
            "worker_peak_mib": sorted(peaks.values()), "driver_peak_mib": _peak_mib()}


def child(argv: list[str]) -> None:
    kind, pages = argv[0], argv[1]
    if kind == "memory":
        out = in_memory(pages)
    else:
        out = on_dask(pages, int(argv[2]), argv[3] or None, int(argv[4]))
    print(MARK + json.dumps(out))


def run_child(args: list[str], timeout: float) -> dict:
    got = subprocess.run([sys.executable, "-m", "benchmarks.dask_bench", "--child", *args], capture_output=True,
                         text=True, timeout=timeout)
    for line in got.stdout.splitlines():
        if line.startswith(MARK):
            return json.loads(line[len(MARK):])
    return {"error": (got.stderr or got.stdout)[-3000:], "returncode": got.returncode}


def main(argv=None) -> None:
    if argv is None and len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2:])
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--memory-limit", default="", help="per worker, e.g. 3GiB (default: Dask's share)")
    ap.add_argument("--partition-mib", type=int, default=16)
    ap.add_argument("--no-in-memory", action="store_true", help="skip the in-memory run (project its memory)")
    ap.add_argument("--per-million-gib", type=float, default=None,
                    help="in-memory peak per million comments for the projection (default: measured, else 2.5)")
    ap.add_argument("--timeout", type=float, default=4 * 3600)
    args = ap.parse_args(argv)

    from benchmarks.generate import corpus

    t0 = time.perf_counter()
    c = corpus(args.n)
    meta = c.meta
    print(f"corpus: {args.n:,} comments, {meta['articles']:,} pages, {meta['page_bytes'] / 2**20:,.0f} MiB "
          f"({time.perf_counter() - t0:.0f} s to generate or find) in {c.pages}", flush=True)
    rows = []
    if not args.no_in_memory:
        rows.append(run_child(["memory", str(c.pages)], args.timeout))
        print(rows[-1], flush=True)
    rows.append(run_child(["dask", str(c.pages), str(args.workers), args.memory_limit, str(args.partition_mib)],
                          args.timeout))
    print(rows[-1], flush=True)
    per_m = args.per_million_gib
    if per_m is None:
        per_m = rows[0]["peak_mib"] / 1024 / (args.n / 1e6) if not args.no_in_memory and "peak_mib" in rows[0] else 2.5
    print(f"\n{args.n:,} comments as {meta['articles']:,} pages ({meta['page_bytes'] / 2**20:,.0f} MiB)")
    print(f"{'path':28s} {'wall s':>8s} {'comments/s':>11s} {'peak MiB (per worker)':>24s} {'driver MiB':>11s} "
          f"{'partitions':>10s}")
    for r in rows:
        if "error" in r:
            print(f"FAILED: {r['error']}")
            continue
        peak = ", ".join(f"{p:,.0f}" for p in r.get("worker_peak_mib", [r.get("peak_mib", 0)]))
        print(f"{r['path']:28s} {r['wall_s']:8.1f} {r['comments'] / r['wall_s']:11,.0f} {peak:>24s} "
              f"{r.get('driver_peak_mib', float('nan')):11,.0f} {r.get('partitions', '-'):>10}")
    print(f"in-memory path's projected peak at {args.n:,} comments: {per_m * args.n / 1e6:,.1f} GiB "
          f"({per_m:.2f} GiB per million)")
    ok = [r for r in rows if "error" not in r]
    if len({(r["comments"], r["replies"], r["authors"], r["author_edges"]) for r in ok}) > 1:
        print("MISMATCH between the paths:", [(r["comments"], r["replies"], r["authors"], r["author_edges"]) for r in ok])
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"dask-{args.n}.json"
    out.write_text(json.dumps({"n": args.n, "meta": meta, "rows": rows, "projected_gib": per_m * args.n / 1e6},
                              indent=2), encoding="utf-8")
    print(f"written {out}")


if __name__ == "__main__":
    main()
