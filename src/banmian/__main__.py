"""``python -m banmian``: the same as the ``banmian`` command."""

import sys

from .cli import main

sys.exit(main())
