import sys

from btxh_server.cli import main

sys.exit(main())
