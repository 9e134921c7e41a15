import sys

from btxh_desktop.cli import main

sys.exit(main())
