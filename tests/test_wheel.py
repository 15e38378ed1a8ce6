"""The built wheel, installed without the checkout, runs the report: the notebooks and the style travel in it."""

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data/raw/mdr_2019-02-28_trump_kim_hanoi_comments.txt"


def _run(args, **kw):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    r = subprocess.run([str(a) for a in args], capture_output=True, text=True, env=env, timeout=900, **kw)
    assert r.returncode == 0, (args, r.stdout[-2000:], r.stderr[-3000:])
    return r


@pytest.mark.slow
def test_the_wheel_installed_in_a_fresh_venv_runs_the_report(tmp_path):
    # build: pip builds the wheel from the checkout (setuptools from the configured index, in isolation)
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", tmp_path / "dist", ROOT])
    wheel = next((tmp_path / "dist").glob("commentgraph-*.whl"))
    import zipfile

    names = set(zipfile.ZipFile(wheel).namelist())
    notebooks = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert {f"commentgraph/notebooks/{n}" for n in notebooks} <= names
    assert "commentgraph/report.mplstyle" in names
    # a fresh venv (no system site-packages): every dependency is installed from the wheel's metadata
    venv.EnvBuilder(with_pip=True, system_site_packages=False).create(tmp_path / "venv")
    py = tmp_path / "venv" / "bin" / "python"
    _run([py, "-m", "pip", "install", "--quiet", wheel])
    where = _run([py, "-c", "import commentgraph.report as r; print(r.notebooks_dir())"], cwd=tmp_path).stdout
    assert Path(where.strip()).is_relative_to(tmp_path / "venv") and not where.startswith(str(ROOT))
    # the command, from a folder outside the checkout, on a copy of the sample page
    work = tmp_path / "work"
    work.mkdir()
    (work / SAMPLE.name).write_bytes(SAMPLE.read_bytes())
    r = _run([tmp_path / "venv" / "bin" / "commentgraph", "report", SAMPLE.name, "--out", "out", "--quiet"], cwd=work)
    assert r.stdout.startswith("report written to out: 5 notebooks, 6 HTML pages, 21 figure files")
    out = work / "out"
    assert sorted(p.stem for p in (out / "html").glob("*.html")) == [*[n[:-6] for n in notebooks], "explorer"]
    import pandas as pd

    assert pd.read_csv(out / "tables" / "comments.csv")["number"].tolist() == list(range(15, 5, -1))
    leaks = [p.name for p in out.rglob("*") if p.is_file() and (str(work).encode() in p.read_bytes()
                                                                 or str(ROOT).encode() in p.read_bytes())]
    assert leaks == []
