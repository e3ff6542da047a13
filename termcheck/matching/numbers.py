"""Numbers in a Chinese source and in its English translation, as values that can be compared.

Only numbers that are quantities are read from the Chinese: Arabic digits (with 万/亿 and %), Chinese
numerals followed by 万 or 亿, percentages written 百分之…, ordinals written 第… and Party congresses
written 十九大/二十大. Numerals inside words and idioms (一带一路, 两个维护, 三会一课) are not quantities.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_MAGNITUDES = {"万": 10**4, "亿": 10**8, "万亿": 10**12}
_CN = "零〇一二两三四五六七八九十百千"

ARABIC = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(万亿|亿|万)?\s*(%|％)?")
CHINESE_MAGNITUDE = re.compile(rf"([{_CN}]+(?:点[{_CN}]+)?)(万亿|亿|万)")
CHINESE_PERCENT = re.compile(rf"百分之([{_CN}]+(?:点[{_CN}]+)?)")
CHINESE_ORDINAL = re.compile(rf"第([{_CN}]+)")
CONGRESS = re.compile(r"([一二三四五六七八九]?十[一二三四五六七八九]?)(?=大|届)")

_ENGLISH_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "hundredth": 100,
}
_SCALE_WORDS = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
ENGLISH_NUMBER = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:st|nd|rd|th)?(?:\s*-?\s*(thousand|million|billion|trillion))?"
    r"|\b(" + "|".join(sorted(_ENGLISH_WORDS, key=len, reverse=True)) + r")(?:[\s-]+(" + "|".join(
        [w for w in _ENGLISH_WORDS if _ENGLISH_WORDS[w] < 10]) + r"))?\b(?:\s+(thousand|million|billion|trillion))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Number:
    text: str
    value: float


def chinese_numbers(source: str) -> list[Number]:
    found: list[Number] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match[str], value: float | None) -> None:
        if value is not None and not any(s < match.end() and match.start() < e for s, e in taken):
            found.append(Number(match.group(), value))
            taken.append(match.span())

    for m in CHINESE_PERCENT.finditer(source):
        add(m, _chinese_value(m.group(1)))
    for m in ARABIC.finditer(source):
        value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
        add(m, value * _MAGNITUDES.get(m.group(3) or "", 1))
    for m in CHINESE_MAGNITUDE.finditer(source):
        base = _chinese_value(m.group(1))
        add(m, None if base is None else base * _MAGNITUDES[m.group(2)])
    for m in CHINESE_ORDINAL.finditer(source):
        add(m, _chinese_value(m.group(1)))
    for m in CONGRESS.finditer(source):
        add(m, _chinese_value(m.group(1)))
    return found


def english_values(target: str) -> set[float]:
    values: set[float] = set()
    for m in ENGLISH_NUMBER.finditer(target):
        if m.group(1):
            value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
            scale = m.group(3)
        else:
            value = _ENGLISH_WORDS[m.group(4).lower()] + (_ENGLISH_WORDS[m.group(5).lower()] if m.group(5) else 0)
            scale = m.group(6)
        values.add(value)
        if scale:
            values.add(value * _SCALE_WORDS[scale.lower()])
    return values


def same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1)


def _chinese_value(numeral: str) -> float | None:
    """Value of a Chinese numeral up to the thousands, with an optional decimal part (三点五)."""
    whole, _, fraction = numeral.partition("点")
    value = _integer(whole)
    if value is None:
        return None
    if fraction:
        digits = "".join(str(_DIGITS[c]) for c in fraction if c in _DIGITS)
        if len(digits) != len(fraction):
            return None
        return float(f"{value}.{digits}")
    return float(value)


def _integer(numeral: str) -> int | None:
    if not numeral:
        return None
    if all(c in _DIGITS for c in numeral) and len(numeral) > 1:
        return int("".join(str(_DIGITS[c]) for c in numeral))  # 二〇二二 -> 2022
    total, current = 0, 0
    for char in numeral:
        if char in _DIGITS:
            current = _DIGITS[char]
        elif char in _UNITS:
            total += (current or 1) * _UNITS[char]
            current = 0
        else:
            return None
    return total + current
