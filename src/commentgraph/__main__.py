"""``python -m commentgraph``: the same as the ``commentgraph`` command."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
