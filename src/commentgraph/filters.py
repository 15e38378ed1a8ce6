"""The old name of :mod:`commentgraph.edges` (reply edges, the filters every analysis shares)."""

from .edges import EDGE_COLUMNS, PLACEHOLDER_AUTHORS, VIAS, author_edges, author_keys, is_placeholder, reply_edges

__all__ = ["EDGE_COLUMNS", "PLACEHOLDER_AUTHORS", "VIAS", "author_edges", "author_keys", "is_placeholder", "reply_edges"]
