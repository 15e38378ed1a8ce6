"""commentgraph: reader comments to tidy tables, reply graphs, metrics and figures."""

from .authors import authors, reply_pairs
from .discussion import Discussion
from .errors import ReadError
from .exports import export_tables, write_gephi_csv, write_gexf, write_graphml
from .filters import PLACEHOLDER_AUTHORS, reply_edges
from .graphs import author_graph, reply_graph
from .mentions import link_comments
from .pages import read_page, read_pages
from .review import apply_review, parent_agreement, resolution_scores, review_table
from .summary import summary
from .tables import read_table
from .threads import comment_threads, threads

__version__ = "0.1.0"

__all__ = ["Discussion", "ReadError", "apply_review", "link_comments", "parent_agreement", "read_page", "read_pages",
           "read_table", "resolution_scores", "review_table", "__version__",
           "reply_graph", "author_graph", "reply_edges", "PLACEHOLDER_AUTHORS", "threads", "comment_threads",
           "authors", "reply_pairs", "summary", "write_gexf", "write_graphml", "write_gephi_csv", "export_tables"]
