"""TC302 number-mismatch: dates, ordinals, approximations, ranges, percentages, Chinese numerals and
scales in the source; their English forms in the target; and silence where the source's numeral is no
quantity."""
from __future__ import annotations

import json

import pytest
from conftest import WMT21
from hypothesis import given, settings
from hypothesis import strategies as st

from termcheck.checks.base import DocumentContext
from termcheck.checks.numbers import CHECK
from termcheck.documents.model import Segment, segments_document
from termcheck.matching.numbers import (
    chinese_numbers,
    english_values,
    found_in,
    read_english,
)


def missing(source: str, target: str) -> list[str]:
    """The messages TC302 gives for one source/target pair."""
    document = segments_document("t.en", [Segment(id="1", source=source, target=target)])
    return [f.message for f in CHECK.check_document(DocumentContext(document=document))]


# --- the renderings of issue 9 and their kin: accepted -------------------------------------------------

ACCEPTED = [
    ("2月11日，代表团抵达北京。", "On February 11, the delegation arrived in Beijing."),
    ("2月11日，代表团抵达北京。", "BEIJING, Feb. 11 -- The delegation arrived."),
    ("2月11日，代表团抵达北京。", "On 11 February the delegation arrived in Beijing."),
    ("2月11日，代表团抵达北京。", "On Tuesday the delegation arrived in Beijing."),
    ("3月，春耕开始。", "In March, spring ploughing began."),
    ("上世纪90年代，这座城市开始发展。", "In the 1990s the city began to grow."),
    ("上世纪90年代，这座城市开始发展。", "In the '90s the city began to grow."),
    ("上世纪90年代，这座城市开始发展。", "In the nineties the city began to grow."),
    ("20世纪80年代以来", "since the 1980s"),
    ("9000多万党员", "more than 90 million Party members"),
    ("9000万党员", "90 million Party members"),
    ("全国12亿人", "the country's 1.2 billion people"),
    ("全国14亿人民", "the 1,400 million people of China"),
    ("一万名志愿者", "ten thousand volunteers"),
    ("一亿人", "a hundred million people"),
    ("3亿人", "three hundred million people"),
    ("第三次会议", "the third meeting"),
    ("第三次会议", "the 3rd meeting"),
    ("第二十三届上海国际电影节", "the twenty-third Shanghai International Film Festival"),
    ("党的十九届四中全会", "the fourth plenary session of the 19th CPC Central Committee"),
    ("“十四五”规划", "the 14th Five-Year Plan"),
    ("每年3至5次", "three to five times a year"),
    ("每年3-5次", "3-5 times a year"),
    ("招募3至5万人", "recruit 30,000 to 50,000 people"),
    ("招募3至5万人", "recruit 30-50 thousand people"),
    ("增长百分之五", "grew by 5%"),
    ("增长百分之五", "grew by five per cent"),
    ("增长5%", "grew 5 percent"),
    ("百分之五十的村民", "half of the villagers"),
    ("约5%", "about 5%"),
    ("50人左右", "about 50 people"),
    ("近3000人", "nearly 3,000 people"),
    ("8000余名村党组织书记", "over 8,000 village Party secretaries"),
    ("收入8万多元", "an income of more than 80,000 yuan"),
    ("十多个国家", "a dozen countries"),
    ("三千五百名工人", "3,500 workers"),
    ("三千五百名工人", "three thousand five hundred workers"),
    ("三千五百名工人", "some 3500 workers"),
    ("两人结婚", "the two married"),
    ("两人结婚", "both married"),
    ("两人结婚", "the couple married"),
    ("二〇二〇年", "in 2020"),
    ("两千零二十年", "the year 2020"),
    ("98年的洪水", "the 1998 floods"),
    ("98年的洪水", "the floods of '98"),
    ("2020年是决胜之年", "This year is decisive"),
    ("星期一", "on Monday"),
    ("周三举行", "held on Wednesday"),
    ("7月21日至25日", "from July 21 to 25"),
    ("1至3月", "from January to March"),
    ("建党100周年", "the centenary of the founding of the Party"),
    ("建党100周年", "the 100th anniversary of the founding of the Party"),
    ("6.1万名", "61,000"),
    ("三亿五千万人", "350 million people"),
    ("香港《南华早报》25日报道", "the South China Morning Post reported yesterday"),
    ("参加G20峰会", "attended the G20 summit"),
    ("十年来", "over the past decade"),
]


@pytest.mark.parametrize(("source", "target"), ACCEPTED)
def test_renderings_are_accepted(source, target):
    assert missing(source, target) == []


# --- a number that is missing or wrong: flagged --------------------------------------------------------

FLAGGED = [
    ("2月11日，代表团抵达北京。", "On February 12, the delegation arrived in Beijing.", "2月11日"),
    ("2月11日，代表团抵达北京。", "On March 11, the delegation arrived in Beijing.", "2月11日"),
    ("3月，春耕开始。", "In April, spring ploughing began.", "3月"),
    ("上世纪90年代，这座城市开始发展。", "In the 1980s the city began to grow.", "上世纪90年代"),
    ("9000多万党员", "more than 80 million Party members", "9000多万"),
    ("9000多万党员", "more than 9,000 Party members", "9000多万"),
    ("全国14亿人民", "the 14 billion people of the country", "14亿"),
    ("第三次会议", "the fourth meeting", "第三"),
    ("增长百分之五", "grew by 6%", "百分之五"),
    ("8000余名村党组织书记", "more than 9,000 village Party secretaries", "8000余"),
    ("招募3至5万人", "recruit 30,000 to 60,000 people", "5万"),
    ("两人结婚", "three people married", "两人"),
    ("三千五百名工人", "3,600 workers", "三千五百名"),
    ("704名一线职工", "the front-line workers", "704名"),
    ("《2020的第一场战役》", "the artist's work", "2020"),
    ("近3000人", "nearly 4,000 people", "近3000"),
    ("98年的洪水", "the 1997 floods", "98年"),
    ("星期一", "on Tuesday", "星期一"),
]


@pytest.mark.parametrize(("source", "target", "number"), FLAGGED)
def test_missing_or_wrong_number_is_flagged(source, target, number):
    messages = missing(source, target)
    assert any(number in m and m.endswith("is not in the target") for m in messages), messages


def test_message_gives_the_value_in_english():
    assert missing("9000多万党员", "80 million members") == [
        "the source's number 9000多万 (more than 90,000,000) is not in the target"]
    assert missing("2月11日", "February 12") == ["the source's date 2月11日 (February 11) is not in the target"]
    assert missing("上世纪90年代", "the 1980s") == ["the source's decade 上世纪90年代 (the 1990s) is not in the target"]


def test_one_number_twice_is_reported_once():
    assert len(missing("2020年是关键之年，2020年也是收官之年", "It is a key year.")) == 1


# --- numerals that are no quantity: nothing to say -----------------------------------------------------

@pytest.mark.parametrize("source", [
    "迅速投身防汛抗洪抢险救灾第一线",  # the front line
    "推进一带一路建设",
    "千方百计为百姓办实事",
    "千万不要掉以轻心",  # by all means: not ten million
    "几十个国家",  # vague
    "数百名代表",
    "十万火急",
    "全力以赴打好防疫、防汛两场硬仗",  # the two are named, not counted
    "每一名党员",
    "这一群体",
    "一五一十地说",
    "三点建议",
    "五年规划",
])
def test_numerals_that_are_no_quantity_are_not_read(source):
    assert chinese_numbers(source) == []


def test_chinese_numerals_are_read():
    values = {n.text: n.value for n in chinese_numbers("三千五百名工人，两人，二〇二〇年，三万零五百元，三亿五千万人")}
    assert values == {"三千五百名": 3500, "两人": 2, "二〇二〇年": 2020, "三万零五百元": 30500, "三亿五千万人": 3.5e8}


def test_english_forms_are_read():
    assert {3500, 12, 2, 0.5, 1e4, 1e8, 1.2e9, 9e7, 21} <= english_values(
        "three thousand five hundred, a dozen, both, half, ten thousand, a hundred million, 1.2 billion, "
        "90 million, twenty-first")
    en = read_english("On Feb. 11 and Monday, in the 1990s and the '80s")
    assert en.months == {2} and en.weekdays == {1} and en.decades == {90, 80}
    # "may" and "march" the verbs are no months.
    assert read_english("we may march on").months == set()


def test_approximations_admit_an_interval():
    (number,) = chinese_numbers("9000多万")
    assert (number.low, number.high, number.approx) == (9e7, 1e8, "more")
    assert found_in(number, read_english("over 95 million"))
    assert not found_in(number, read_english("some 100 million"))


# --- properties ---------------------------------------------------------------------------------------

_CN_DIGITS = "零一二三四五六七八九"


def _chinese_group(n: int) -> str:
    """A number below 10,000 in Chinese numerals: 3500 三千五百, 2020 二千零二十, 15 十五."""
    out, zero = "", False
    for unit, char in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // unit % 10
        if digit:
            if zero and out:
                out += "零"
            out += ("" if (unit == 10 and digit == 1 and not out) else _CN_DIGITS[digit]) + char
            zero = False
        elif out:
            zero = True
    return out


def _chinese(n: int) -> str:
    """A number below 100,000,000 in Chinese numerals, grouped by 万."""
    high, low = divmod(n, 10_000)
    if not high:
        return _chinese_group(low)
    return _chinese_group(high) + "万" + ("" if not low else ("零" if low < 1000 else "") + _chinese_group(low))


_ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _words(n: int) -> str:
    """A number below a billion in English words: 35006000 thirty-five million six thousand."""
    parts = []
    for scale, name in ((10**6, "million"), (10**3, "thousand"), (1, "")):
        chunk = n // scale % 1000
        if chunk:
            hundreds, rest = divmod(chunk, 100)
            words = [f"{_ONES[hundreds]} hundred"] if hundreds else []
            if rest:
                ones = f"-{_ONES[rest % 10]}" if rest % 10 else ""
                words.append(_ONES[rest] if rest < 20 else _TENS[rest // 10] + ones)
            parts.append(" ".join(words) + (f" {name}" if name else ""))
    return " ".join(parts)


@given(st.integers(min_value=2, max_value=99_999_999))
@settings(max_examples=300, deadline=None)
def test_chinese_numerals_round_trip(n):
    (number,) = chinese_numbers(_chinese(n) + "名代表")
    assert number.value == n
    assert missing(_chinese(n) + "名代表", f"{n:,} delegates") == []
    assert missing(_chinese(n) + "名代表", f"{_words(n)} delegates") == []
    assert len(missing(_chinese(n) + "名代表", f"{n + 1:,} delegates")) == 1


@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["万", "亿"]))
@settings(max_examples=200, deadline=None)
def test_scales_round_trip(n, magnitude):
    value = n * (10**4 if magnitude == "万" else 10**8)
    source = f"{n}{magnitude}元"
    assert missing(source, f"{value:,} yuan") == []
    for scale, name in ((10**9, "billion"), (10**6, "million"), (10**3, "thousand")):
        if value >= scale:
            assert missing(source, f"{value / scale:g} {name} yuan") == [], name
            break
    assert len(missing(source, f"{value * 10:,} yuan")) == 1


@given(st.integers(min_value=1, max_value=12), st.integers(min_value=1, max_value=28))
def test_dates_round_trip(month, day):
    names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
    source = f"{month}月{day}日，会议开幕。"
    assert missing(source, f"The meeting opened on {names[month - 1]} {day}.") == []
    assert missing(source, f"The meeting opened on {day} {names[month - 1][:3]}.") == []
    assert len(missing(source, f"The meeting opened on {names[month % 12]} {day}.")) == 1
    assert len(missing(source, f"The meeting opened on {names[month - 1]} {day % 28 + 1}.")) == 1


# --- the real WMT21 segments --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def wmt():
    return [json.loads(line) for line in WMT21.read_text(encoding="utf-8").splitlines() if line]


def test_wmt_references_get_no_finding(wmt):
    assert [(row["line"], m) for row in wmt for m in missing(row["src_zh"], row["refs"]["A"])] == []


def test_wmt_dropped_numbers_are_caught(wmt):
    rows = {row["line"]: row for row in wmt}
    assert "2020" in " ".join(missing(rows[548]["src_zh"], rows[548]["mt"]["HuaweiTSC"]))
    assert "25日" in " ".join(missing(rows[811]["src_zh"], rows[811]["mt"]["Online-B"]))
    assert len(missing(rows[495]["src_zh"], rows[495]["mt"]["Facebook-AI"])) == 2
    # The forms the old check missed: 9000多万 as "more than 90 million", 7月21日 as "July 21st", 8月 as
    # "August", 第一线 as "the front line".
    for line in (308, 694, 811, 930, 1640):
        for system in ("Online-A", "Online-G"):
            found = missing(rows[line]["src_zh"], rows[line]["mt"][system])
            assert found == [], (line, system, found)
