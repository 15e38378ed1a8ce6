"""Precision and recall of text-derived reply edges on a real export whose explicit parents are thread roots.

    python -m benchmarks.references_quality [CSV]     # default: ../shared/data-public/.../old_comments.csv
    python -m benchmarks.references_quality --scale 60   # also: resolution of the export repeated 60 times, timed

The Globe and Mail export's ``parentID`` is the thread's first comment (threads are two levels deep), so an
explicit parent cannot say which comment of the thread a reply answers; it says which thread. A text-derived
edge (an ``@``-reference or an address opening) is counted false when its target lies outside the reply's
thread. Recall counts the references that name an earlier participant of the reply's thread: an ``@`` whose
written name is that participant's name (compared as ``normalize_name``), an opening (before ``:`` or ``,``,
after a greeting) whose words start that participant's name word by word. Every false edge and every miss
is listed, to read.
"""

from __future__ import annotations

import argparse
import re
import sys
import warnings
from pathlib import Path

import pandas as pd

import commentgraph as cg
from commentgraph.references import normalize_name, thread_roots
from commentgraph.references.address import GREETINGS

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared/data-public/globe_and_mail_sfu/comments_csv/old_comments.csv"
OPENING = re.compile(r"\s*(?:(?:Dear|Hi|Hello|Hey|Thanks|Well|To)\s+)?([A-Z][^\n:,;.!?@()\"]{0,39}?)\s*[:,]")


def _words(name: str) -> list[str]:
    return [w for w in (normalize_name(w) for w in re.split(r"[\s_.]+", name)) if w]


def _names_participant(written: str, author: str) -> bool:
    """Whether ``written`` starts ``author``'s words one by one (3+ letters for the first) or is its initials."""
    w, a = _words(written), _words(author)
    if not w or w[0] in GREETINGS:
        return False
    if "".join(w) == "".join(x[0] for x in a) and len(a) >= 2:
        return True
    return len(a) >= len(w) and len(w[0]) >= 3 and all(x.startswith(v) for v, x in zip(w, a, strict=False))


def measure(path: Path) -> dict:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        d = cg.read_table(path)
    c = d.comments.reset_index(drop=True)
    root = pd.Series(thread_roots(c).to_numpy(), index=c["comment_id"].to_numpy())
    when = pd.Series(c["posted_at"].to_numpy(), index=c["comment_id"].to_numpy())
    threaded = c["parent_id"].notna().to_numpy()
    m = d.mentions
    edges = m[m["edge"] & m["target_comment_id"].notna()]
    edges = edges[edges["comment_id"].isin(c.loc[threaded, "comment_id"])]
    edges = edges.assign(
        kind=edges["rule"].eq("address").map({True: "address", False: "@"}),
        ok=edges["comment_id"].map(root) == edges["target_comment_id"].map(root),
    )
    out = {"comments": len(c), "with_parent": int(threaded.sum())}
    for kind, g in edges.groupby("kind"):
        out[f"{kind}_edges"] = len(g)
        out[f"{kind}_precision"] = round(float(g["ok"].mean()), 4) if len(g) else None
    out["false_edges"] = edges.loc[~edges["ok"], ["comment_id", "raw", "target_author"]].values.tolist()
    # recall: references naming an earlier participant of the reply's thread
    got = set(zip(edges["comment_id"], edges["target_author"]))
    missed, named = [], 0
    for cid, text, author in c.loc[threaded, ["comment_id", "text", "author"]].itertuples(index=False):
        if not isinstance(text, str):
            continue
        earlier = c[
            (c["comment_id"].map(root) == root[cid]).to_numpy() & (c["comment_id"].map(when) < when[cid]).to_numpy()
        ]
        people = set(earlier["author"].dropna()) - {author}
        written = [w.group(1) for w in re.finditer(r"@ ?([^\W\d_][\w.' -]{0,30})", text)]
        o = OPENING.match(text)
        hits = {p for p in people for w in written if normalize_name(w).startswith(normalize_name(p))}
        if o:
            hits |= {p for p in people if _names_participant(o.group(1), p)}
        for p in hits:
            named += 1
            if (cid, p) not in got:
                missed.append([cid[:8], p, text[:60]])
    out["named_references"] = named
    out["recall"] = round(1 - len(missed) / named, 4) if named else None
    out["misses"] = missed
    return out


def timed(path: Path, copies: int) -> dict:
    """``link_comments`` on ``copies`` copies of the export (ids and articles suffixed): seconds and comments/s.
    Real English exports with parents send most references through the per-text reader (address openings,
    glued and loose handles), which the generated corpus of ``benchmarks.run`` hardly does."""
    import time

    from commentgraph.references import link_comments

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        c = cg.read_table(path).comments
    big = pd.concat(
        [c.assign(**{k: c[k] + f"_{i}" for k in ("comment_id", "parent_id", "article_id")}) for i in range(copies)],
        ignore_index=True,
    )
    t = time.perf_counter()
    m, _ = link_comments(big)
    s = time.perf_counter() - t
    return {"comments": len(big), "references": len(m), "seconds": round(s, 2), "comments_per_s": round(len(big) / s)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("csv", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--scale", type=int, default=0, help="also time resolution of this many copies of the export")
    a = ap.parse_args(argv)
    if not a.csv.exists():
        print(f"{a.csv} is not here (../shared/data-public is optional)")
        return 0
    res = measure(a.csv)
    if a.scale:
        res.update({f"scaled_{k}": v for k, v in timed(a.csv, a.scale).items()})
    for k, v in res.items():
        if isinstance(v, list):
            print(f"{k}: {len(v)}")
            for row in v:
                print("   ", row)
        else:
            print(f"{k}: {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
