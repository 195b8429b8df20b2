"""`python -m bot`: the one command behind `make run`."""

import sys

from bot.ops.supervisor import main

sys.exit(main())
