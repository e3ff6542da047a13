"""Numbers in a Chinese source and in its English translation, as values that can be compared.

The Chinese side is read as a list of `Number`s: quantities (Arabic digits with 万/亿 and %, Chinese
numerals before a measure word or 万/亿, 百分之…, ordinals 第…, congresses 十九大/二十大, plenums 四中全会,
Five-Year Plans 十四五), approximations (9000多万, 近3000, 约5%, 50左右: an interval of values, not one),
ranges (3至5万: both ends), and dates (2月11日, 3月, 25日, 2020年, 98年, 上世纪90年代, 星期一). Bare Chinese
numerals are mostly words and idioms (一线, 百姓, 一带一路, 千万不要), so a numeral with no measure word, a
bare 一, a vague numeral (几十, 数百) and the fixed words listed in data are not read: when unsure, say
nothing.

The English side is read liberally, so that a correct rendering is never missed: digits anywhere (also in
G20 or 1990s), with commas and scales ("1.2 billion", "90 million", "ten thousand", "hundred million",
"1.4bn"), number words ("three thousand five hundred", "twenty-first", "a dozen", "both", "half"), month
and weekday names ("Feb. 11", "11 February"), decades ("the 1990s", "the '90s", "the nineties").

The language data (English number words, months, weekdays, Chinese measure words, approximation words,
words to skip) is in termcheck/data/numbers-zh-en.tsv.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from termcheck.resources import DATA

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_MAGNITUDES = {"万亿": 10**12, "千万": 10**7, "百万": 10**6, "亿": 10**8, "万": 10**4}
_CN = "零〇一二两三四五六七八九十百千"
_CN_WEEKDAYS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7}
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_TOKEN = re.compile(rf"(?P<ar>\d+(?:,\d{{3}})*(?:\.\d+)?)|(?P<cn>[{_CN}]+)")
_CN_DECIMAL = re.compile(r"点([零〇一二三四五六七八九]+)")
_MAGNITUDE = re.compile("万亿|千万|百万|亿|万")
_DECADE_PREFIX = re.compile(r"(?:上个?世纪|20世纪|二十世纪)$")
_DECADE_AFTER = re.compile(rf"(?:\d+|[{_CN}]+)年代")
_WEEKDAY = re.compile(r"(?<![一二两三四五六七八九十每几数])(?:星期|礼拜|周)([一二三四五六日天])(?![次遍个周年])")
_FIVE_YEAR_PLAN = re.compile(r"(十[一二三四五六七八九])五(?=规划|时期|期间|”|\"|’|』|」)")

# Kinds of Number; the label names it in a message.
NUMBER, ORDINAL, PERCENT, YEAR, MONTH, DAY, DATE, DECADE, WEEKDAY = (
    "number", "ordinal", "percent", "year", "month", "day", "date", "decade", "weekday")


@dataclass(frozen=True)
class _Tables:
    en_cardinal: dict[str, float]
    en_ordinal: dict[str, float]
    en_scale: dict[str, float]
    en_word: dict[str, float]
    en_month: dict[str, int]
    en_weekday: dict[str, int]
    en_decade: dict[str, int]
    en_relative_day: tuple[str, ...]
    en_relative_year: tuple[str, ...]
    zh_classifiers: tuple[str, ...]  # longest first
    zh_approx_before: dict[str, str]
    zh_approx_after: dict[str, str]
    zh_vague: frozenset[str]
    zh_range: frozenset[str]
    zh_skip: tuple[str, ...]


@lru_cache(maxsize=1)
def tables() -> _Tables:
    rows: dict[str, list[tuple[str, str]]] = {}
    for line in (DATA / "numbers-zh-en.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, word, value = line.split("\t")
            rows.setdefault(kind, []).append((word, value))

    def numeric(kind: str, lower: bool = True) -> dict[str, float]:
        return {(w.lower() if lower else w): float(v) for w, v in rows.get(kind, [])}

    def words(kind: str) -> list[str]:
        return [w for w, _ in rows.get(kind, [])]

    return _Tables(
        en_cardinal=numeric("en-cardinal"),
        en_ordinal=numeric("en-ordinal"),
        en_scale=numeric("en-scale"),
        en_word=numeric("en-word"),
        en_month={w: int(v) for w, v in numeric("en-month", lower=False).items()},
        en_weekday={w: int(v) for w, v in numeric("en-weekday", lower=False).items()},
        en_decade={w: int(v) for w, v in numeric("en-decade").items()},
        en_relative_day=tuple(words("en-relative-day")),
        en_relative_year=tuple(words("en-relative-year")),
        zh_classifiers=tuple(sorted(words("zh-classifier"), key=len, reverse=True)),
        zh_approx_before={w: v for w, v in rows.get("zh-approx-before", [])},
        zh_approx_after={w: v for w, v in rows.get("zh-approx-after", [])},
        zh_vague=frozenset(words("zh-vague")),
        zh_range=frozenset(words("zh-range")),
        zh_skip=tuple(words("zh-skip")),
    )


@dataclass(frozen=True)
class Number:
    """A quantity or date read from the source. `value` is the number itself (for a date, its day, or its
    month when it has no day); `low`..`high` is the interval an approximation admits; `alternatives` are
    other exact values that render it (98年: 98, 1998, 2098)."""

    text: str
    value: float
    kind: str = NUMBER
    start: int = 0
    low: float | None = None
    high: float | None = None
    alternatives: tuple[float, ...] = ()
    month: int = 0
    day: int = 0
    approx: str = ""  # "", "more", "nearly" or "about"
    rank: int = field(default=2, compare=False)  # sort key kept from the reader's first version

    @property
    def label(self) -> str:
        return self.kind if self.kind in (DATE, MONTH, DAY, YEAR, DECADE, WEEKDAY) else "number"

    def describe(self) -> str:
        """The value in English words, for a message: "February 11", "more than 90,000,000"."""
        if self.kind == DATE:
            return f"{_MONTH_NAMES[self.month - 1]} {self.day}"
        if self.kind == MONTH:
            return _MONTH_NAMES[self.month - 1]
        if self.kind == DAY:
            return f"day {self.day} of the month"
        if self.kind == WEEKDAY:
            return _WEEKDAY_NAMES[int(self.value) - 1]
        if self.kind == DECADE:
            return f"the {int(self.value)}s" if self.value >= 100 else f"the '{int(self.value):02d}s"
        text = f"{self.value:,.10g}"
        if self.kind == PERCENT:
            text += "%"
        elif self.kind == ORDINAL:
            text = _ordinal(int(self.value)) if self.value == int(self.value) else text
        return {"more": "more than ", "nearly": "nearly ", "about": "about "}.get(self.approx, "") + text


# --- the Chinese side -----------------------------------------------------------------------------------

@dataclass
class _Raw:
    """A numeral token of the source with what surrounds it, before it becomes a Number."""

    start: int
    end: int  # end of the whole quantity (unit and trailing approximation included)
    token_end: int
    arabic: bool
    numeral: str
    value: float | None = None
    decimals: int = 0
    magnitude: int = 1
    unit: str = ""  # "%", "年代", "个月", "月", "日", "号", "世纪", "大", "中全会", "年", a measure word, or ""
    approx: str = ""
    prefix: str = ""  # "第", "百分之" or ""
    prefix_start: int = 0
    skipped: bool = False


def chinese_numbers(source: str) -> list[Number]:
    """The quantities and dates of a Chinese text, percentages first, then Arabic, Chinese, ordinals and
    congresses (each in text order); `Number.start` gives the text order."""
    t = tables()
    blocked = _blocked_spans(source, t)
    found: list[Number] = []

    for m in _WEEKDAY.finditer(source):
        found.append(Number(m.group(), _CN_WEEKDAYS[m.group(1)], WEEKDAY, m.start()))
        blocked.append(m.span())
    for m in _FIVE_YEAR_PLAN.finditer(source):
        value = chinese_integer(m.group(1))
        if value is not None:
            found.append(Number(m.group(), value, ORDINAL, m.start(), rank=4))
            blocked.append(m.span())

    raws: list[_Raw] = []
    for m in _TOKEN.finditer(source):
        if (raws and m.start() < raws[-1].end) or any(s < m.end() and m.start() < e for s, e in blocked):
            continue
        raws.append(_read(source, m, t))
    _share_range_suffixes(source, raws, t)
    found.extend(_numbers(source, [r for r in raws if not r.skipped and r.value is not None]))
    return sorted(found, key=lambda n: (n.rank, n.start))


def _blocked_spans(source: str, t: _Tables) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for phrase in t.zh_skip:
        start = source.find(phrase)
        while start >= 0:
            spans.append((start, start + len(phrase)))
            start = source.find(phrase, start + 1)
    return spans


def _read(source: str, m: re.Match[str], t: _Tables) -> _Raw:
    raw = _Raw(m.start(), m.end(), m.end(), arabic=m.group("ar") is not None, numeral=m.group())
    raw.prefix_start = m.start()
    before = source[:m.start()]
    if before.endswith("百分之"):
        raw.prefix, raw.prefix_start = "百分之", m.start() - 3
    elif before.endswith("第"):
        raw.prefix, raw.prefix_start = "第", m.start() - 1
    for word, mode in t.zh_approx_before.items():
        if before[:len(before) - len(raw.prefix)].endswith(word):
            raw.approx = mode
            raw.prefix_start -= len(word)
            break
    if not raw.arabic and (before[-1:] in t.zh_vague or source[m.end():m.end() + 1] in t.zh_vague):
        raw.skipped = True  # 几十, 十几, 数百: vague
        return raw

    pos = m.end()
    if raw.arabic:
        raw.value = float(raw.numeral.replace(",", ""))
        raw.decimals = len(raw.numeral.partition(".")[2])
    else:
        decimal = _CN_DECIMAL.match(source, pos)
        year = source.startswith("年", pos) and not source.startswith("年代", pos)
        whole = chinese_integer(raw.numeral, digit_string=year)
        if whole is not None:
            raw.value = float(whole)
            if decimal:
                raw.value = float(f"{whole}.{''.join(str(_DIGITS[c]) for c in decimal.group(1))}")
                raw.decimals = len(decimal.group(1))
                pos = decimal.end()

    approx, pos = _approx_after(source, pos, t, ("多", "余", "来"))
    raw.approx = approx or raw.approx
    magnitude = _MAGNITUDE.match(source, pos)
    if magnitude and not (raw.arabic is False and magnitude.group() in ("千万", "百万")):
        raw.magnitude = _MAGNITUDES[magnitude.group()]
        pos = magnitude.end()
        if not raw.arabic and raw.value is not None and not raw.decimals and not raw.approx:
            pos = _compound(source, pos, raw)
        approx, pos = _approx_after(source, pos, t, ("多", "余"))
        raw.approx = approx or raw.approx
    raw.unit, pos = _unit(source, pos, raw, t)
    approx, pos = _approx_after(source, pos, t, ("左右", "上下", "以上", "多", "余"))
    raw.approx = approx or raw.approx
    raw.end = pos
    if raw.decimals and not (raw.arabic or raw.magnitude > 1 or raw.prefix == "百分之"):
        raw.value = None  # 三点 is three o'clock or three points, not a decimal
    return raw


_CN_RUN = re.compile(rf"[{_CN}]+")


def _compound(source: str, pos: int, raw: _Raw) -> int:
    """三亿五千万, 三千五百万六千, 三万零五百: the groups after a 亿 or 万 join the number."""
    assert raw.value is not None
    total, magnitude = raw.value * raw.magnitude, raw.magnitude
    while True:
        group = _CN_RUN.match(source, pos)
        if not group:
            break
        value = chinese_integer(group.group().lstrip("零〇"))
        if value is None:
            break
        following = _MAGNITUDE.match(source, group.end())
        if following and following.group() in _MAGNITUDES and _MAGNITUDES[following.group()] < magnitude:
            magnitude = _MAGNITUDES[following.group()]
            total += value * magnitude
            pos = following.end()
            continue
        if following:
            break
        total, magnitude, pos = total + value, 1, group.end()
        break
    raw.value, raw.magnitude = total / magnitude, magnitude
    raw.numeral = source[raw.start:pos]
    return pos


def _approx_after(source: str, pos: int, t: _Tables, words: Iterable[str]) -> tuple[str, int]:
    for word in words:
        if source.startswith(word, pos) and word in t.zh_approx_after:
            if word == "多" and source.startswith("多元化", pos):
                continue  # 多元化: diversified
            return t.zh_approx_after[word], pos + len(word)
    return "", pos


def _unit(source: str, pos: int, raw: _Raw, t: _Tables) -> tuple[str, int]:
    for unit in ("%", "％", "年代", "个月", "中全会", "世纪", "周年"):
        if source.startswith(unit, pos):
            return unit, pos + len(unit)
    if raw.magnitude == 1 and not raw.approx:
        for unit in ("月", "日", "号"):
            if source.startswith(unit, pos):
                return unit, pos + 1
        if source.startswith(("大", "届"), pos) and "十" in raw.numeral and not raw.arabic:
            return "大", pos + 1
    for unit in t.zh_classifiers:
        if source.startswith(unit, pos):
            return unit, pos + len(unit)
    return "", pos


def _share_range_suffixes(source: str, raws: list[_Raw], t: _Tables) -> None:
    """3至5万, 1至3月, 10%-20%: the first end of a range takes the unit and magnitude of the second."""
    for first, second in pairwise(raws):
        gap = source[first.end:second.start]
        if gap not in t.zh_range or first.arabic != second.arabic or first.unit or first.magnitude > 1:
            continue
        if second.skipped or second.value is None or first.value is None:
            continue
        first.unit, first.magnitude = second.unit, second.magnitude
        first.prefix = first.prefix or second.prefix
        if second.unit in ("大",):
            first.unit = ""


def _numbers(source: str, raws: list[_Raw]) -> list[Number]:
    out: list[Number] = []
    previous_date: Number | None = None
    for index, raw in enumerate(raws):
        assert raw.value is not None
        value = raw.value * raw.magnitude
        text = source[raw.prefix_start:raw.end]
        rank = 0 if raw.prefix == "百分之" else 1 if raw.arabic else 3 if raw.prefix == "第" else 2
        single = not raw.arabic and raw.numeral in _DIGITS
        unit = raw.unit
        if raw.prefix == "百分之" or unit in ("%", "％"):
            out.append(_approximate(Number(text, value, PERCENT, raw.prefix_start, rank=rank), raw))
            continue
        if unit == "世纪" and _DECADE_AFTER.match(source, raw.end):
            continue  # 20世纪90年代: the decade says it ("the 1990s")
        if raw.prefix == "第" or unit in ("世纪", "中全会"):
            out.append(Number(text, value, ORDINAL, raw.prefix_start, rank=rank))
            continue
        if unit == "大":
            out.append(Number(text, value, ORDINAL, raw.prefix_start, rank=4))
            continue
        if unit == "年代" and raw.magnitude == 1 and value == int(value) and int(value) % 10 == 0:
            decade_prefix = _DECADE_PREFIX.search(source, 0, raw.start)
            start = decade_prefix.start() if decade_prefix else raw.start
            decade = int(value) if value >= 100 else (1900 + int(value) if decade_prefix else int(value))
            out.append(Number(source[start:raw.end], decade, DECADE, start, rank=rank))
            continue
        if unit == "月" and raw.magnitude == 1 and 1 <= value <= 12 and value == int(value) and not raw.decimals:
            month = Number(text, value, MONTH, raw.prefix_start, month=int(value), rank=rank)
            following = raws[index + 1] if index + 1 < len(raws) else None
            if following and following.start == raw.end and following.unit in ("日", "号"):
                following.unit = "day-of:" + str(int(value))  # read with the month, below
            out.append(month)
            previous_date = month
            continue
        if unit.startswith("day-of:") or unit in ("日", "号"):
            month_number = int(unit.partition(":")[2] or 0)
            if not month_number and previous_date is not None and _is_range_gap(source, previous_date, raw):
                month_number = previous_date.month
            if not (1 <= value <= 31 and value == int(value)):
                continue
            if month_number:
                if out and out[-1].kind == MONTH and out[-1].start + len(out[-1].text) == raw.start:
                    month = out.pop()
                    text, start = month.text + source[raw.start:raw.end], month.start
                else:
                    start = raw.prefix_start
                date = Number(text, value, DATE, start, month=month_number, day=int(value), rank=rank)
                out.append(date)
                previous_date = date
            elif unit == "日" and not single:
                out.append(Number(text, value, DAY, raw.prefix_start, day=int(value), rank=rank))
            elif unit == "号" and raw.arabic:
                out.append(Number(text, value, NUMBER, raw.prefix_start, rank=rank))  # 1号文件: No. 1
            continue
        if unit == "年" and raw.magnitude == 1 and not raw.approx:
            if value >= 1000 or (not raw.arabic and len(raw.numeral) == 4 and all(c in _DIGITS for c in raw.numeral)):
                out.append(Number(text, value, YEAR, raw.prefix_start, rank=rank))
                continue
            if single and raw.numeral == "一":
                continue
            if 10 <= value < 100 and value == int(value):
                alternatives = (1900 + value, 2000 + value)
                out.append(Number(text, value, YEAR, raw.prefix_start, alternatives=alternatives, rank=rank))
                continue
        if not raw.arabic:
            # A Chinese numeral is a quantity only with a measure word or 万/亿 after it, and never a bare 一.
            if not unit and raw.magnitude == 1:
                continue
            if raw.numeral == "一" and raw.magnitude == 1:
                continue
            if raw.magnitude == 1 and value <= 10 and _counts_a_list(source, raw.prefix_start):
                continue  # 防疫、防汛两场硬仗: English names the two and need not count them
        out.append(_approximate(Number(text, value, NUMBER, raw.prefix_start, rank=rank), raw))
    return out


_LIST_BEFORE = re.compile(r"[、和与及][\u4e00-\u9fff]{1,6}$")


def _counts_a_list(source: str, start: int) -> bool:
    """Whether a small number counts the items listed right before it (防疫、防汛两场; 他和她两人)."""
    return bool(_LIST_BEFORE.search(source, max(0, start - 7), start))


def _is_range_gap(source: str, previous: Number, raw: _Raw) -> bool:
    return source[previous.start + len(previous.text):raw.start] in tables().zh_range


def _approximate(number: Number, raw: _Raw) -> Number:
    if not raw.approx:
        return number
    v = number.value
    if raw.approx == "more":
        if raw.decimals:
            step = 10.0 ** -raw.decimals
        else:
            whole = int(raw.value or 0)
            zeros = len(str(whole)) - len(str(whole).rstrip("0")) if whole else 0
            step = 10.0 ** zeros
        low, high = v, v + step * (1 if number.kind == PERCENT else raw.magnitude)
    elif raw.approx == "nearly":
        low, high = v * 0.8, v
    else:
        low, high = v * 0.9, v * 1.1
    return Number(number.text, v, number.kind, number.start, low=low, high=high, approx=raw.approx, rank=number.rank)


def chinese_integer(numeral: str, digit_string: bool = False) -> int | None:
    """Value of a well-formed Chinese numeral below 10,000: 三千五百, 两千零二十, 十五, 三千五 (3,500). A
    string of digits (二〇二二) is a year, read only where `digit_string` says so; malformed runs (一五一十,
    千千) are None."""
    if not numeral:
        return None
    if all(c in _DIGITS for c in numeral):
        if len(numeral) == 1:
            return _DIGITS[numeral]
        return int("".join(str(_DIGITS[c]) for c in numeral)) if digit_string else None
    total, current, last_unit, zero = 0, None, 10**9, False
    for char in numeral:
        if char in _UNITS:
            unit = _UNITS[char]
            if unit >= last_unit or zero:
                return None
            total += (1 if current is None else current) * unit
            current, last_unit = None, unit
        elif char in "零〇":
            if current is not None or last_unit == 10**9:
                return None
            zero = True
        else:
            if current is not None:
                return None
            current, zero = _DIGITS[char], False
    if current is not None:
        # 三千五 is 3,500 and 一百五 is 150: a last digit right after 百 or 千 counts in the next lower unit.
        total += current * (last_unit // 10 if last_unit >= 100 and numeral[-2] not in "零〇" else 1)
    return total


# --- the English side -----------------------------------------------------------------------------------

@dataclass
class EnglishNumbers:
    """What an English text says in numbers: values, months, weekdays and decades (the last two digits)."""

    values: set[float] = field(default_factory=set)
    months: set[int] = field(default_factory=set)
    weekdays: set[int] = field(default_factory=set)
    decades: set[int] = field(default_factory=set)
    relative_day: bool = False
    relative_year: bool = False
    article: bool = False


_EN_TOKEN = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)([A-Za-z]*)|([A-Za-z]+)|['’‘](\d)0s\b")
_NUMERIC_DATE = re.compile(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b|\b(\d{1,2})/(\d{1,2})(?:/\d{2,4})?\b")
_ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")
_SUFFIX_SCALES = {"bn": 10**9, "b": 10**9, "m": 10**6, "mn": 10**6, "k": 10**3}


def read_english(target: str) -> EnglishNumbers:
    t = tables()
    en = EnglishNumbers()
    tokens = list(_EN_TOKEN.finditer(target))
    lowered = [m.group(3).lower() if m.group(3) else "" for m in tokens]
    i = 0
    while i < len(tokens):
        m = tokens[i]
        if m.group(4):
            en.decades.add(int(m.group(4)) * 10)
        elif m.group(1):
            i = _read_digits(target, tokens, lowered, i, en, t)
            continue
        else:
            word = m.group(3)
            low = lowered[i]
            if word[0].isupper() and word in t.en_month:
                en.months.add(t.en_month[word])
            if word[0].isupper() and word in t.en_weekday:
                en.weekdays.add(t.en_weekday[word])
            if word.isupper() and word.title() in t.en_month and len(word) > 3:
                en.months.add(t.en_month[word.title()])
            if low in t.en_decade:
                en.decades.add(t.en_decade[low])
            if low in t.en_word:
                en.values.add(t.en_word[low])
            if low in ("a", "an"):
                en.article = True
            if low in t.en_cardinal or low in t.en_ordinal or low in t.en_scale or (
                    low in ("a", "an") and i + 1 < len(tokens) and lowered[i + 1] in t.en_scale):
                i = _read_words(tokens, lowered, i, en, t)
                continue
        i += 1
    for m in _NUMERIC_DATE.finditer(target):
        if m.group(1):
            month, day = int(m.group(2)), int(m.group(3))
            if 1 <= month <= 12:
                en.months.add(month)
                en.values.add(day)
        else:
            a, b = int(m.group(4)), int(m.group(5))
            en.months.update(x for x in (a, b) if 1 <= x <= 12)
    low_text = target.lower()
    en.relative_day = any(re.search(rf"\b{w}\b", low_text) for w in t.en_relative_day)
    en.relative_year = any(re.search(rf"\b{w}\b", low_text) for w in t.en_relative_year)
    return en


def _scales_after(tokens: list[re.Match[str]], lowered: list[str], j: int, t: _Tables) -> tuple[list[float], int]:
    """The scale words from token j on ("hundred million": [100, 1e6]) and the index after them."""
    scales: list[float] = []
    while j < len(tokens) and lowered[j] in t.en_scale:
        scales.append(t.en_scale[lowered[j]])
        j += 1
    return scales, j


def _read_digits(target: str, tokens: list[re.Match[str]], lowered: list[str], i: int, en: EnglishNumbers,
                 t: _Tables) -> int:
    m = tokens[i]
    digits, suffix = m.group(1), m.group(2).lower()
    value = float(digits.replace(",", ""))
    en.values.add(value)
    if suffix == "s" and value == int(value) and int(value) % 10 == 0:
        en.decades.add(int(value) % 100)
    scales: list[float] = []
    if suffix in _SUFFIX_SCALES:
        scales.append(_SUFFIX_SCALES[suffix])
    more, j = _scales_after(tokens, lowered, i + 1, t)
    scales += more
    scaled = value
    for scale in scales:
        scaled *= scale
        en.values.add(scaled)
    if not scales:
        # "30-50 million", "3 to 5 billion": the first end takes the scale of the second.
        k = i + 1
        if k < len(tokens) and lowered[k] in ("to", "and", "or"):
            k += 1
        elif k < len(tokens) and target[m.end():tokens[k].start()].strip() not in ("-", "–", "—", "~"):
            return i + 1
        if k < len(tokens) and tokens[k].group(1):
            later, _ = _scales_after(tokens, lowered, k + 1, t)
            for scale in later:
                value *= scale
                en.values.add(value)
    return j


def _read_words(tokens: list[re.Match[str]], lowered: list[str], i: int, en: EnglishNumbers, t: _Tables) -> int:
    """A number in words: "three thousand five hundred", "twenty-first", "a hundred million", "a dozen"."""
    total, current, seen = 0.0, 0.0, False
    j = i
    while j < len(tokens):
        word = lowered[j]
        if not word:
            break
        if word in ("a", "an") and not seen and j + 1 < len(tokens) and lowered[j + 1] in t.en_scale:
            current, seen = 1.0, True
        elif word in t.en_cardinal or word in t.en_ordinal:
            v = t.en_cardinal.get(word, t.en_ordinal.get(word, 0.0))
            if seen and not _composes(current, v):
                break
            current += v
            seen = True
            if word in t.en_ordinal:
                j += 1
                break
        elif word in t.en_scale:
            scale = t.en_scale[word]
            if scale == 100:
                current = (current or 1) * 100
            elif scale == 12:
                current = (current or 1) * 12
            else:
                total += (current or 1) * scale
                current = 0.0
            seen = True
            en.values.add(total + current)
        elif word == "and" and seen and j + 1 < len(tokens) and (
                lowered[j + 1] in t.en_cardinal or lowered[j + 1] in t.en_ordinal):
            pass
        else:
            break
        en.values.add(total + current)
        j += 1
    if seen:
        en.values.add(total + current)
    return max(j, i + 1)


def _composes(current: float, v: float) -> bool:
    """Whether word value v continues a number in words: "twenty" + "three", "hundred" + "five"."""
    rest = current % 100
    if rest == 0:
        return True
    return rest % 10 == 0 and rest >= 20 and v < 10


def english_values(target: str) -> set[float]:
    return read_english(target).values


# --- comparing ------------------------------------------------------------------------------------------

def same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1)


def found_in(number: Number, en: EnglishNumbers) -> bool:
    """Whether the English (read by `read_english`) gives the source's number in some form."""
    if number.kind == DATE:
        if en.weekdays or en.relative_day:
            return True  # "on Tuesday", "yesterday": the dateline's day, not checkable here
        return number.month in en.months and _has(en, number.day)
    if number.kind == MONTH:
        return number.month in en.months
    if number.kind == DAY:
        return _has(en, number.day) or bool(en.weekdays) or en.relative_day
    if number.kind == WEEKDAY:
        return int(number.value) in en.weekdays or en.relative_day or bool(en.months)
    if number.kind == DECADE:
        return int(number.value) % 100 in en.decades
    if number.kind == YEAR:
        return en.relative_year or any(_has(en, v) for v in (number.value, *number.alternatives))
    candidates = [number.value, *number.alternatives]
    if number.kind == PERCENT:
        candidates.append(number.value / 100)  # 百分之五十: "half"
    if any(_has(en, v) for v in candidates):
        return True
    if number.low is not None and number.high is not None:
        low, high = number.low, number.high
        # "more than" admits up to the next step, not the step itself: 8000余 is 8,000 to 8,999
        top = high - 1e-9 * abs(high) if number.approx == "more" else high + 1e-9 * abs(high)
        if any(low - 1e-9 * abs(low) <= v <= top for v in en.values):
            return True
    return number.kind == NUMBER and number.value == 1 and en.article


def _has(en: EnglishNumbers, value: float) -> bool:
    return any(same_value(value, v) for v in en.values)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
