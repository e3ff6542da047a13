"""TC307 (inline codes, tags, URLs, e-mail addresses) and TC308 (brackets) between source and translation."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termcheck.documents.aligned import read_table
from termcheck.documents.po import read_po
from termcheck.documents.xliff import read_xliff

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file source-language="zh-CN" target-language="en" datatype="plaintext" original="x"><body>
  <trans-unit id="1"><source>详见<g id="1">中国政府网</g>。</source>
   <target>See the gov.cn website.</target></trans-unit>
  <trans-unit id="2"><source>点击<x id="5"/>这里</source><target>Click <x id="5"/>here <x id="6"/></target></trans-unit>
  <trans-unit id="3"><source>点击<x id="5"/>这里</source><target>Click <x id="5"/>here</target></trans-unit>
 </body></file>
</xliff>"""

XLIFF2 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh" trgLang="en"><file id="f">
 <unit id="u1"><segment><source>加粗<pc id="1">文字</pc></source><target>bold text</target></segment></unit>
</file></xliff>"""


def found(linter, document, rules=("TC307", "TC308")):
    return [(f.rule, f.segment, f.message, document.text[f.start:f.end]) for f in linter.lint([document])
            if f.rule in rules]


def test_xliff_inline_codes_by_element_and_id(small_linter):
    result = found(small_linter, read_xliff("t.xlf", XLIFF.encode()))
    assert [(segment, message) for _, segment, message, _ in result] == [
        ("1", 'the source\'s inline code <g id="1"> is missing from the translation'),
        ("2", 'the inline code <x id="6"> is not in the source'),
    ]
    result = found(small_linter, read_xliff("t.xlf", XLIFF2.encode()))
    assert [message for _, _, message, _ in result] == ['the source\'s inline code <pc id="1"> is missing from the '
                                                        "translation"]


@pytest.mark.parametrize(("row", "expected"), [
    ("详见 https://www.gov.cn/zhengce/。\tSee https://www.gov.cn/zhengce/.\n", []),
    ("详见 https://www.gov.cn/zhengce/。\tSee the website.\n",
     [("TC307", "the source's URL https://www.gov.cn/zhengce/ is missing from the translation")]),
    ("请见官网。\tSee www.example.com for more.\n", [("TC307", "the URL www.example.com is not in the source")]),
    ("来信请寄 press@gov.cn。\tWrite to press@gov.com.\n",
     [("TC307", "the source's e-mail address press@gov.cn is missing from the translation"),
      ("TC307", "the e-mail address press@gov.com is not in the source")]),
    ("<b>注意</b>：已保存\t<b>Note</b>: saved\n", []),
    ("<b>注意</b>：已保存\tNote: saved\n", [("TC307", "the source's tag <b> is missing from the translation"),
                                           ("TC307", "the source's tag </b> is missing from the translation")]),
    ("<a href=\"/x\" class='k'>链接</a>\t<a href=\"/x\" class='k'>link</a>\n", []),
    ("坚持<两个维护>\tuphold <two maintenance>\n", []),  # angle brackets around words are no tag
    ("中国共产党（中共）成立\tThe Communist Party of China (CPC) was founded\n", []),
    ("见附件（第3页）\tSee the attachment, page 3)\n",
     [("TC308", "brackets differ: ( 1 in the source, 0 in the translation")]),
    ("【通知】放假\t[Notice] Holiday\n", []),
])
def test_urls_addresses_tags_and_brackets_of_a_table(small_linter, row, expected):
    result = found(small_linter, read_table("t.tsv", row.encode()))
    assert [(rule, message) for rule, _, message, _ in result] == expected


def test_a_fuzzy_po_entry_is_left_alone(small_linter):
    po = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
          '#, fuzzy\nmsgid "见 <b>这里</b>"\nmsgstr "see here"\n')
    assert found(small_linter, read_po("m.po", po.encode())) == []


URLS = st.from_regex(r"https://[a-z]{1,8}\.(cn|org|com)(/[a-z0-9]{1,6}){0,3}", fullmatch=True)


@settings(max_examples=60, deadline=None)
@given(urls=st.lists(URLS, min_size=1, max_size=3), words=st.text(alphabet="abc ,.", max_size=20))
def test_a_translation_that_keeps_every_url_is_never_reported(small_linter, urls, words):
    source = "请访问 " + "，".join(urls) + "。"
    target = words.replace("\t", " ") + " visit " + ", ".join(reversed(urls)) + "."
    assert found(small_linter, read_table("t.tsv", f"{source}\t{target}\n".encode()), ("TC307",)) == []
