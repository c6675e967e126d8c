"""Allow ``python -m kg1571``."""

import sys

from kg1571.cli import main

sys.exit(main())
