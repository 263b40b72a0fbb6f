"""Kurator («Куратор»): support of schools with low educational results (ШНОР/ШНСУ)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kurator")
except PackageNotFoundError:  # running from a source tree or a frozen bundle without metadata
    __version__ = "0.1.0"
