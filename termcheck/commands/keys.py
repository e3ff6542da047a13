"""Reading one key press from a terminal, without Enter (`termcheck review`).

The terminal is put in cbreak mode for the one read and restored right after, so line prompts (an edited
wording, a note) read as usual, and Ctrl-C still interrupts. Standard input that is no terminal (a pipe, a
file) or a platform without termios gets None: the caller reads whole lines instead.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable

_IGNORED = ("\r", "\n", " ", "\t")  # an Enter typed out of habit after a key
_END_OF_INPUT = "\x04"  # Ctrl-D


def single_key_reader() -> Callable[[], str] | None:
    try:
        if sys.stdin is None or not sys.stdin.isatty():
            return None
    except ValueError:  # standard input closed: the review's first read says so, as before
        return None
    try:
        import termios
        import tty
    except ImportError:  # pragma: no cover - Windows
        return None
    fd = sys.stdin.fileno()

    def read_key() -> str:
        saved = termios.tcgetattr(fd)
        try:
            tty.setcbreak(fd)
            while True:
                pressed = os.read(fd, 16).decode("utf-8", errors="replace")
                if not pressed or pressed.startswith(_END_OF_INPUT):
                    raise EOFError
                key = pressed.lstrip("".join(_IGNORED))[:1]
                if key:
                    return key  # what came with it in the same read (an Enter) is dropped
        finally:
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)

    return read_key
