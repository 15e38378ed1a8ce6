"""Figures for reports: each ``plot_*`` takes a Discussion, draws on one Axes (a new one when ``ax`` is
None) and returns it. matplotlib is imported only when a plot is drawn."""

from .arcs import plot_arcs
from .counts import plot_comments_per_author, plot_declared_vs_parsed, plot_thread_sizes
from .latency import plot_article_distributions, plot_latency
from .network import plot_author_network
from .timeline import plot_timeline
from .trees import plot_thread_tree

__all__ = ["plot_timeline", "plot_arcs", "plot_thread_tree", "plot_author_network", "plot_latency",
           "plot_article_distributions", "plot_declared_vs_parsed", "plot_comments_per_author", "plot_thread_sizes"]
