from hypothesis import given, settings
from hypothesis import strategies as st

from termcheck.glossary.model import Entry, Glossary
from termcheck.matching.automaton import PhraseAutomaton, paragraph_chunks
from termcheck.matching.compiled import CompiledGlossary, Kind


def compiled(*entries: Entry) -> CompiledGlossary:
    return CompiledGlossary(Glossary(list(entries)))


UPHOLDS = Entry("两个维护", "Two Upholds", deprecated=("two maintenance",))
BASTION = Entry("战斗堡垒", "fighting bastion", deprecated=("battle-fort",))
SECURITY = Entry("国家安全", "national security")
CONCEPT = Entry("总体国家安全观", "holistic approach to national security",
                deprecated=("overall national security concept",))


def spans(glossary: CompiledGlossary, text: str) -> list[tuple[str, str]]:
    return [(text[h.start:h.end], h.kind.value) for h in glossary.find_terms(text)]


def test_longest_match_wins_over_contained_phrase():
    g = compiled(SECURITY, CONCEPT)
    assert spans(g, "the overall national security concept and national security") == [
        ("overall national security concept", "deprecated"),
        ("national security", "preferred"),
    ]


def test_acceptable_rendering_is_never_reported_as_deprecated():
    a = Entry("甲", "state security organs")
    b = Entry("乙", "security organs", deprecated=("state security organs",))
    g = compiled(b, a)
    hits = g.find_terms("the state security organs")
    assert [(h.entry.zh, h.kind) for h in hits] == [("甲", Kind.PREFERRED)]


def test_no_match_across_punctuation_or_blank_line():
    g = compiled(UPHOLDS)
    assert spans(g, "two, maintenances") == []
    assert spans(g, "two\n\nmaintenances") == []
    assert spans(g, "two\nmaintenances") == [("two\nmaintenances", "deprecated")]


def test_match_requires_word_boundaries():
    g = compiled(BASTION)
    assert spans(g, "battlefortress") == []
    assert spans(g, "abattle fort") == []


def test_paragraph_chunks_cover_text_and_cut_at_blank_lines():
    text = ("para one two\n\n" * 50)
    pieces = list(paragraph_chunks(text, size=100))
    assert "".join(p for _, p in pieces) == text
    assert all(text[o:o + len(p)] == p for o, p in pieces)
    assert all(p.endswith("\n\n") for _, p in pieces[:-1])


def test_paragraph_chunks_of_a_text_without_newlines_cut_at_spaces():
    text = "word " * 100
    pieces = list(paragraph_chunks(text, size=64))
    assert len(pieces) > 1 and "".join(p for _, p in pieces) == text
    assert all(p.endswith(" ") for _, p in pieces[:-1])


def test_footnote_digits_stuck_to_a_word_do_not_hide_it():
    g = compiled(UPHOLDS)
    assert spans(g, "the two maintenances1 and two maintenances¹.") == [
        ("two maintenances", "deprecated"), ("two maintenances", "deprecated")]


def test_automaton_reports_payloads_of_longest():
    automaton: PhraseAutomaton[str] = PhraseAutomaton()
    automaton.add("p q", "pq")
    automaton.add("p q r", "pqr")
    automaton.add("q r", "qr")
    found = automaton.find("x p q r q r")
    assert [(m.payloads, m.start, m.end) for m in found] == [(("pqr",), 2, 7), (("qr",), 8, 11)]


# --- property tests: a glossary phrase is found however it is written -----------------------------

def _case(draw, word: str) -> str:
    return "".join(c.upper() if draw(st.booleans()) else c.lower() for c in word)


@st.composite
def written_phrase(draw):
    """'battle fort' as a translator or a machine might write it, with the expected match text."""
    words = ["battle", "fort"]
    first, second = _case(draw, words[0]), _case(draw, words[1])
    separator = draw(st.sampled_from([" ", "-", "", "\n", "  ", " \n", "-\n", "\t"]))
    plural = draw(st.sampled_from(["", "s", "’s", "'s"]))
    return f"{first}{separator}{second}{plural}"


@st.composite
def surrounding(draw):
    before = draw(st.sampled_from(["", "the ", "a “", "(", "“", "\"", "‘", "of the\n", "1. "]))
    after = draw(st.sampled_from(["", ".", "”", "\"", ", and more", ")", "’", "\n"]))
    return before, after


@settings(max_examples=300, deadline=None)
@given(written_phrase(), surrounding(), st.text(alphabet="xyz .,\n", max_size=20))
def test_phrase_found_however_cased_wrapped_hyphenated_or_quoted(phrase, around, noise):
    g = compiled(BASTION)
    before, after = around
    prefix = noise + (" " if noise and not noise.endswith((" ", "\n")) else "")
    text = f"{prefix}{before}{phrase}{after}"
    hits = g.find_terms(text)
    assert len(hits) == 1
    hit = hits[0]
    found = text[hit.start:hit.end]
    expected = phrase[:-2] if phrase.endswith(("’s", "'s")) else phrase
    assert found == expected
    assert hit.start == len(prefix) + len(before)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200))
def test_offsets_always_index_the_original_text(text):
    g = compiled(UPHOLDS, BASTION, SECURITY, CONCEPT)
    last_end = 0
    for hit in g.find_terms(text):
        assert 0 <= last_end <= hit.start < hit.end <= len(text)
        last_end = hit.end


def test_markdown_hard_wrapped_block_quote_and_emphasis():
    g = compiled(UPHOLDS, CONCEPT)
    text = "> we must achieve the two\n> maintenances and the **overall national\n> security concept**"
    assert spans(g, text) == [("two\n> maintenances", "deprecated"),
                              ("overall national\n> security concept", "deprecated")]


def test_a_dotted_capital_i_keeps_offsets_and_the_pattern_prefilter():
    """"İ" is the one character whose lower case is two; it used to switch the patterns' prefilter off for
    the whole text (every pattern searched everything) and is now folded to "i" one for one."""
    laurels = Entry("决不能躺在功劳簿上", "must never rest on our laurels",
                    pattern=r"\bneed to rest on (?:our|its|their) laurels\b")
    g = compiled(UPHOLDS, laurels)
    text = "İstanbul İİ: " * 50 + "we need to rest on our laurels and the two maintenances. İ"
    assert [text[h.start:h.end] for h in g.find_patterns(text)] == ["need to rest on our laurels"]
    assert spans(g, text) == [("two maintenances", "deprecated")]
    assert g._needle_occurrences(text.replace("\u0130", "i").lower())  # the prefilter ran on it


@given(st.text(alphabet="İiI ab\n", max_size=60))
def test_lowering_keeps_length_whatever_the_capitals(text):
    from termcheck.matching.normalize import lower_keeping_length

    assert len(lower_keeping_length(text)) == len(text)


FORGET = Entry("不忘初心", "stay true to our original aspiration",
               deprecated=("do not forget the original intention",))


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["the", "their", "our", "its", "his", "your", "Their", "OUR"]),
       st.sampled_from(["", "We ", "They must\n", "“"]), st.sampled_from(["", ".", " and go on"]))
def test_a_possessive_determiner_stands_for_any_other(determiner, before, after):
    text = f"{before}do not forget {determiner} original intention{after}"
    assert spans(compiled(FORGET), text) == [(f"do not forget {determiner} original intention", "deprecated")]
    right = f"{before}stay true to {determiner} original aspiration{after}"
    assert spans(compiled(FORGET), right) == [(f"stay true to {determiner} original aspiration", "preferred")]


def test_determiners_inside_words_are_left_alone():
    hours = Entry("甲", "four hours", deprecated=("our sours",))
    g = compiled(hours, FORGET)
    assert spans(g, "four hours, yours, its' and ours: do not forget her original intention") == [
        ("four hours", "preferred")]
