"""`python -m bot` runs the app, like `chefsnatverket serve`."""

from bot.cli import serve

raise SystemExit(serve())
