"""Glossaries: terminology data loaded from TSV files in `glossaries/`."""
from termcheck.glossary.loader import load_glossaries, load_glossary_file
from termcheck.glossary.model import Entry, Glossary, GlossaryFile
from termcheck.glossary.names import load_proper_names

__all__ = ["Entry", "Glossary", "GlossaryFile", "load_glossaries", "load_glossary_file", "load_proper_names"]
