"""commentgraph: reader comments to tidy tables, reply graphs, metrics and figures."""

from .discussion import Discussion
from .errors import ReadError
from .mentions import link_comments
from .pages import read_page, read_pages
from .tables import read_table
from .corpus import sample_corpus
from .report import ReportError, read_source, run_report

__version__ = "0.1.0"

__all__ = ["Discussion", "ReadError", "link_comments", "read_page", "read_pages", "read_table", "__version__"]
__all__ += ["sample_corpus", "ReportError", "read_source", "run_report"]
