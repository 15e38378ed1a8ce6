"""Save a figure for a report: PNG at 300 dpi, SVG and PDF with text kept as text."""

from __future__ import annotations

from pathlib import Path

FORMATS = ("png", "svg", "pdf")
#: settings applied to every save, whatever style is active
REPORT_RC = {"svg.fonttype": "none", "pdf.fonttype": 42, "ps.fonttype": 42, "svg.hashsalt": "commentgraph"}
#: metadata keys that would put the time of saving into the file (unset: files are reproducible)
_NO_DATE = {"png": {}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}


def save_figure(fig, path_stem, formats=("png", "svg", "pdf"), *, dpi: int = 300) -> list[Path]:
    """Write ``fig`` as ``<path_stem>.<format>`` for each format; return the paths written.

    Report defaults: ``dpi`` (300) for PNG, tight bounding box, SVG text as ``<text>``
    (``svg.fonttype: none``) and PDF fonts embedded as TrueType (``pdf.fonttype: 42``), so text stays
    selectable and searchable. ``fig`` may also be an Axes (its figure is saved). Folders are created.

    >>> import tempfile, matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> paths = cg.save_figure(fig, Path(tempfile.mkdtemp()) / "fig", formats=("png", "svg"))
    >>> [p.suffix for p in paths]
    ['.png', '.svg']
    """
    import matplotlib as mpl

    if not hasattr(fig, "savefig"):
        fig = getattr(fig, "figure", fig)
    if not hasattr(fig, "savefig"):
        raise TypeError(f"save_figure needs a matplotlib Figure or Axes, not {type(fig).__name__}")
    if isinstance(formats, str):
        formats = (formats,)
    formats = [f.lower().lstrip(".") for f in formats]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ValueError(f"formats must be some of {FORMATS}; got {unknown or 'none'}")
    stem = Path(path_stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    paths = []
    with mpl.rc_context(REPORT_RC):
        for fmt in formats:
            path = stem.with_name(f"{stem.name}.{fmt}")
            fig.savefig(path, format=fmt, dpi=dpi, bbox_inches="tight", pad_inches=0.05,
                        metadata=_NO_DATE[fmt])
            paths.append(path)
    return paths


def figure_alt_text(fig) -> str:
    """What ``fig`` shows, in words, for an image's alt text: its overall title and every Axes' title.

    An untitled Axes is described by its axis labels; a figure with neither says so.

    >>> import matplotlib.pyplot as plt
    >>> fig, (a, b) = plt.subplots(1, 2)
    >>> _ = fig.suptitle("Four articles"), a.set_title("Size"), b.set(xlabel="hours", ylabel="replies")
    >>> cg.figure_alt_text(fig)
    'Four articles. Size. replies against hours'
    """
    if not hasattr(fig, "axes"):
        fig = getattr(fig, "figure", fig)
    parts = []
    sup = getattr(fig, "_suptitle", None)
    if sup is not None and sup.get_text().strip():
        parts.append(sup.get_text())
    for ax in fig.axes:
        titles = [ax.get_title(loc) for loc in ("left", "center", "right") if ax.get_title(loc).strip()]
        if titles:
            parts.extend(titles)
        elif ax.get_xlabel().strip() and ax.get_ylabel().strip():
            parts.append(f"{ax.get_ylabel()} against {ax.get_xlabel()}")
    text = ". ".join(dict.fromkeys(" ".join(p.split()) for p in parts))
    return text or "A figure without a title"


#: marks a display formatter already wrapped by :func:`describe_inline_figures`
_DESCRIBED = "_commentgraph_alt_text"


def describe_inline_figures() -> bool:
    """In IPython, give every figure shown inline its :func:`figure_alt_text` as alt text; True when on.

    The text goes into the output's metadata (``{"image/png": {"alt": ...}}``), where the report's pages
    read it (:func:`commentgraph.report.render_html`). :func:`report_style` turns this on, after the figure
    is drawn, since the inline backend resets the formatters when it starts; outside IPython it does nothing.
    """
    import sys

    if "IPython" not in sys.modules:
        return False
    from IPython import get_ipython

    ip = get_ipython()
    if ip is None or not hasattr(ip, "display_formatter"):
        return False
    from matplotlib.figure import Figure

    for mime in ("image/png", "image/svg+xml", "image/jpeg"):
        formatter = ip.display_formatter.formatters.get(mime)
        try:
            show = formatter.lookup_by_type(Figure) if formatter is not None else None
        except KeyError:
            show = None
        if show is None or getattr(show, _DESCRIBED, False):
            continue

        def described(fig, _show=show):
            got = _show(fig)
            if got is None:
                return None
            data, metadata = got if isinstance(got, tuple) else (got, None)
            return data, {**(metadata or {}), "alt": figure_alt_text(fig)}

        setattr(described, _DESCRIBED, True)
        formatter.for_type(Figure, described)
    return True


__all__ = ["save_figure", "figure_alt_text", "describe_inline_figures", "FORMATS"]
