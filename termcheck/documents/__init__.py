"""Readers: turn files into Documents whose offsets point into the decoded original text."""
from termcheck.documents.loading import SUPPORTED_SUFFIXES, collect_paths, read_document, read_stdin
from termcheck.documents.model import Document

__all__ = ["SUPPORTED_SUFFIXES", "Document", "collect_paths", "read_document", "read_stdin"]
