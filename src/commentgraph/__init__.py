"""commentgraph: reader comments to tidy tables, reply graphs, metrics and figures."""

from .discussion import Discussion
from .errors import ReadError
from .mentions import link_comments
from .pages import read_page, read_pages
from .review import apply_review, parent_agreement, resolution_scores, review_table
from .tables import read_table

__version__ = "0.1.0"

__all__ = ["Discussion", "ReadError", "apply_review", "link_comments", "parent_agreement", "read_page", "read_pages",
           "read_table", "resolution_scores", "review_table", "__version__"]
