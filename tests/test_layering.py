"""The code's shape: ruff clean, imports flowing one way, small stages in the read/ and references/ wings."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "src" / "commentgraph"

#: the stages, left to right: a module imports only from its own stage or stages to its left
STAGES = [
    {"errors", "schema", "problems", "timeparse", "sources"},
    {"read"},
    {"discussion", "pages", "tables", "accounting", "references", "mentions", "edges", "filters", "corpus"},
]
#: files at another stage than their folder's: the read wing's front door (read_source) picks among the
#: readers that assemble the wing's stages (read_page(s), read_table, read_convokit), so it stands beside them
STAGE_OF_FILE = {"read/source.py": 2}
#: modules a lower stage may not import (everything right of the reader)
RIGHT_OF_READ = {"graphs", "threads", "authors", "summary", "plots", "figures", "exports", "pseudonyms",
                 "report", "cli", "review", "style"}


def _ruff() -> list[str]:
    exe = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if exe is None:
        pytest.skip("ruff is not installed (pip install -e '.[test]' installs it)")
    return [exe]


def test_ruff_lint_is_clean():
    got = subprocess.run([*_ruff(), "check", str(ROOT)], capture_output=True, text=True, cwd=ROOT)
    assert got.returncode == 0, got.stdout[-3000:]


#: the wings held to the strict ruff config (their own ruff.toml) and to small stages
WINGS = ("read", "references")


@pytest.mark.parametrize("wing", WINGS)
def test_wing_is_ruff_formatted(wing):
    got = subprocess.run([*_ruff(), "format", "--check", str(PKG / wing)], capture_output=True, text=True,
                         cwd=ROOT)
    assert got.returncode == 0, got.stdout[-3000:]


@pytest.mark.parametrize("wing", WINGS)
def test_wing_has_the_strict_ruff_config(wing):
    config = (PKG / wing / "ruff.toml").read_text(encoding="utf-8")
    assert 'select = ["E", "F", "W", "B", "I", "UP"]' in config


def _imports(path: Path) -> set[str]:
    """Top-level commentgraph modules a module imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rel = path.relative_to(PKG).with_suffix("").parts
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(rel[: len(rel) - node.level])
                parts = base + (node.module.split(".") if node.module else [])
                if parts:
                    out.add(parts[0])
                else:   # "from . import x" at the package's top level
                    out.update(a.name for a in node.names)
            elif node.module and node.module.startswith("commentgraph"):
                parts = node.module.split(".")
                if len(parts) > 1:
                    out.add(parts[1])
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("commentgraph."):
                    out.add(a.name.split(".")[1])
    return out


def _stage(module: str) -> int | None:
    return next((i for i, s in enumerate(STAGES) if module in s), None)


@pytest.mark.parametrize("path", sorted(p for p in PKG.rglob("*.py") if p.name != "__init__.py" or p.parent != PKG),
                         ids=lambda p: str(p.relative_to(PKG)))
def test_imports_flow_one_way(path):
    me = path.relative_to(PKG).parts[0].removesuffix(".py")
    mine = STAGE_OF_FILE.get(path.relative_to(PKG).as_posix(), _stage(me))
    if mine is None:
        return
    for other in _imports(path) - {me}:
        theirs = _stage(other)
        assert other not in RIGHT_OF_READ, f"{me} (a reading stage) imports {other}"
        assert theirs is None or theirs <= mine, f"{me} (stage {mine}) imports {other} (stage {theirs})"


@pytest.mark.parametrize("wing", WINGS)
def test_wing_stages_are_small(wing):
    for path in (PKG / wing).glob("*.py"):
        lines = path.read_text(encoding="utf-8").splitlines()
        assert len(lines) <= 400, f"{path.name}: {len(lines)} lines"
        tree = ast.parse("\n".join(lines))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                size = node.end_lineno - node.lineno + 1
                assert size <= 80, f"{path.name}:{node.name} has {size} lines"


#: the one wing that may import Dask (the optional ``dask`` extra)
DASK_WING = "corpora"


def _imports_dask(path: Path) -> list[tuple[int, bool]]:
    """``(line, at module level)`` of each ``import dask...`` / ``import distributed...`` in a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(n) for n in tree.body}
    out = []
    for node in ast.walk(tree):
        names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                 else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
        if any(n.split(".")[0] in ("dask", "distributed", "dask_jobqueue") for n in names):
            out.append((node.lineno, id(node) in top))
    return out


@pytest.mark.parametrize("path", sorted(PKG.rglob("*.py")), ids=lambda p: str(p.relative_to(PKG)))
def test_only_the_corpus_wing_imports_dask(path):
    rel = path.relative_to(PKG)
    found = _imports_dask(path)
    if rel.parts[0] != DASK_WING:
        assert not found, f"{rel} imports Dask (only {DASK_WING}/ may, the extra being optional)"
    elif path.name in ("__init__.py", "plan.py", "parts.py"):
        # the wing's entry and the partition code (run on workers) import no Dask at module level
        assert not [line for line, top in found if top], f"{rel} imports Dask at import time"


def test_importing_the_package_does_not_import_dask():
    code = "import sys, commentgraph as cg; cg.read_corpus; print(any(m.split('.')[0] in ('dask', 'distributed') for m in sys.modules))"
    got = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert got.returncode == 0, got.stderr[-2000:]
    assert got.stdout.strip() == "False"
