"""A Dask client for the command: a LocalCluster of worker processes, or an existing scheduler."""

from __future__ import annotations

import contextlib
import sys


@contextlib.contextmanager
def dask_client(*, workers: int | None = None, scheduler: str | None = None, memory_limit: str | None = None,
                quiet: bool = False):
    """A ``distributed.Client``: on ``scheduler`` (an address such as ``tcp://host:8786``, or a scheduler file
    ending ``.json``), else on a LocalCluster of ``workers`` processes with one thread each (``memory_limit``
    per worker, Dask's default share of the machine when None). Closed on exit."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:
        raise ImportError('--workers and --scheduler need Dask: pip install "commentgraph[dask]"') from e
    if scheduler:
        client = (Client(scheduler_file=scheduler) if scheduler.endswith(".json") else Client(scheduler))
        cluster = None
    else:
        if workers is None or workers < 1:
            raise ValueError(f"--workers must be at least 1, got {workers}")
        kw = {"memory_limit": memory_limit} if memory_limit else {}
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                               **kw)
        client = Client(cluster)
    if not quiet:
        print(f"dask: {len(client.scheduler_info().get('workers', {}))} worker(s); dashboard {client.dashboard_link}",
              file=sys.stderr)
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
