"""The resolver's options: the one place their defaults live."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

TIES = ("latest", "earliest", "unresolved")
CONFLICTS = ("unresolved", "number", "author")


@dataclass(frozen=True)
class ResolverOptions:
    """How references are found and resolved; each option belongs in a study's methods section.

    fuzzy_threshold
        rapidfuzz ``ratio`` (0-100) a written name must reach against a known author (or the
        first word of a multi-word name) when no exact or prefix match exists; None switches
        fuzzy matching off.
    author_only
        whether a reference that names an author but gives no number may resolve.
    tie
        which of several earlier comments by the named author: ``"latest"`` before the reply,
        ``"earliest"``, or ``"unresolved"`` (leave it open).
    same_thread
        where the source has explicit parent ids, prefer the author's comments in the reply's own
        thread.
    conflict
        number and name point at different comments: ``"unresolved"`` (no edge to either, the
        reason names both), ``"number"`` or ``"author"`` (trust that one).
    prefix_min
        shortest written name (normalised characters) that may match as the prefix of a known
        author (``@Miss M`` -> ``Miss Moppet``, ``@argyle`` -> ``argyle5663``).
    max_name_words
        most words an unknown name may have (``@Ralf Meier``).
    lowercase_handles
        count an unknown lowercase handle directly after ``@`` (``@jihymas1``) as a reference.
    quotes
        among several earlier comments of the named author, take the one the reply quotes
        verbatim (20+ characters in quotes or after ``>``) before applying ``same_thread``/``tie``.
    page_order
        on a page (comments with a ``line``) and with ``tie="latest"``: of several earlier comments of the
        named author, take the nearest one printed above the reply (pages that print replies under the
        comment they answer); where none is above, the latest.
    address
        a known author's name (or its first word, or initials) opening a comment and followed by
        ``:`` or ``,`` (``Chris K: ...``, ``Detalumis, your comment ...``) is a reference, rule ``address``.
    infer_renamed
        an ``@``-name that is no author of the article (a user renamed since), in a reply whose thread has
        exactly one earlier participant besides the replier, resolves to that participant
        (``resolution="inferred"``). Off by default: on the real data at hand no such reference occurs, so
        its precision is unmeasured.

    >>> ResolverOptions().tie, ResolverOptions(tie="earliest").as_dict()["tie"]
    ('latest', 'earliest')
    >>> ResolverOptions(tie="first")
    Traceback (most recent call last):
    ...
    ValueError: tie must be 'latest', 'earliest' or 'unresolved', not 'first'
    """

    fuzzy_threshold: float | None = 85.0
    author_only: bool = True
    tie: str = "latest"
    same_thread: bool = True
    conflict: str = "unresolved"
    prefix_min: int = 4
    max_name_words: int = 3
    lowercase_handles: bool = False
    quotes: bool = True
    page_order: bool = True
    address: bool = True
    infer_renamed: bool = False

    def __post_init__(self):
        if self.tie not in TIES:
            raise ValueError(f"tie must be 'latest', 'earliest' or 'unresolved', not {self.tie!r}")
        if self.conflict not in CONFLICTS:
            raise ValueError(f"conflict must be 'unresolved', 'number' or 'author', not {self.conflict!r}")
        if self.fuzzy_threshold is not None and not 0 <= self.fuzzy_threshold <= 100:
            raise ValueError(f"fuzzy_threshold must be between 0 and 100 or None, not {self.fuzzy_threshold!r}")
        for name in ("prefix_min", "max_name_words"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a whole number of at least 1, not {value!r}")

    @classmethod
    def of(cls, options: ResolverOptions | dict | None = None, **overrides) -> ResolverOptions:
        """Options from a dict (a reader's ``resolver=``), naming any unknown key.

        >>> ResolverOptions.of({"tie": "earliest"}).tie
        'earliest'
        >>> ResolverOptions.of({"ties": "earliest"})  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        ValueError: unknown resolver option 'ties'; choose from address, author_only, conflict, ...
        """
        given = dict(options.as_dict() if isinstance(options, ResolverOptions) else options or {}) | overrides
        known = {f.name for f in dataclasses.fields(cls)}
        for key in given:
            if key not in known:
                raise ValueError(f"unknown resolver option {key!r}; choose from {', '.join(sorted(known))}")
        return cls(**given)

    def as_dict(self) -> dict:
        """Every option and its value: what ``d.settings`` and a report's manifest record."""
        return dataclasses.asdict(self)


DEFAULTS = ResolverOptions().as_dict()
