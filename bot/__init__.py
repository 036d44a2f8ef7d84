"""The Discord runtime: settings, the bot class, the scheduler clock, logging and the CLI."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("legday")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
