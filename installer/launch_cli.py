"""Entry point of the frozen `btxh` (console) executable."""

import sys

from btxh_desktop.cli import main

sys.exit(main())
