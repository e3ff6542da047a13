import time

import pytest
from lxml import etree

from termcheck.documents.loading import document_from_bytes
from termcheck.documents.model import SEGMENT_SEPARATOR, Document
from termcheck.documents.tmx import read_tmx
from termcheck.documents.xliff import read_xliff
from termcheck.documents.xml_safety import parse_untrusted_xml, safe_parser
from termcheck.errors import InputError

XLIFF_1_2 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="report.docx" source-language="zh-CN" target-language="en-US" datatype="plaintext">
    <body>
      <trans-unit id="t1" resname="title">
        <source>两个维护</source>
        <target>the Two Upholds</target>
      </trans-unit>
      <group id="g">
        <trans-unit id="t2">
          <source>坚持<g id="1">党的<bpt id="3">&lt;b&gt;</bpt>领导<ept id="3">&lt;/b&gt;</ept></g><x id="2"/>。</source>
          <target>uphold <g id="1">the <bpt id="3">&lt;b&gt;</bpt>Party's<ept id="3">&lt;/b&gt;</ept> <mrk mtype="term">leadership</mrk></g><x id="2"/>.<!-- checked --></target>
          <alt-trans><target>an alternative that is not the translation</target></alt-trans>
        </trans-unit>
      </group>
      <trans-unit id="t3">
        <source>未翻译</source>
      </trans-unit>
    </body>
  </file>
</xliff>
"""  # noqa: E501 - test data: a line break inside an element would change its text

XLIFF_2_0 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh" trgLang="en">
  <file id="f1">
    <unit id="u1" name="intro">
      <segment id="s1">
        <source>全面深化改革。</source>
        <target>comprehensively deepen reform.</target>
      </segment>
      <ignorable><source> </source></ignorable>
      <segment>
        <source>实现<pc id="1">中国梦</pc><ph id="2"/>。</source>
        <target>realize the <pc id="1">Chinese Dream</pc><ph id="2"/><sc id="3"/>.<ec startRef="3"/></target>
      </segment>
    </unit>
    <group id="g1">
      <unit id="u2"><segment><source>一带一路</source></segment></unit>
    </group>
  </file>
</xliff>
"""

TMX = """<?xml version="1.0" encoding="{encoding}"?>
<tmx version="1.4">
  <header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en"
          srclang="{srclang}" datatype="plaintext"/>
  <body>
    <tu tuid="42">
      <tuv xml:lang="en-US"><seg>the <hi type="b">Belt and Road</hi> <bpt i="1">&lt;i&gt;</bpt>Initiative<ept i="1">&lt;/i&gt;</ept><ph>{{1}}</ph></seg></tuv>
      <tuv xml:lang="zh-CN"><seg>一带一路倡议</seg></tuv>
    </tu>
    <tu>
      <tuv lang="zh-CN"><seg>两个维护</seg></tuv>
      <tuv lang="en-US">
        <seg>the Two Upholds</seg>
      </tuv>
    </tu>
    <tu tuid="x"><tuv xml:lang="zh-CN"><seg>只有原文</seg></tuv></tu>
  </body>
</tmx>
"""  # noqa: E501 - test data: a line break inside an element would change its text


def tmx(srclang: str = "zh-CN", encoding: str = "UTF-8") -> str:
    return TMX.format(srclang=srclang, encoding=encoding)


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line containing `needle`."""
    lines = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    return lines[occurrence - 1]


def assert_target_view(document: Document) -> None:
    assert document.virtual and document.bilingual
    assert document.text == SEGMENT_SEPARATOR.join(s.target for s in document.segments)
    for segment in document.segments:
        assert document.text[segment.start:segment.start + len(segment.target)] == segment.target
        assert document.segment_at(segment.start) is segment


def test_xliff_1_2_units_with_inline_markup_and_a_missing_target():
    document = read_xliff("a.xlf", XLIFF_1_2.encode())
    assert (document.source_language, document.target_language) == ("zh-CN", "en-US")
    assert [s.id for s in document.segments] == ["t1", "t2", "t3"]
    assert [s.source for s in document.segments] == ["两个维护", "坚持党的领导。", "未翻译"]
    assert [s.target for s in document.segments] == ["the Two Upholds", "uphold the Party's leadership.", ""]
    assert [s.line for s in document.segments] == [
        line_of(XLIFF_1_2, "<target>the Two"),
        line_of(XLIFF_1_2, "<target>uphold"),
        line_of(XLIFF_1_2, '<trans-unit id="t3">'),
    ]
    assert [s.context for s in document.segments] == ["title", "", ""]
    assert_target_view(document)


def test_xliff_2_unit_with_two_segments():
    document = read_xliff("a.xliff", XLIFF_2_0.encode())
    assert (document.source_language, document.target_language) == ("zh", "en")
    assert [s.id for s in document.segments] == ["u1/s1", "u1#2", "u2"]
    assert [s.source for s in document.segments] == ["全面深化改革。", "实现中国梦。", "一带一路"]
    assert [s.target for s in document.segments] == [
        "comprehensively deepen reform.", "realize the Chinese Dream.", ""
    ]
    assert [s.line for s in document.segments] == [
        line_of(XLIFF_2_0, "<target>"),
        line_of(XLIFF_2_0, "<target>", 2),
        line_of(XLIFF_2_0, '<unit id="u2">'),
    ]
    assert [s.context for s in document.segments] == ["intro", "intro", ""]
    assert_target_view(document)


def test_tmx_translation_units():
    text = tmx()
    document = read_tmx("a.tmx", text.encode())
    assert (document.source_language, document.target_language) == ("zh-CN", "en-US")
    assert [s.id for s in document.segments] == ["42", "2", "x"]
    assert [s.source for s in document.segments] == ["一带一路倡议", "两个维护", "只有原文"]
    assert [s.target for s in document.segments] == ["the Belt and Road Initiative", "the Two Upholds", ""]
    assert [s.line for s in document.segments] == [
        line_of(text, '<tuv xml:lang="en-US">'),
        line_of(text, "<seg>the Two Upholds"),
        line_of(text, '<tu tuid="x">'),
    ]
    assert_target_view(document)


def test_tmx_any_source_language_prefers_chinese_and_reads_utf16():
    text = tmx(srclang="*all*", encoding="UTF-16")
    document = read_tmx("a.tmx", text.encode("utf-16"))
    assert (document.source_language, document.target_language) == ("zh-CN", "en-US")
    assert document.segments[0].source == "一带一路倡议"
    assert document.segments[0].target == "the Belt and Road Initiative"


def test_loading_dispatches_xliff_and_tmx_by_suffix():
    xliff = document_from_bytes("dir/report.xlf", XLIFF_1_2.encode())
    assert xliff.segments[0].target == "the Two Upholds" and xliff.digest
    memory = document_from_bytes("dir/memory.TMX", tmx().encode())
    assert memory.segments[1].target == "the Two Upholds" and memory.digest


def test_malformed_xml_names_line_and_column():
    data = b'<?xml version="1.0"?>\n<xliff version="1.2">\n  <file>\n</xliff>\n'
    with pytest.raises(InputError) as info:
        read_xliff("bad.xlf", data)
    assert info.value.path == "bad.xlf"
    assert info.value.reason.startswith("malformed XML at line 4, column 9: ")
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("reader, name", [(read_xliff, "XLIFF"), (read_tmx, "TMX")])
def test_a_file_of_another_kind_is_refused_clearly(reader, name):
    with pytest.raises(InputError, match=rf"not an? {name} file \(the root element is <html>"):
        reader("page", b"<!DOCTYPE html><html><body>hi</body></html>")


def test_xliff_in_an_unknown_namespace_is_refused():
    with pytest.raises(InputError, match="not an XLIFF file"):
        read_xliff("a.xlf", b'<xliff xmlns="http://example.com/other" version="1.2"/>')


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("TOP-SECRET-4f2a")
    return path


def xxe_fixtures(secret_path) -> list[bytes]:
    uri = secret_path.as_uri()
    general = f"""<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY s SYSTEM "{uri}">]>
<xliff version="1.2"><file source-language="zh" target-language="en"><body>
<trans-unit id="1"><source>x</source><target>&s;</target></trans-unit>
</body></file></xliff>"""
    parameter = f"""<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY % s SYSTEM "{uri}"> %s;]>
<xliff version="1.2"/>"""
    return [general.encode(), parameter.encode()]


def test_external_entities_never_read_local_files(secret):
    for data in xxe_fixtures(secret):
        with pytest.raises(InputError) as info:
            read_xliff("evil.xlf", data)
        assert info.value.reason == "XML entity declarations are not accepted"
        assert "TOP-SECRET" not in str(info.value)
        # And the parser itself never resolved the entity, so the refusal is not the only protection.
        root = etree.fromstring(data, safe_parser())
        assert b"TOP-SECRET" not in etree.tostring(root.getroottree())


def test_entities_declared_in_an_external_dtd_are_not_loaded(secret):
    data = f"""<?xml version="1.0"?>
<!DOCTYPE tmx SYSTEM "{secret.as_uri()}">
<tmx version="1.4"><header srclang="zh"/><body><tu><tuv xml:lang="zh"><seg>&s;</seg></tuv></tu></body></tmx>"""
    with pytest.raises(InputError) as info:
        read_tmx("evil.tmx", data.encode())
    assert info.value.reason.startswith("XML entity references are not accepted")
    assert "TOP-SECRET" not in str(info.value)


def billion_laughs() -> bytes:
    declarations = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    ]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE xliff [\n' + "\n".join(declarations) + "\n]>\n"
        '<xliff version="1.2"><file><body><trans-unit id="1"><source>x</source>'
        "<target>&lol9;</target></trans-unit></body></file></xliff>"
    ).encode()


def quadratic_blowup() -> bytes:
    big = "a" * 100_000
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY a "{big}">]>\n'
        f'<tmx version="1.4"><header srclang="zh"/><body><tu><tuv xml:lang="en"><seg>{"&a;" * 10_000}'
        "</seg></tuv></tu></body></tmx>"
    ).encode()


@pytest.mark.parametrize("reader, data", [(read_xliff, billion_laughs()), (read_tmx, quadratic_blowup())])
def test_entity_expansion_is_refused_quickly(reader, data):
    started = time.perf_counter()
    with pytest.raises(InputError, match="XML entity declarations are not accepted"):
        reader("bomb", data)
    assert time.perf_counter() - started < 0.5


def test_a_doctype_without_entities_is_accepted():
    root = parse_untrusted_xml("a.xlf", b'<!DOCTYPE xliff SYSTEM "xliff.dtd">\n<xliff version="1.2"/>')
    assert root.tag == "xliff"
