"""Is this text Chinese? One answer for the readers, the matchers and the checks (a leaf module: it imports
nothing of termcheck, so any layer may use it)."""
from __future__ import annotations

import re

HAN_SHARE_FOR_CHINESE = 0.3  # a text at least this share Han (of its letters) is Chinese
# CJK radicals to CJK unified ideographs, compatibility ideographs, and the supplementary planes' ideographs.
_NOT_HAN = re.compile("[^\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0010ffff]+")


def is_chinese(text: str) -> bool:
    """Whether at least HAN_SHARE_FOR_CHINESE of the text's letters are Han characters."""
    # Counted in C (map, sum, sub): a loop over the characters in Python was most of TC305's time.
    letters = sum(map(str.isalpha, text))
    if not letters:
        return False
    han = sum(map(str.isalpha, _NOT_HAN.sub("", text)))
    return han / letters >= HAN_SHARE_FOR_CHINESE
