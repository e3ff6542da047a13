"""termcheck: terminology and translation-quality checks for Chinese→English translations."""

__version__ = "0.1.0"
