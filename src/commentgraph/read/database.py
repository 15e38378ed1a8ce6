"""Tables from databases: a SQLite file, a SQLAlchemy URL, a DuckDB file, relation or connection.

``load`` gives a pandas DataFrame plus a ``_row_line`` column (the 1-based row of the result, what a
problem row names as its line), for ``read_table`` to map like any other table. Rows are fetched in
chunks and each chunk becomes Arrow columns at once, so a large result never lives as Python tuples
all together: memory stays near the final table's size plus one chunk.
"""

from __future__ import annotations

import sqlite3
from contextlib import nullcontext
from pathlib import Path

import pandas as pd
import pyarrow as pa

from ..errors import ReadError

#: file suffixes read as SQLite, and as DuckDB
SQLITE_SUFFIXES = (".sqlite", ".sqlite3", ".db", ".db3")
DUCKDB_SUFFIXES = (".duckdb", ".ddb")
#: rows fetched at a time
CHUNK_ROWS = 50_000
_SQLITE_MAGIC = b"SQLite format 3\x00"


def _is_duckdb(obj) -> bool:
    return type(obj).__module__.split(".")[0] in ("duckdb", "_duckdb")


def _is_sqlalchemy(obj) -> bool:
    return type(obj).__module__.startswith("sqlalchemy")


def _is_url(source) -> bool:
    return isinstance(source, str) and "://" in source.split("?")[0][:40]


def _kind(source) -> str | None:
    """``sqlite``, ``duckdb``, ``url``, ``relation``, ``connection``, ``sqlalchemy`` or None."""
    if isinstance(source, sqlite3.Connection):
        return "connection"
    if _is_duckdb(source):
        return "relation" if hasattr(source, "columns") else "connection"
    if _is_sqlalchemy(source):
        return "sqlalchemy"
    if _is_url(source):
        return "url"
    if isinstance(source, str | Path):
        suffix = Path(source).suffix.lower()
        if suffix in SQLITE_SUFFIXES:
            return "sqlite"
        if suffix in DUCKDB_SUFFIXES:
            return "duckdb"
    return None


def is_database(source, table: str | None = None, query: str | None = None) -> bool:
    """Whether ``source`` is read from a database (a ``table``/``query`` makes any path one)."""
    if isinstance(source, pd.DataFrame):
        return False
    return _kind(source) is not None or table is not None or query is not None


def describe(source, table: str | None = None, query: str | None = None) -> str:
    """The name problem rows give the source: the file or URL (password hidden) and the table or query."""
    kind = _kind(source)
    if kind in ("relation", "connection", "sqlalchemy"):
        where = f"<{type(source).__module__.split('.')[0]} {type(source).__name__}>"
    elif kind == "url":
        where = _hide_password(source)
    else:
        where = str(source)
    if query is not None:
        return f"{where} (query)"
    return f"{where}:{table}" if table is not None else where


def stem(source, table: str | None = None) -> str:
    """The article id rows get when they name none: the table, else the file's or database's name."""
    if table is not None:
        return table
    if isinstance(source, Path) or (isinstance(source, str) and not _is_url(source)):
        return Path(source).stem
    if _is_url(source):
        return source.rstrip("/").rsplit("/", 1)[-1].split("?")[0].removesuffix(".db") or "database"
    return "query"


def _hide_password(url: str) -> str:
    head, sep, rest = url.partition("://")
    if "@" not in rest.split("/")[0]:
        return url
    cred, _, host = rest.partition("@")
    user = cred.split(":")[0]
    return f"{head}{sep}{user}:***@{host}" if ":" in cred else url


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _arrays(rows: list[tuple], ncol: int) -> list[pa.Array]:
    """One chunk's rows as Arrow columns; a column of mixed types (SQLite allows it) as text."""
    out = []
    for values in zip(*rows) if rows else [()] * ncol:
        try:
            out.append(pa.array(values))
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            out.append(pa.array([None if v is None else str(v) for v in values], type=pa.large_string()))
    return out


def _unify(chunks: list[pa.Array]) -> pa.ChunkedArray:
    """A column's chunks under one type: nulls take the others' type, disagreeing types become text."""
    types = {c.type for c in chunks if c.type != pa.null()}
    if not types:
        return pa.chunked_array(chunks, type=pa.null())
    if len(types) == 1:
        (t,) = types
        return pa.chunked_array([c.cast(t) if c.type == pa.null() else c for c in chunks], type=t)
    if all(pa.types.is_integer(t) or pa.types.is_floating(t) for t in types):
        return pa.chunked_array([c.cast(pa.float64()) for c in chunks], type=pa.float64())
    as_text = [c.cast(pa.large_string()) if c.type != pa.large_string() else c for c in chunks]
    return pa.chunked_array(as_text, type=pa.large_string())


def _fetch(cursor, names: list[str], chunk_rows: int) -> pa.Table:
    """Rows of an open cursor (anything with ``fetchmany``), chunk by chunk, as one Arrow table."""
    columns: list[list[pa.Array]] = [[] for _ in names]
    while True:
        rows = cursor.fetchmany(chunk_rows)
        if not rows:
            break
        for j, arr in enumerate(_arrays(rows, len(names))):
            columns[j].append(arr)
    if not columns or not columns[0]:
        return pa.table({n: pa.array([], type=pa.null()) for n in names})
    return pa.table({n: _unify(c) for n, c in zip(names, columns)})


def _frame(table: pa.Table) -> pd.DataFrame:
    """An Arrow table as pandas (strings as pandas' ``str``), with the 1-based row of each row."""
    names = [str(n) for n in table.column_names]
    if len(set(names)) < len(names):
        raise ReadError(f"the result has repeated column names ({', '.join(names)}); alias them in the query")
    df = table.rename_columns(names).to_pandas()
    df["_row_line"] = range(1, len(df) + 1)
    return df


def _sql(table: str | None, query: str | None) -> str:
    if query is not None:
        return query
    return f"SELECT * FROM {_quote(table)}"


def _sqlite_tables(con: sqlite3.Connection) -> list[str]:
    rows = con.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name").fetchall()
    return [r[0] for r in rows if not r[0].startswith("sqlite_")]


def _sqlite(con: sqlite3.Connection, name: str, table, query, chunk_rows: int) -> pd.DataFrame:
    try:
        if table is None and query is None:
            tables = _sqlite_tables(con)
            if len(tables) != 1:
                listed = ", ".join(tables) or "none"
                raise ReadError(f"say which table to read: table='...' or query='...' (tables: {listed})", source=name)
            table = tables[0]
        cursor = con.execute(_sql(table, query))
        names = [c[0] for c in cursor.description or ()]
        if not names:
            raise ReadError("the query returns no columns", source=name)
        return _frame(_fetch(cursor, names, chunk_rows))
    except sqlite3.DatabaseError as e:
        msg = str(e)
        if "no such table" in msg and table is not None:
            listed = ", ".join(_sqlite_tables(con)) or "none"
            msg = f"no table {table!r} in the database (tables: {listed})"
        elif "not a database" in msg or "malformed" in msg:
            msg = f"not a readable SQLite database: {msg}"
        raise ReadError(msg, source=name) from None


def _sqlite_file(path: Path, name: str, table, query, chunk_rows: int) -> pd.DataFrame:
    if not path.is_file():
        raise ReadError("no such file", source=name)
    with path.open("rb") as f:
        head = f.read(len(_SQLITE_MAGIC))
    if head != _SQLITE_MAGIC:
        raise ReadError("not a SQLite database (the file does not start with 'SQLite format 3')", source=name)
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return _sqlite(con, name, table, query, chunk_rows)
    finally:
        con.close()


def _sqlalchemy(source, name: str, table, query, chunk_rows: int) -> pd.DataFrame:
    try:
        import sqlalchemy as sa
    except ImportError:
        msg = "reading a database URL needs SQLAlchemy: pip install 'commentgraph[sql]'"
        raise ReadError(msg, source=name) from None
    try:
        if isinstance(source, str):
            url = sa.engine.make_url(source)
            db = url.database
            if url.drivername.startswith("sqlite") and db not in (None, "", ":memory:") and not Path(db).is_file():
                raise ReadError("no such file", source=name)  # SQLite would create an empty database
            engine = sa.create_engine(url)
        else:
            engine = source
        if table is None and query is None:
            raise ReadError("say which table to read: table='...' or query='...'", source=name)
        stmt = sa.text(query) if query is not None else sa.select(sa.text("*")).select_from(sa.table(table))
        with (
            engine.connect() if isinstance(engine, sa.engine.Engine) else nullcontext(engine) as con
        ):  # a connection the caller owns stays open
            result = con.execution_options(stream_results=True).execute(stmt)
            return _frame(_fetch(result, list(result.keys()), chunk_rows))
    except sa.exc.SQLAlchemyError as e:
        raise ReadError(f"{type(e).__name__}: {str(e).splitlines()[0]}", source=name) from None


def _duckdb(source, name: str, table, query, chunk_rows: int) -> pd.DataFrame:
    try:
        import duckdb
    except ImportError:
        raise ReadError("reading a DuckDB file needs duckdb: pip install 'commentgraph[sql]'", source=name) from None
    try:
        con = None
        if isinstance(source, str | Path):
            if not Path(source).is_file():
                raise ReadError("no such file", source=name)
            con = duckdb.connect(str(source), read_only=True)
            source = con
        if not hasattr(source, "columns"):  # a connection
            if table is None and query is None:
                raise ReadError("say which table to read: table='...' or query='...'", source=name)
            source = source.sql(query) if query is not None else source.table(table)
        elif query is not None:
            source = source.query("rel", query)
        fetch = getattr(source, "to_arrow_reader", None) or source.fetch_record_batch  # duckdb >= 1.5 / older
        reader = fetch(chunk_rows)
        table_ = pa.Table.from_batches(list(reader), schema=reader.schema)
        return _frame(table_)
    except duckdb.Error as e:
        raise ReadError(f"{type(e).__name__}: {str(e).splitlines()[0]}", source=name) from None
    finally:
        if con is not None:
            con.close()


def load(source, *, table: str | None = None, query: str | None = None, chunk_rows: int = CHUNK_ROWS) -> pd.DataFrame:
    """The rows of a database table or query as a DataFrame with a ``_row_line`` column (1-based).

    >>> import sqlite3, tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "c.sqlite"
    >>> con = sqlite3.connect(p); _ = con.execute("create table t (id int, who text)")
    >>> _ = con.executemany("insert into t values (?, ?)", [(1, "Ann"), (2, "Ben")]); con.commit(); con.close()
    >>> load(p, table="t").values.tolist()
    [[1, 'Ann', 1], [2, 'Ben', 2]]
    """
    if table is not None and query is not None:
        raise ReadError("give table= or query=, not both", source=describe(source, table, query))
    name = describe(source, table, query)
    kind = _kind(source)
    if kind == "connection" and isinstance(source, sqlite3.Connection):
        return _sqlite(source, name, table, query, chunk_rows)
    if kind in ("relation", "connection") or kind == "duckdb":
        return _duckdb(source, name, table, query, chunk_rows)
    if kind in ("url", "sqlalchemy"):
        return _sqlalchemy(source, name, table, query, chunk_rows)
    if isinstance(source, str | Path):
        return _sqlite_file(Path(source), name, table, query, chunk_rows)
    raise ReadError(f"cannot read a {type(source).__name__} as a database", source=name)
