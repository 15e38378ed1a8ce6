"""commentgraph: reader comments to tidy tables, reply graphs, metrics and figures."""

from .accounting import AccountingError, account_lines, account_rows, check_accounting
from .authors import authors, reply_pairs
from .convokit import read_convokit, write_convokit
from .corpus import sample_corpus
from .corpora import read_corpus
from .discussion import Discussion
from .errors import ReadError
from .explorer import explore, explorer_html, write_explorer
from .exports import export_tables, write_gephi_csv, write_gexf, write_graphml
from .figures import figure_alt_text, save_figure
from .edges import PLACEHOLDER_AUTHORS, reply_edges
from .graphs import author_graph, reply_graph
from .references import ResolverOptions, link_comments
from .pages import read_page, read_pages
from .plots import (plot_arcs, plot_article_distributions, plot_author_network, plot_comments_per_author,
                    plot_declared_vs_parsed, plot_latency, plot_thread_sizes, plot_thread_tree, plot_timeline)
from .pseudonyms import pseudonymize
from .readable import readable_table, time_zone_note
from .report import ReportError, read_source, run_report
from .review import apply_review, parent_agreement, resolution_scores, review_table
from .style import report_style, style_path
from .summary import summary
from .tables import read_table
from .threads import comment_threads, threads

__version__ = "0.1.0"

__all__ = [
    # read
    "Discussion", "ReadError", "read_page", "read_pages", "read_table", "read_source", "sample_corpus", "read_corpus",
    "account_lines", "account_rows", "check_accounting", "AccountingError",
    # references
    "link_comments", "ResolverOptions", "review_table", "apply_review", "resolution_scores", "parent_agreement",
    # graphs and metrics
    "reply_graph", "author_graph", "reply_edges", "PLACEHOLDER_AUTHORS", "threads", "comment_threads",
    "authors", "reply_pairs", "summary",
    # figures, exports, privacy, report
    "plot_timeline", "plot_arcs", "plot_thread_tree", "plot_author_network", "plot_latency",
    "plot_article_distributions", "plot_declared_vs_parsed", "plot_comments_per_author", "plot_thread_sizes",
    "readable_table", "time_zone_note",
    "save_figure", "figure_alt_text", "report_style", "style_path", "pseudonymize",
    # exploration
    "explore", "explorer_html", "write_explorer",
    "write_gexf", "write_graphml", "write_gephi_csv", "export_tables",
    "ReportError", "run_report", "__version__",
    # interop: ConvoKit corpora
    "write_convokit", "read_convokit",
]
