"""The corpus on Dask (LocalCluster, 2 worker processes) equals the in-memory path, table by table and metric
by metric, on the sample page, the labelled pages, the real exports, a generated 10k corpus with bad files
among its pages, and a folder of exports."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

import commentgraph as cg
from commentgraph.discussion import TABLES
from commentgraph.schema import COLUMNS

pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.dask

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data/raw/mdr_2019-02-28_trump_kim_hanoi_comments.txt"
LABELLED = sorted((ROOT / "tests/data/references").glob("*.txt"))
EXPORTS = ROOT / "tests/data/exports"
BAD = ROOT / "tests/data/bad"
RESOLVER = {"tie": "earliest", "author_only": False, "fuzzy_threshold": None}
PUBLIC = ROOT.parent / "shared" / "data-public" / "globe_and_mail_sfu"


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                       memory_limit="3GiB")
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def _sorted(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values(list(df.columns), kind="stable", na_position="last").reset_index(drop=True)


def _like(want: pd.DataFrame, got: pd.DataFrame, name: str) -> pd.DataFrame:
    """``want`` in ``got``'s columns; a reader's extra column (beyond the schema) whose dtype follows the data
    in memory (``articles.layout`` is object when a page has no header) is compared by value in the
    corpus's fixed dtype; the schema's columns keep their own dtype, so a drift there fails."""
    want = want[[c for c in got.columns if c in want.columns]]
    assert list(want.columns) == list(got.columns), name
    drift = {c: got[c].dtype for c in got.columns if c not in COLUMNS[name] and want[c].dtype != got[c].dtype}
    return want.astype(drift) if drift else want


def same_tables(corpus, d) -> None:
    """Every corpus table equals the Discussion's (its columns the corpus keeps), dtypes included."""
    for name in TABLES:
        got = getattr(corpus, name).compute()
        assert list(got.columns) == list(corpus.meta[name].columns)
        assert got.dtypes.equals(corpus.meta[name].dtypes), name
        pd.testing.assert_frame_equal(_sorted(got), _sorted(_like(getattr(d, name), got, name)), obj=name)


def same_metrics(corpus, d, **filters) -> None:
    pd.testing.assert_frame_equal(_sorted(corpus.summary(**filters)), _sorted(cg.summary(d, **filters)))
    pd.testing.assert_frame_equal(_sorted(corpus.threads(**filters)), _sorted(cg.threads(d, **filters)))
    got, want = corpus.authors(**filters), cg.authors(d, **filters)
    pd.testing.assert_frame_equal(got.sort_values("author").reset_index(drop=True),
                                  want.sort_values("author").reset_index(drop=True), rtol=1e-9)
    pd.testing.assert_frame_equal(_sorted(corpus.reply_pairs(**filters)), _sorted(cg.reply_pairs(d, **filters)))
    g, h = corpus.author_graph(**filters), cg.author_graph(d, **filters)
    assert dict(g.nodes(data=True)) == dict(h.nodes(data=True))
    assert {(u, v): a for u, v, a in g.edges(data=True)} == {(u, v): a for u, v, a in h.edges(data=True)}
    assert nx.utils.graphs_equal(g, h)


# ---------------------------------------------------------------- the sample page and the labelled pages

def test_sample_page_on_the_cluster(client):
    corpus = cg.read_corpus(SAMPLE, client=client)
    d = cg.read_pages([SAMPLE])
    assert corpus.npartitions == 1
    comments = corpus.comments.compute()
    assert len(comments) == 10 and comments["number"].tolist() == list(range(15, 5, -1))
    assert len(corpus.mentions.compute()) == 5
    assert str(comments["posted_at"].dtype) == "datetime64[us, Europe/Berlin]"
    assert str(comments["author"].dtype) == "str"
    assert corpus.problems.compute()["kind"].tolist() == d.problems["kind"].tolist()
    same_tables(corpus, d)
    same_metrics(corpus, d)
    assert corpus.summary()["n_comments"].tolist() == [10]


def test_labelled_pages_one_file_per_partition(client):
    corpus = cg.read_corpus(LABELLED, client=client, partition_bytes=1)
    assert corpus.npartitions == len(LABELLED) == 4
    d = cg.read_pages(LABELLED)
    same_tables(corpus, d)
    same_metrics(corpus, d)
    same_metrics(corpus, d, via="mention", self_replies=False)
    # all metrics in one pass equal the one-by-one calls
    every = corpus.metrics(min_weight=2)
    assert list(every) == ["summary", "threads", "authors", "reply_pairs", "author_graph"]
    pd.testing.assert_frame_equal(every["authors"], cg.authors(d, min_weight=2), rtol=1e-9)
    pd.testing.assert_frame_equal(every["reply_pairs"], cg.reply_pairs(d, min_weight=2))
    assert nx.utils.graphs_equal(every["author_graph"], cg.author_graph(d, min_weight=2))
    with pytest.raises(ValueError, match="unknown metric"):
        corpus.metrics("pagerank")
    assert corpus.comments.npartitions == 4
    # each partition holds whole articles
    per_part = corpus.comments.map_partitions(lambda c: c[["article_id"]].drop_duplicates()).compute()
    assert per_part["article_id"].is_unique


def test_a_glob_and_a_persisted_corpus(client):
    folder = LABELLED[0].parent
    corpus = cg.read_corpus(str(folder / "*.txt"), client=client, partition_bytes=1)
    assert [p.files[0] for p in corpus.parts] == [str(f) for f in LABELLED]
    d = cg.read_pages(LABELLED)
    kept = cg.read_corpus(LABELLED, client=client, partition_bytes=1).persist()
    assert kept.comments.npartitions == 4
    pd.testing.assert_frame_equal(kept.summary(), corpus.summary())
    pd.testing.assert_frame_equal(kept.authors(), cg.authors(d), rtol=1e-9)
    same_tables(kept, d)


def test_resolver_options_and_tz_reach_every_partition(client):
    opts = {"tz": "UTC", "resolver": RESOLVER}
    corpus = cg.read_corpus(LABELLED, client=client, partition_bytes=1, **opts)
    d = cg.read_pages(LABELLED, **opts)
    assert str(corpus.comments.dtypes["posted_at"]) == "datetime64[us, UTC]"
    same_tables(corpus, d)
    # the options changed something, and the corpus changed the same
    plain = cg.read_pages(LABELLED)
    assert not d.mentions["resolution"].equals(plain.mentions["resolution"])


# ---------------------------------------------------------------- a generated corpus with bad files

@pytest.fixture(scope="module")
def pages_10k(tmp_path_factory):
    """The benchmark generator's 10k-comment corpus, its pages copied beside three unreadable files."""
    from benchmarks.generate import generate

    root = tmp_path_factory.mktemp("corpus10k")
    c = generate(10_000, root / "gen")
    pages = root / "pages"
    shutil.copytree(c.pages, pages)
    for bad in ("binary.txt", "png_renamed.txt", "utf16_bom.txt", "empty.txt"):
        shutil.copy(BAD / bad, pages / f"a000005_{bad}")
    return pages, c.meta


@pytest.mark.slow
def test_generated_10k_with_bad_files(client, pages_10k):
    pages, meta = pages_10k
    files = sorted(str(p) for p in pages.iterdir())
    unreadable = []
    for f in files:
        try:
            cg.read_page(f)
        except cg.ReadError:
            unreadable.append(f)
    assert len(unreadable) >= 2   # the binary ones
    good = [f for f in files if f not in unreadable]
    d = cg.read_pages(good)
    assert len(d.comments) >= meta["n"]
    corpus = cg.read_corpus(pages, client=client, partition_bytes=256 * 1024)
    assert corpus.npartitions >= 8
    problems = corpus.problems.compute()
    bad_rows = problems[problems["kind"] == "unreadable_file"]
    assert sorted(bad_rows["source"]) == sorted(unreadable)
    assert (bad_rows["severity"] == "error").all()
    # apart from the unreadable files' rows, every table equals read_pages of the readable files
    expected_problems = d.problems
    for name in TABLES:
        got = getattr(corpus, name).compute()
        if name == "problems":
            got = got[got["kind"] != "unreadable_file"]
            want = expected_problems
        else:
            want = getattr(d, name)
        pd.testing.assert_frame_equal(_sorted(got), _sorted(_like(want, got, name)), obj=name)
    assert corpus.comments["comment_id"].nunique().compute() == len(d.comments)
    same_metrics(corpus, d)


@pytest.mark.slow
def test_strict_raises_on_the_bad_file(client, pages_10k):
    pages, _ = pages_10k
    corpus = cg.read_corpus(pages, client=client, strict=True, partition_bytes=256 * 1024)
    with pytest.raises(cg.ReadError, match="a000005_binary"):
        corpus.problems.compute()


@pytest.mark.slow
def test_parquet_round_trip_and_discussion(client, pages_10k, tmp_path):
    pages, _ = pages_10k
    corpus = cg.read_corpus(pages, client=client, partition_bytes=512 * 1024)
    out = corpus.to_parquet(tmp_path / "saved")
    assert sorted(p.name for p in out.iterdir()) == sorted([*TABLES, "corpus.json"])
    assert len(list((out / "comments").glob("part.*.parquet"))) == corpus.npartitions
    back = cg.read_corpus(out, client=client)
    assert back.npartitions == corpus.npartitions
    for name in TABLES:
        a, b = getattr(corpus, name).compute(), getattr(back, name).compute()
        assert a.dtypes.equals(b.dtypes), name
        pd.testing.assert_frame_equal(_sorted(a), _sorted(b), obj=name)
    pd.testing.assert_frame_equal(back.summary(), corpus.summary())
    # a plain Discussion of two articles equals read_pages of their two files
    two = ["a000003", "a000010"]
    sub = back.discussion(article_ids=two)
    d = cg.read_pages([pages / f"{a}.txt" for a in two])
    assert sorted(sub.articles["article_id"]) == two
    for name in ("comments", "mentions", "replies", "articles"):
        got = getattr(sub, name)
        pd.testing.assert_frame_equal(_sorted(got), _sorted(_like(getattr(d, name), got, name)), obj=name)
    pd.testing.assert_frame_equal(cg.summary(sub), cg.summary(d))
    with pytest.raises(ValueError, match="no such article.*nope"):
        back.discussion(article_ids=["a000003", "nope"])


def test_pseudonyms_equal_the_whole_corpus_pseudonymised(client):
    corpus = cg.read_corpus(LABELLED, client=client, partition_bytes=1, anonymize=True, salt="s3cret")
    d = cg.pseudonymize(cg.read_pages(LABELLED), salt="s3cret")
    comments = corpus.comments.compute()
    assert comments["author"].str.startswith("Commenter ").all()
    assert corpus.settings["pseudonymized"] == d.settings["pseudonymized"]  # how, never the salt
    assert "s3cret" not in json.dumps(corpus.settings)
    same_tables(corpus, d)
    same_metrics(corpus, d)


# ---------------------------------------------------------------- exports

def _exports_discussion(files, **kw):
    """The in-memory reference for a folder of exports: read_table per file, tables stacked."""
    ds = [cg.read_table(f, **kw) for f in files]
    return cg.Discussion(*(pd.concat([getattr(x, n) for x in ds], ignore_index=True)
                           for n in ("articles", "comments", "mentions", "replies", "problems")),
                         settings=ds[0].settings)


def test_folder_of_exports(client):
    files = sorted(EXPORTS.iterdir())
    corpus = cg.read_corpus(EXPORTS, client=client, partition_bytes=1)
    assert corpus.npartitions == len(files) == 20  # every file of tests/data/exports a partition
    d = _exports_discussion(files)
    same_tables(corpus, d)
    assert corpus.articles["article_id"].compute().tolist() == d.articles["article_id"].tolist()
    # per-article metrics equal read_table's file by file
    by_file = [cg.read_table(f) for f in files]
    pd.testing.assert_frame_equal(_sorted(corpus.summary()), _sorted(pd.concat([cg.summary(x) for x in by_file],
                                                                               ignore_index=True)))
    pd.testing.assert_frame_equal(_sorted(corpus.threads()), _sorted(pd.concat([cg.threads(x) for x in by_file],
                                                                               ignore_index=True)))
    # exports keep their ids verbatim: two exports of one YouTube video share 4 ids (and hand-written
    # fixtures of different tools share small ids like 1, 101); the corpus reports every id in two files
    dup = corpus.duplicate_ids()
    youtube = set(by_file[-1].comments["comment_id"]) & set(by_file[-2].comments["comment_id"])
    assert len(youtube) == 4
    counts = pd.concat([x.comments["comment_id"].drop_duplicates() for x in by_file]).value_counts()
    assert dict(zip(dup["comment_id"], dup["n"])) == counts[counts > 1].to_dict()
    assert youtube <= set(dup["comment_id"])
    # without the files that repeat an earlier file's id every id is unique, and the corpus-wide metrics
    # equal the in-memory ones
    seen, unique = set(), []
    for f, x in zip(files, by_file):
        ids = set(x.comments["comment_id"])
        if not ids & seen:
            unique.append(f)
            seen |= ids
    assert len(unique) >= 10 and "ytdt_comments.csv" not in [f.name for f in unique]
    corpus = cg.read_corpus(unique, client=client, partition_bytes=1)
    assert corpus.duplicate_ids().empty
    same_metrics(corpus, _exports_discussion(unique))


@pytest.mark.shared_data
def test_real_exports_from_shared_data(client, public_data):
    """The Globe and Mail exports (../shared/data-public, see its README): the tidy CSV (2,869 comments,
    40 articles, explicit parents) and the four reaction-scrape JSON files (812 comments, nesting only)."""
    files = [public_data / "globe_and_mail_explicit_parent_tidy.csv",
             *sorted((public_data / "comment_reactions_raw_json").glob("*.json"))]
    corpus = cg.read_corpus(files, client=client, partition_bytes=1)
    assert corpus.npartitions == 5
    d = _exports_discussion(files)
    assert len(corpus.comments) == len(d.comments) == 2869 + 812
    assert len(corpus.articles) == 44
    assert corpus.duplicate_ids().empty
    same_tables(corpus, d)
    same_metrics(corpus, d)
    assert int(corpus.summary()["n_replies"].sum()) == len(cg.reply_graph(d).edges)


# ---------------------------------------------------------------- the command

def test_command_summary_on_an_existing_scheduler(client, capsys):
    from commentgraph.cli import main

    address = client.scheduler_info()["address"]
    assert main(["summary", str(SAMPLE), "--scheduler", address, "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "1 article(s), 10 comments, 5 mentions, 5 reply edges, 1 problems" in out
    assert "count_mismatch" in out and "W. Merseburger" in out


def test_command_export_on_dask(client, tmp_path, capsys):
    from commentgraph.cli import main

    address = client.scheduler_info()["address"]
    d = cg.read_pages(LABELLED)
    folder = tmp_path / "pages"
    folder.mkdir()
    for f in LABELLED:
        shutil.copy(f, folder / f.name)
    graphml = tmp_path / "authors.graphml"
    assert main(["export", str(folder), "--scheduler", address, "--quiet", "--format", "graphml", "--graph", "author",
                 "--out", str(graphml)]) == 0
    g, h = nx.read_graphml(graphml), cg.author_graph(d)
    assert sorted(g.nodes) == sorted(h.nodes) and g.number_of_edges() == h.number_of_edges()
    assert main(["export", str(folder), "--scheduler", address, "--quiet", "--format", "parquet",
                 "--out", str(tmp_path / "saved")]) == 0
    back = cg.read_corpus(tmp_path / "saved", client=client)
    assert back.npartitions == 1 and len(back.comments) == len(d.comments)
    assert main(["export", str(folder), "--scheduler", address, "--quiet", "--format", "csv",
                 "--out", str(tmp_path / "csv")]) == 0
    got = pd.read_csv(next((tmp_path / "csv" / "comments").glob("*.csv")))
    assert sorted(got["comment_id"]) == sorted(d.comments["comment_id"])
    assert "written to" in capsys.readouterr().out


@pytest.mark.slow
def test_command_report_on_dask(tmp_path, capsys, monkeypatch):
    # the corpus is read and resolved on a LocalCluster, saved in the report folder, and the report's
    # notebooks read that: the sample's 10 comments and 5 references, as in memory
    import json

    from commentgraph.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(["report", str(SAMPLE), "--workers", "1", "--quiet", "--out", "r"]) == 0
    assert "saved to r/corpus" in capsys.readouterr().out
    counts = json.loads((tmp_path / "r" / "manifest.json").read_text(encoding="utf-8"))["counts"]
    assert (counts["comments"], counts["references"]) == (10, 5)
    saved = cg.read_source(tmp_path / "r" / "corpus")
    mem = cg.read_page(SAMPLE)
    pd.testing.assert_frame_equal(saved.comments, mem.comments)
    pd.testing.assert_frame_equal(saved.mentions, mem.mentions)
    assert (tmp_path / "r" / "html" / "03_discussion_structure.html").exists()


@pytest.mark.slow
def test_command_with_local_workers(capsys):
    from commentgraph.cli import main

    assert main(["summary", str(SAMPLE), "--workers", "1", "--quiet"]) == 0
    assert "10 comments, 5 mentions" in capsys.readouterr().out


def test_read_corpus_errors_name_the_source(tmp_path):
    with pytest.raises(cg.ReadError, match="no such file or folder"):
        cg.read_corpus(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(cg.ReadError, match="holds no files"):
        cg.read_corpus(tmp_path / "empty")
    with pytest.raises(cg.ReadError, match="matches no files"):
        cg.read_corpus(str(tmp_path / "*.txt"))
