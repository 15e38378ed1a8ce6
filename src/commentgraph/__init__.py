"""commentgraph: reader comments to tidy tables, reply graphs, metrics and figures."""

from .accounting import AccountingError, account_lines, account_rows, check_accounting
from .discussion import Discussion
from .errors import ReadError
from .mentions import link_comments
from .pages import read_page, read_pages
from .tables import read_table

__version__ = "0.1.0"

__all__ = ["AccountingError", "account_lines", "account_rows", "check_accounting", "Discussion", "ReadError", "link_comments", "read_page", "read_pages", "read_table", "__version__"]
