"""Readers: turn files into Documents whose offsets point into the decoded original text."""
from termcheck.documents.model import Document
from termcheck.documents.loading import SUPPORTED_SUFFIXES, collect_paths, read_document, read_stdin

__all__ = ["Document", "SUPPORTED_SUFFIXES", "collect_paths", "read_document", "read_stdin"]
