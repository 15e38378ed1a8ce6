"""The report style: one .mplstyle for fonts, sizes and colours, and the Okabe-Ito palette."""

from __future__ import annotations

import contextlib
from importlib import resources
from pathlib import Path

#: Okabe & Ito (2008) colours, distinguishable with the common colour-vision deficiencies.
OKABE_ITO = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "black": "#000000",
    "yellow": "#F0E442",
}
#: the cycle the plots use, in order (yellow last: weak on white paper)
PALETTE = list(OKABE_ITO.values())
#: colour for things that are context, not data (singletons, baselines)
GREY = "#999999"


def style_path() -> Path:
    """The shipped ``report.mplstyle`` file.

    >>> cg.style_path().name
    'report.mplstyle'
    """
    return Path(str(resources.files("commentgraph") / "report.mplstyle"))


@contextlib.contextmanager
def report_style():
    """Context manager: matplotlib settings for report figures; rcParams are restored on exit.

    300 dpi PNG, text kept as text in SVG and PDF, tight bounding box, Okabe-Ito colour cycle.

    >>> import matplotlib as mpl
    >>> with cg.report_style():
    ...     mpl.rcParams["svg.fonttype"], mpl.rcParams["savefig.dpi"]
    ('none', 300.0)
    """
    import matplotlib as mpl

    import matplotlib.style

    interactive = None
    try:
        with mpl.rc_context():  # layered over the current settings, all restored on exit ...
            matplotlib.style.use(str(style_path()))
            try:
                yield
            finally:
                interactive = mpl.rcParams["interactive"]
    finally:
        # ... except interactive mode: a backend activated inside the block (Jupyter's inline
        # backend, on the first figure) switches it on, and resetting it would stop every later
        # figure of the notebook from being shown
        if interactive is not None:
            mpl.rcParams["interactive"] = interactive
        # and figures shown inline carry their titles as alt text (the backend is running by now)
        from .figures import describe_inline_figures

        describe_inline_figures()


__all__ = ["OKABE_ITO", "PALETTE", "GREY", "style_path", "report_style"]
