"""The Document: a decoded text plus the view of it that checks may read."""
from __future__ import annotations

from dataclasses import dataclass

# Non-prose characters (code, URLs, markup) are replaced by MASK in `prose`. NUL never occurs in a
# decoded document (files with NUL bytes are rejected as binary), so MASK cannot be confused with text.
MASK = "\x00"


@dataclass
class Document:
    """A document to lint.

    `text` is the decoded file (BOM removed); every finding's offsets index into it. `prose` has the same
    length, with everything that is not prose replaced by MASK (newlines are kept), so checks read `prose`
    and report offsets that are valid in `text` without any mapping.
    """

    path: str
    text: str
    prose: str
    encoding: str = "utf-8"
    bom: bool = False
    markdown: bool = False
    digest: str | None = None  # sha256 of the bytes read, so --fix can tell if the file changed since

    @classmethod
    def plain(cls, path: str, text: str, encoding: str = "utf-8", bom: bool = False) -> "Document":
        return cls(path=path, text=text, prose=text, encoding=encoding, bom=bom)
