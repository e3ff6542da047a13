"""TC306: format placeholders of the source kept in the translation, on PO, XLIFF-like and real catalogues."""
import pytest

from termcheck.documents.aligned import read_table
from termcheck.documents.po import read_po

PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

#, python-format
msgid "已删除 %(count)d 个文件"
msgstr "Deleted %(num)d files"

#, python-format
msgid "完成 100%% 的 %s，%(n)s 与 %(n)s"
msgstr "100%% of %s done, %(n)s"

#, python-brace-format
msgid "你好，{name}"
msgstr "Hello, {name} and {name}"

#, c-format
msgid "共 %d 项，第 %s 页"
msgstr "%d items, page %d"

#, fuzzy, python-format
msgid "待定 %s"
msgstr "pending"
"""


def findings(linter, document):
    return [(f.segment, f.message) for f in linter.lint([document]) if f.rule == "TC306"]


def test_po_placeholders_by_the_entrys_declared_format(small_linter):
    found = findings(small_linter, read_po("m.po", PO.encode()))
    assert found == [
        ("5", "the source's placeholder %(count)d is missing from the translation"),
        ("5", "the placeholder %(num)d is not in the source"),
        ("17", "the placeholder %d is not in the source"),
        ("17", "the source's placeholder %s is missing from the translation"),
    ]  # a named placeholder may repeat; %% is a percent sign; a fuzzy entry is not checked


@pytest.mark.parametrize("row, expected", [
    ("增长 50%，{user} 登录\tGrowth of 50%, user logged in\n", ["the source's placeholder {user} is missing"]),
    ("增长 50% 以上\tmore than 50% growth\n", []),      # no format declared: a percent sign is no placeholder
    ("共 %s 项\t%d items\n", []),                      # nor an unnamed %s, which running text may hold
    ("用户 %(name)s\tuser %(name)s\n", []),
])
def test_a_file_without_declared_formats_compares_named_placeholders_only(small_linter, row, expected):
    found = [message for _, message in findings(small_linter, read_table("t.tsv", row.encode()))]
    assert [m.split(" from")[0] for m in found] == expected


def test_the_real_sphinx_and_django_chinese_catalogues_have_no_placeholder_mismatch(small_linter):
    import importlib.util
    from pathlib import Path

    from conftest import DATA

    catalogues = [DATA / "catalogues" / "sphinx-zh_TW.po"]  # vendored: the test stands without Sphinx
    for package, pattern in (("sphinx", "locale/zh_*/LC_MESSAGES/sphinx.po"),
                             ("django", "conf/locale/zh_*/LC_MESSAGES/django.po")):
        spec = importlib.util.find_spec(package)
        if spec is not None and spec.origin is not None:
            catalogues += sorted(Path(spec.origin).parent.glob(pattern))
    for path in catalogues:
        assert findings(small_linter, read_po(str(path), path.read_bytes())) == [], path
