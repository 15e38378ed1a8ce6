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


__all__ = ["save_figure", "FORMATS"]
