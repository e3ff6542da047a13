"""Literal machine renderings of the domain's fixed terms are caught; the same words in ordinary English are not.

Each garbled sentence is the kind of output MT systems give for a Party or government text; each ordinary
sentence shares words with a pattern or phrase of the glossary and must stay silent.
"""
import pytest
from conftest import lint_text

from termcheck.engine import Linter
from termcheck.glossary import load_glossaries, load_proper_names
from termcheck.matching.compiled import CompiledGlossary
from termcheck.resources import default_glossaries, default_proper_names

TERM_RULES = ("TC101", "TC104")


@pytest.fixture(scope="module")
def linter():
    glossary = load_glossaries([str(p) for p in default_glossaries()])
    return Linter(CompiledGlossary(glossary), load_proper_names(str(default_proper_names())))


@pytest.mark.parametrize(("sentence", "concept"), [
    ("The whole province adhered to a game of chess and went all out.", "一盘棋"),
    ("The province insisted on a set of chess in epidemic control.", "一盘棋"),
    ("The entire country is a chessboard when fighting the flood.", "一盘棋"),
    ("Primary-level Party organizations serve as a battle fortress.", "战斗堡垒"),
    ("The targets of the Thirteen Five-Year were met.", "十三五"),
    ("We will promote common wealth for all the people.", "共同富裕"),
    ("Implement priority employment policies in full.", "就业优先政策"),
    ("The leading cadres of Party members must set an example.", "党员领导干部"),
    ("Carry forward the spirit of resistance to war.", "抗战精神"),
    ("Study the important directive spirit of the General Secretary.", "重要指示精神"),
    ("The Wan Ma Pentium award was presented.", "万马奔腾"),
    ("The Propaganda and Education Bureau held an open day.", "宣传教育局"),
    ("The hard nuclear force of science and technology.", "硬核力量"),
    ("Make public services more temperature.", "更有温度"),
    ("Doctors fought the new pneumonia in Wuhan.", "新冠肺炎"),
    ("We must turn the crisis into a machine.", "化危为机"),
    ("The two-bank relations improved this year.", "两岸关系"),
    ("The disaster arises from the Xiao wall.", "祸起萧墙"),
])
def test_a_literal_rendering_is_flagged(linter, sentence, concept):
    findings = lint_text(linter, sentence, select=TERM_RULES)
    assert [f.concept.zh for f in findings if f.concept] == [concept]


@pytest.mark.parametrize("sentence", [
    "On Sunday afternoons they played a game of chess in the park.",
    "She bought a set of chess pieces and a chessboard.",
    "The commonwealth of Australia was founded in 1901.",
    "The nurse took more temperature readings at night.",
    "Priority was given to employment and training policies.",
    "The anti-war movement grew in the 1960s.",
    "Ferries cross between the shores of the Strait of Gibraltar.",
    "North-South talks resumed, and many hands make light work.",
])
def test_ordinary_english_sharing_the_words_is_not(linter, sentence):
    assert lint_text(linter, sentence, select=TERM_RULES) == []


@pytest.mark.parametrize("sentence", [
    "Build urban party-building alliances in every district.",
    "This ensures effective coverage of party work.",
    "The unity of the entire party, the army and the people.",
    "He was a Communist party underground member.",
    "Keep close party-mass relations.",
])
def test_lower_case_party_for_the_cpc_is_flagged(linter, sentence):
    findings = lint_text(linter, sentence, select=TERM_RULES)
    assert [(f.concept.zh, sentence[f.start:f.end]) for f in findings if f.concept] == [("党", "party")]


@pytest.mark.parametrize("sentence", [
    "The party-goers left after a third-party building inspection.",
    "A birthday party for the members of the club.",
    "Each party to the contract shall bear its own costs.",
])
def test_party_in_ordinary_english_is_left_alone(linter, sentence):
    assert lint_text(linter, sentence, select=TERM_RULES) == []
