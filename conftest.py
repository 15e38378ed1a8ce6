"""Root conftest: the package is injected into doctest namespaces as ``cg``."""

import pytest


@pytest.fixture(autouse=True)
def _doctest_namespace(doctest_namespace):
    import commentgraph

    doctest_namespace["cg"] = commentgraph
