"""The `commentgraph` command: report, summary, export, and one-line errors."""

import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from commentgraph.cli import main
from commentgraph.report import SALT_ENV

ROOT = Path(__file__).resolve().parents[1]
AUTHORS = ["Wessi", "Sabrina", "Fragender Rentner", "Norbert NRW", "Federico", "Meckersack", "Merseburger",
           "Jakob", "Ralf Meier"]


def run(*args, env=None):
    """The command as a user runs it: a fresh process, this checkout's package."""
    full = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})}
    return subprocess.run([sys.executable, "-m", "commentgraph", *map(str, args)], capture_output=True, text=True,
                          env=full, timeout=600)


def test_unreadable_source_exits_non_zero_with_one_line_and_no_traceback(tmp_path):
    r = run("report", tmp_path / "nope.txt", "--out", tmp_path / "out")
    assert r.returncode == 1
    assert r.stderr.strip() == f"commentgraph: {tmp_path / 'nope.txt'}: no such file or folder"
    assert not (tmp_path / "out").exists()
    binary = tmp_path / "image.csv"
    binary.write_bytes(bytes(range(256)) * 8)
    r = run("summary", binary)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and r.stderr.startswith(f"commentgraph: {binary}")


def test_anonymize_needs_a_salt_from_the_option_or_the_environment(sample_path, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv(SALT_ENV, raising=False)
    assert main(["report", str(sample_path), "--out", str(tmp_path / "out"), "--anonymize", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err == "commentgraph: --anonymize needs a salt: pass --salt S or set COMMENTGRAPH_SALT\n"
    assert not (tmp_path / "out").exists()
    monkeypatch.setenv(SALT_ENV, "from-env")
    assert main(["summary", str(sample_path), "--anonymize"]) == 0
    by_env = capsys.readouterr().out
    assert main(["summary", str(sample_path), "--anonymize", "--salt", "from-env"]) == 0
    assert capsys.readouterr().out == by_env  # the same salt gives the same pseudonyms
    assert [a for a in AUTHORS if a in by_env] == []


def test_bad_arguments_are_usage_errors(sample_path, capsys):
    with pytest.raises(SystemExit) as e:
        main(["export", str(sample_path), "--format", "xlsx"])
    assert e.value.code == 2
    with pytest.raises(SystemExit):
        main(["report", str(sample_path)])  # --out is required
    assert "--out" in capsys.readouterr().err


def test_summary_prints_the_tables(sample_path, capsys):
    assert main(["summary", str(sample_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Discussion: 1 article(s), 10 comments, 5 mentions, 5 reply edges, 1 problems")
    assert "\ncomments (10)\n" in out and "\nreplies (5)\n" in out and "\nproblems (1)\n" in out
    assert "Ralf Meier" in out and "count_mismatch" in out


def test_export_writes_the_reply_graph_as_gexf_and_graphml(sample_path, tmp_path, capsys):
    for fmt, read in (("gexf", nx.read_gexf), ("graphml", nx.read_graphml)):
        path = tmp_path / f"g.{fmt}"
        assert main(["export", str(sample_path), "--format", fmt, "--out", str(path)]) == 0
        g = read(path)
        # 10 comments plus the missing @Ralf Meier; 5 references, 5 edges
        assert (g.number_of_nodes(), g.number_of_edges()) == (11, 5)
        assert f"written to {path}" in capsys.readouterr().out
    assert main(["export", str(sample_path), "--format", "graphml", "--graph", "author",
                 "--out", str(tmp_path / "a.graphml")]) == 0
    a = nx.read_graphml(tmp_path / "a.graphml")
    assert "Ralf Meier" in a and a.number_of_edges() == 4  # Meckersack and Merseburger answer each other twice


def test_export_csv_writes_the_tables_and_anonymizes_when_asked(sample_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(sample_path), "--format", "csv"]) == 0
    folder = tmp_path / f"{sample_path.stem}_tables"
    comments = pd.read_csv(folder / "comments.csv")
    assert len(comments) == 10 and "W. Merseburger" in set(comments["author"])
    assert main(["export", str(sample_path), "--format", "gexf", "--anonymize", "--salt", "s3cret",
                 "--out", "anon.gexf"]) == 0
    text = (tmp_path / "anon.gexf").read_text(encoding="utf-8")
    assert [a for a in AUTHORS if a in text] == []


@pytest.mark.slow
def test_report_command_on_the_sample(sample_path, tmp_path):
    r = run("report", sample_path, "--out", tmp_path / "out")
    assert r.returncode == 0, r.stderr[-2000:]
    assert "Traceback" not in r.stderr and "commentgraph report" in r.stderr  # the progress bar
    assert r.stdout.startswith(f"report written to {tmp_path / 'out'}: 5 notebooks, 6 HTML pages, 21 figure files")
    assert f"the thread explorer is {tmp_path / 'out' / 'html' / 'explorer.html'}" in r.stdout
    assert (tmp_path / "out" / "manifest.json").is_file()
