"""How files are named in what termcheck writes (baselines, decisions, reports): relative to a base folder,
with forward slashes, so that the file means the same on every machine and in every checkout."""
from __future__ import annotations

import os
from pathlib import Path


def relative_posix(path: str | Path, base: str | Path) -> str:
    """`path` relative to `base`, with "/" separators; absolute where it cannot be (another drive on Windows)."""
    resolved = Path(path).resolve()
    try:
        return Path(os.path.relpath(resolved, base)).as_posix()
    except ValueError:
        return resolved.as_posix()
