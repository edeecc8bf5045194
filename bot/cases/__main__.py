"""`python -m bot.cases ...`: the case-data admin command line."""
import sys

from bot.cases.cli import main

sys.exit(main())
