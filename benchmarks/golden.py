"""Golden files: the five tables of every input we have, saved before a refactor and compared after.

``python -m benchmarks.golden save DIR`` reads each input (the sample page, ``tests/data``, the real
exports and pages in ``../shared`` when present, the generated 10k and 100k corpora) and writes its
tables as Parquet under ``DIR``; ``python -m benchmarks.golden compare DIR`` reads them again and prints,
per input and table, whether they are equal and, where not, how many rows and which columns differ.
The files are outputs of a run: keep them outside the repository.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import pandas as pd

import commentgraph as cg

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TABLES = ("articles", "comments", "mentions", "replies", "problems")


def inputs(sizes=(10_000, 100_000)) -> dict[str, tuple]:
    """name -> (reader, source)."""
    out = {"sample": (cg.read_page, ROOT / "data/raw/mdr_2019-02-28_trump_kim_hanoi_comments.txt")}
    for p in sorted((ROOT / "tests/data").rglob("*")):
        if p.is_file() and p.suffix in (".txt", ".csv", ".json", ".jsonl", ".ndjson") and p.parent.name != "__pycache__":
            reader = cg.read_page if p.suffix == ".txt" else cg.read_table
            out[str(p.relative_to(ROOT))] = (reader, p)
    for p in sorted((SHARED / "data-public").rglob("*")):
        if p.is_file() and p.suffix in (".csv", ".json"):
            out["shared/" + str(p.relative_to(SHARED / "data-public"))] = (cg.read_table, p)
    for p in sorted((SHARED / "pages-public").glob("*.txt")):
        out["shared/pages/" + p.name] = (cg.read_page, p)
    from benchmarks.generate import corpus

    for n in sizes:
        c = corpus(n)
        out[f"corpus{n}/pages"] = (cg.read_pages, c.pages)
        out[f"corpus{n}/parquet"] = (cg.read_table, c.parquet)
    return out


def _read(reader, source):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return reader(source), None
        except Exception as exc:  # a reader's error is part of its output
            return None, f"{type(exc).__name__}: {exc}"


def _key(name: str) -> str:
    return name.replace("/", "__")


def save(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (reader, source) in inputs().items():
        d, err = _read(reader, source)
        sub = folder / _key(name)
        sub.mkdir(exist_ok=True)
        if err:
            (sub / "error.txt").write_text(err)
            continue
        for t in TABLES:
            getattr(d, t).to_parquet(sub / f"{t}.parquet")
        print(f"saved {name}: {len(d.comments)} comments")


def _diff(old: pd.DataFrame, new: pd.DataFrame) -> str:
    added = [c for c in new.columns if c not in old.columns]
    gone = [c for c in old.columns if c not in new.columns]
    notes = ([f"added columns {added}"] if added else []) + ([f"removed columns {gone}"] if gone else [])
    shared = [c for c in old.columns if c in new.columns]
    more = _diff_shared(old[shared], new[shared])
    return "; ".join(notes + ([more] if more else []))


def _diff_shared(old: pd.DataFrame, new: pd.DataFrame) -> str:
    if len(old) != len(new):
        return f"rows {len(old)} -> {len(new)}"
    cols = [c for c in old.columns if not old[c].astype(object).equals(new[c].astype(object))
            and not (old[c].isna() & new[c].isna() | (old[c].astype(object) == new[c].astype(object))).all()]
    if not cols:
        return ""
    n = int((~pd.concat([(old[c].isna() & new[c].isna()) | (old[c].astype(object) == new[c].astype(object))
                         for c in cols], axis=1).all(axis=1)).sum())
    return f"{n} rows differ in {cols}"


def compare(folder: Path, only: str | None = None, quiet_added: bool = True) -> int:
    bad = 0
    for name, (reader, source) in inputs().items():
        if only and only not in name:
            continue
        sub = folder / _key(name)
        if not sub.exists():
            print(f"NEW  {name}: no golden (an input added since they were saved)")
            continue
        d, err = _read(reader, source)
        if (sub / "error.txt").exists() or err:
            old = (sub / "error.txt").read_text() if (sub / "error.txt").exists() else None
            if old != err:
                bad += 1
                print(f"DIFF {name}: error {old!r} -> {err!r}")
            continue
        for t in TABLES:
            new = getattr(d, t).reset_index(drop=True)
            new = pd.read_parquet(_roundtrip(new))
            old = pd.read_parquet(sub / f"{t}.parquet")
            msg = _diff(old, new)
            if quiet_added and msg.startswith("added columns") and ";" not in msg:
                msg = ""
            if msg:
                bad += 1
                print(f"DIFF {name} {t}: {msg}")
    print(f"{bad} differences")
    return 1 if bad else 0


def _roundtrip(df: pd.DataFrame):
    import io

    buf = io.BytesIO()
    df.to_parquet(buf)
    buf.seek(0)
    return buf


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("action", choices=["save", "compare"])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--only", default=None)
    a = ap.parse_args(argv)
    if a.action == "save":
        save(a.folder)
        return 0
    return compare(a.folder, a.only)


if __name__ == "__main__":
    sys.exit(main())
