import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termcheck.documents import collect_paths
from termcheck.documents.decoding import decode, encode
from termcheck.documents.loading import document_from_bytes, read_document
from termcheck.documents.markdown import markdown_document
from termcheck.documents.model import MASK
from termcheck.errors import InputError


def test_utf8_with_and_without_bom():
    assert decode("a", "两个维护".encode()) == ("两个维护", "utf-8", False)
    assert decode("a", codecs.BOM_UTF8 + b"x") == ("x", "utf-8", True)


def test_utf16_with_bom_both_byte_orders():
    assert decode("a", "two “x”".encode("utf-16"))[0] == "two “x”"
    assert decode("a", codecs.BOM_UTF16_BE + "hi".encode("utf-16-be"))[0] == "hi"


def test_binary_and_invalid_text_are_refused_with_one_line():
    with pytest.raises(InputError, match="binary"):
        decode("a.txt", b"PK\x03\x04\x00\x00")
    with pytest.raises(InputError, match=r"not valid UTF-8 text \(byte offset 3\)"):
        decode("a.txt", b"abc\xff\xfe")
    with pytest.raises(InputError) as info:
        decode("a.txt", "é".encode("latin-1"))
    assert "\n" not in str(info.value)


def test_encode_round_trips_the_original_encoding():
    for encoding, bom in (("utf-8", False), ("utf-8", True), ("utf-16", True)):
        data = encode("two upholds “x”", encoding, bom)
        assert decode("a", data)[0] == "two upholds “x”"


def test_read_document_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_document(str(tmp_path / "missing.txt"))
    with pytest.raises(InputError, match="is a directory"):
        read_document(str(tmp_path))


def test_collect_paths_walks_folders_by_suffix(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("x")
    (tmp_path / "sub" / "c.json").write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "d.txt").write_text("x")
    found = list(collect_paths([str(tmp_path), "-"]))
    assert [p.replace(str(tmp_path), "") for p in found] == ["/a.txt", "/sub/b.md", "-"]


MD = """---
title: two maintenances
---
# Heading about two maintenances

Prose with `two maintenances` code, a [link](http://two.maintenances/x "t") and
https://example.org/two-maintenances plus a note[^1] <!-- two maintenances -->.

    indented code two maintenances

```
fenced two maintenances
```

<div>
two maintenances
</div>

- item about two maintenances
  continued
"""


def test_markdown_masks_non_prose_and_keeps_offsets():
    doc = markdown_document("a.md", MD)
    assert len(doc.prose) == len(doc.text)
    visible = doc.prose.replace(MASK, "")
    assert visible.count("two maintenances") == 2  # the heading and the list item
    assert "title" not in visible
    assert "example.org" not in visible and "http" not in visible
    assert "[link]" in visible and "Prose with" in visible
    assert "fenced" not in visible and "indented code" not in visible
    assert doc.prose.count("\n") == doc.text.count("\n")


def test_markdown_by_suffix_only():
    assert document_from_bytes("a.txt", b"`x`").prose == "`x`"
    assert MASK in document_from_bytes("a.md", b"`x`").prose


markdown_text = st.text(
    alphabet=st.sampled_from([*"ab `*_#-[]()<>!:/\n\t“”", "http://", "<!--", "-->", "```", "---\n", "    "]),
    max_size=120,
).map(lambda s: s)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["ab", " ", "`", "*", "_", "#", "-", "[", "]", "(", ")", "<", ">", "!", ":",
                                  "/", "\n", "\t", "“", "”", "http://x.y", "<!--", "-->", "```", "---\n",
                                  "    ", "[^1]", "两个"]), max_size=60))
def test_markdown_prose_is_the_text_with_some_characters_masked(pieces):
    text = "".join(pieces)
    doc = markdown_document("a.md", text)
    assert len(doc.prose) == len(text)
    for original, seen in zip(text, doc.prose, strict=True):
        assert seen == original or (seen == MASK and original not in "\r\n")


def test_collect_paths_expands_quoted_globs(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.md").write_text("x")
    (tmp_path / "a" / "y.txt").write_text("x")
    found = list(collect_paths([str(tmp_path / "**" / "*.md"), str(tmp_path / "none*.md")]))
    assert found == [str(tmp_path / "a" / "x.md"), str(tmp_path / "none*.md")]


def test_a_tsv_cell_that_starts_with_a_quotation_mark_swallows_no_rows():
    from termcheck.documents.aligned import read_table

    data = ('zh\ten\n两个维护\t"Two Upholds" must be achieved\n战斗堡垒\tfighting bastion\n'
            '国家安全\tnational security "first\n').encode()
    doc = read_table("t.tsv", data)
    assert [(s.line, s.source, s.target) for s in doc.segments] == [
        (2, "两个维护", '"Two Upholds" must be achieved'), (3, "战斗堡垒", "fighting bastion"),
        (4, "国家安全", 'national security "first')]


def test_a_quoted_tsv_is_read_with_quoting_and_a_cell_spanning_lines_is_refused():
    import pytest

    from termcheck.documents.aligned import read_table
    from termcheck.errors import InputError

    doc = read_table("q.tsv", '"zh"\t"en"\n"两个维护"\t"Two ""Upholds"""\n'.encode())
    assert [(s.source, s.target) for s in doc.segments] == [("两个维护", 'Two "Upholds"')]
    with pytest.raises(InputError, match="a quoted cell spans lines"):
        read_table("q.tsv", '"zh"\t"en"\n"两个维护"\t"Two\nUpholds"\n'.encode())


def test_segment_lookup_builds_its_index_once():
    # Rebuilt on every lookup, a finding per segment made 20,000 XLIFF units take minutes.
    from termcheck.documents.model import Segment, segments_document

    document = segments_document("x.xlf", [Segment(id=str(i), source="两个维护", target=f"t{i}") for i in range(1000)])
    first = document._segment_starts()
    assert document.segment_index_at(document.segments[700].start + 1) == 700
    assert document._segment_starts() is first
    document.segments.append(Segment(id="new", source="一", target="late"))
    assert document._segment_starts() is not first  # a changed list of segments is indexed anew


def test_a_po_string_left_open_is_refused_naming_its_line():
    from termcheck.documents.po import read_po
    from termcheck.errors import InputError

    broken = ('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
              'msgid "两个维护"\nmsgstr "the two maintenance\n\nmsgid "b"\nmsgstr "c"\n')
    with pytest.raises(InputError, match=r"line 5: .*end-of-line within string"):
        read_po("u.po", broken.encode("utf-8"))
    # Escaped quotes, continuation lines, obsolete and previous entries are all well formed.
    fine = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n#| msgid "old"\n'
            'msgid "say \\"hi\\""\nmsgstr ""\n"part one "\n"part \\\\ two"\n\n#~ msgid "gone"\n#~ msgstr "x"\n')
    document = read_po("f.po", fine.encode("utf-8"))
    assert [s.target for s in document.segments] == ["part one part \\ two"]
