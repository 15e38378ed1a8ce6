"""read_table from databases: SQLite files, SQLAlchemy URLs, DuckDB files, relations and connections."""

import sqlite3
from pathlib import Path

import pandas as pd
import pytest

import commentgraph as cg
from commentgraph.read import database

SEED = Path(__file__).parents[1] / "data" / "raw" / "mdr_2019-02-28_trump_kim_hanoi_comments.txt"
COLUMNS = {"comment_id": "id", "author": "user", "posted_at": "ts", "text": "body", "parent_id": "reply_to"}
ROWS = [  # id, user, ts (local time), body, reply_to
    (1, "Ann", "2019-03-01 10:00", "Hallo", None),
    (2, "Ben", "2019-03-01 10:30", "@Ann nein", 1),
    (3, "Ann", "kaputt", "@ 2 doch", None),
    (4, "Cem", "2019-03-01 11:00", "Antwort", 3),
]


def _sqlite(path: Path, rows=ROWS, table="comments") -> Path:
    con = sqlite3.connect(path)
    con.execute(f'create table "{table}" (id integer, user text, ts text, body text, reply_to integer)')
    con.executemany(f'insert into "{table}" values (?, ?, ?, ?, ?)', rows)
    con.execute("create table other (x integer)")
    con.commit()
    con.close()
    return path


@pytest.fixture
def db(tmp_path):
    return _sqlite(tmp_path / "comments.sqlite")


def test_sqlite_table_reads_like_a_dataframe(db):
    d = cg.read_table(db, columns=COLUMNS, table="comments")
    frame = pd.DataFrame(ROWS, columns=["id", "user", "ts", "body", "reply_to"])
    want = cg.read_table(frame, columns=COLUMNS, article_id="comments")
    pd.testing.assert_frame_equal(d.comments, want.comments)
    assert d.comments["comment_id"].tolist() == ["1", "2", "3", "4"]  # ids verbatim, not "1.0"
    assert d.comments["parent_id"].fillna("").tolist() == ["", "1", "", "3"]
    assert d.articles["article_id"].tolist() == ["comments"]
    # the bad time is on row 3 of the result, and the problem row names the file and table
    bad = d.problems[d.problems["kind"] == "bad_time"]
    assert bad["line"].tolist() == [3] and bad["source"].tolist() == [f"{db}:comments"]
    # '@Ann' in #2 -> #1; '@ 2' in #3 stays unresolved: #3 has no readable time to be "after" #2
    m = d.mentions.set_index("comment_id")["target_comment_id"]
    assert m.fillna("").to_dict() == {"2": "1", "3": ""}


def test_sqlite_query_and_strict(db):
    d = cg.read_table(db, columns=COLUMNS, query="select * from comments where user = 'Ann' order by id")
    assert d.comments["comment_id"].tolist() == ["1", "3"]
    assert d.problems.loc[d.problems["kind"] == "bad_time", "line"].tolist() == [2]
    with pytest.raises(cg.ReadError, match=r"comments.sqlite:comments, line 3: bad_time"):
        cg.read_table(db, columns=COLUMNS, table="comments", strict=True)


def test_bad_databases_raise_read_error(db, tmp_path):
    with pytest.raises(cg.ReadError, match=r"no table 'nope' in the database \(tables: comments, other\)"):
        cg.read_table(db, table="nope")
    with pytest.raises(cg.ReadError, match="say which table.*tables: comments, other"):
        cg.read_table(db)
    with pytest.raises(cg.ReadError, match="no such column"):
        cg.read_table(db, query="select nocolumn from comments")
    with pytest.raises(cg.ReadError, match="not both"):
        cg.read_table(db, table="comments", query="select 1")
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"this is no database" * 50)
    with pytest.raises(cg.ReadError, match=r"broken.sqlite:comments: not a SQLite database"):
        cg.read_table(broken, table="comments")
    truncated = tmp_path / "truncated.db"
    truncated.write_bytes(db.read_bytes()[:200])
    with pytest.raises(cg.ReadError, match=r"truncated.db"):
        cg.read_table(truncated, table="comments")
    with pytest.raises(cg.ReadError, match="no such file"):
        cg.read_table(tmp_path / "missing.sqlite", table="comments")
    with pytest.raises(cg.ReadError, match=r"other: required column\(s\) author, posted_at, text not found"):
        cg.read_table(db, table="other")


def test_one_table_needs_no_name_and_read_source_takes_it(tmp_path):
    path = tmp_path / "only.db"
    con = sqlite3.connect(path)
    con.execute("create table c (id integer, user text, ts text, body text, reply_to integer)")
    con.executemany("insert into c values (?, ?, ?, ?, ?)", ROWS)
    con.commit()
    con.close()
    d = cg.read_source(path)  # common names: id, user, ts? no: the detection finds body/user
    assert len(d.comments) == 4


def test_chunks_of_mixed_types_become_text(tmp_path):
    path = tmp_path / "mixed.sqlite"
    con = sqlite3.connect(path)
    con.execute("create table t (a, b)")  # SQLite keeps each value's own type
    con.executemany("insert into t values (?, ?)", [(1, None), (2, None), ("x3", 1.5), (4, 2)])
    con.commit()
    con.close()
    df = database.load(path, table="t", chunk_rows=2)
    assert df["a"].tolist() == ["1", "2", "x3", "4"]
    assert df["b"].tolist()[2:] == [1.5, 2.0] and df["_row_line"].tolist() == [1, 2, 3, 4]
    assert database.load(path, table="t", chunk_rows=2).equals(database.load(path, table="t"))


def test_sqlite_connection_object(db):
    con = sqlite3.connect(db)
    try:
        d = cg.read_table(con, columns=COLUMNS, table="comments")
    finally:
        con.close()
    assert len(d.comments) == 4 and d.problems["source"].str.startswith("<sqlite3 Connection>").all()


def test_sqlalchemy_url(db, tmp_path):
    pytest.importorskip("sqlalchemy")
    d = cg.read_table(f"sqlite:///{db}", columns=COLUMNS, table="comments")
    assert d.comments["comment_id"].tolist() == ["1", "2", "3", "4"]
    assert d.problems.loc[d.problems["kind"] == "bad_time", "line"].tolist() == [3]
    with pytest.raises(cg.ReadError, match="no such file"):  # SQLite would quietly create it
        cg.read_table(f"sqlite:///{tmp_path / 'nope.db'}", table="comments")
    assert not (tmp_path / "nope.db").exists()
    with pytest.raises(cg.ReadError, match="OperationalError"):
        cg.read_table(f"sqlite:///{db}", table="nope")
    assert database.describe("postgresql://me:secret@host/db", "t") == "postgresql://me:***@host/db:t"


def test_duckdb_relation_connection_and_file(db, tmp_path):
    duckdb = pytest.importorskip("duckdb")
    frame = pd.DataFrame(ROWS, columns=["id", "user", "ts", "body", "reply_to"])
    want = cg.read_table(frame, columns=COLUMNS, article_id="query")
    con = duckdb.connect()
    con.execute("create table comments as select * from frame")
    rel = con.sql("select * from comments order by id")
    got = cg.read_table(rel, columns=COLUMNS)
    pd.testing.assert_frame_equal(got.comments, want.comments)
    by_con = cg.read_table(con, columns=COLUMNS, table="comments")
    assert by_con.comments["comment_id"].tolist() == ["1", "2", "3", "4"]
    with pytest.raises(cg.ReadError, match="CatalogException"):
        cg.read_table(con, table="nope")
    path = tmp_path / "c.duckdb"
    con.execute(f"attach '{path}' as f")
    con.execute("create table f.comments as select * from comments")
    con.execute("detach f")
    con.close()
    d = cg.read_table(path, columns=COLUMNS, table="comments")
    assert d.comments["author"].tolist() == ["Ann", "Ben", "Ann", "Cem"]


@pytest.mark.slow
def test_10k_sqlite_equals_parquet(tmp_path):
    from benchmarks.generate import generate

    c = generate(10_000, tmp_path / "c10k")
    raw = pd.read_parquet(c.parquet)
    path = tmp_path / "c.sqlite"
    con = sqlite3.connect(path)
    raw.assign(posted_at=raw["posted_at"].map(pd.Timestamp.isoformat)).to_sql("comments", con, index=False)
    con.close()
    a = cg.read_table(c.parquet)
    b = cg.read_table(path, table="comments", article_id="comments")
    for name in ("comments", "mentions", "replies"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
    assert len(b.comments) == 10_000 and len(b.problems) == 0
