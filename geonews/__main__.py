"""``python -m geonews``: the same as the ``geonews`` command."""

import sys

from geonews.cli import main

sys.exit(main())
