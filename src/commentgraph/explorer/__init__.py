"""Explore a Discussion thread by thread, with the evidence for each reply edge: a widget and an HTML page.

``explore(d)`` is the JupyterLab widget (anywidget); ``write_explorer(d, path)`` writes the same
explorer as one self-contained HTML page (whole articles up to ``max_comments``, default
:data:`MAX_COMMENTS`, most-discussed first; the page says what it left out). Both run the code in ``static/``.
"""

from .data import explorer_data
from .page import MAX_COMMENTS, choose_articles, explorer_html, write_explorer
from .reviews import load_reviews, review_rows, reviews_path, save_reviews


def explore(d, *, reviews="auto"):
    """A JupyterLab widget to read ``d`` thread by thread, with each reference's evidence, and review it.

    Pick an article, sort or filter its threads (by author, words, ``#12``), read a thread as an
    indented tree (oldest or newest first); every reference is highlighted with its resolution,
    rule, reason and confidence, and a click jumps to the comment it answers. Mark a reference
    right or wrong, or give its correct target: the reviews are saved at once to ``reviews``
    (by default ``<source>.reviews.csv`` beside the data, see :func:`reviews_path`; ``None`` keeps them in memory),
    and come back when the explorer is opened again. ``.reviewed()`` gives them in
    ``cg.review_table`` format for ``cg.apply_review`` and ``cg.resolution_scores``.

    >>> w = cg.explore(cg.read_page("01.03.2019 10:00 Anna 1\\n\\nHallo\\n\\n01.03.2019 11:00 Ben 2\\n\\n@1 Anna: ja"))
    >>> anna, ben = w.article_data["c"]["id"]
    >>> w.jump(ben, 0) == w.selected == anna     # a click on '@1 Anna' in Ben's comment
    True
    """
    from .widget import explore as _explore

    return _explore(d, reviews=reviews)


__all__ = ["explore", "explorer_data", "explorer_html", "write_explorer", "choose_articles", "MAX_COMMENTS",
           "review_rows", "reviews_path", "load_reviews", "save_reviews"]
