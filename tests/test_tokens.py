from hypothesis import given, settings
from hypothesis import strategies as st

from termcheck.matching.automaton import surface_forms
from termcheck.matching.normalize import BARRIER, normalize
from termcheck.matching.tokens import pluralize, singular


def test_singular_and_plural():
    assert singular("maintenances") == "maintenance"
    assert singular("policies") == "policy"
    assert singular("boxes") == "box"
    for kept in ("us", "analysis", "status", "class"):
        assert singular(kept) == kept
    assert [pluralize(w) for w in ("fort", "policy", "box", "day")] == ["forts", "policies", "boxes", "days"]


def test_surface_forms_cover_hyphen_article_and_number():
    assert surface_forms("battle-fort") == {"battle fort", "battle forts", "battlefort", "battleforts"}
    assert surface_forms("the Two Upholds") == {"two upholds", "two uphold"}
    assert surface_forms("Yan’an") == {"yan'an"}


def test_normalize_folds_case_breaks_hyphens_and_apostrophes():
    n = normalize("Two\n  Maintenances’ battle-\nfort")
    assert n.text == "two maintenances' battle fort"
    assert BARRIER in normalize("a\n\nb").text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"ab -\n\t’İ_*", "  ", "\n\n", "x\n \ny"]), max_size=40).map("".join))
def test_normalized_offsets_map_back_exactly(text):
    n = normalize(text)
    for i, char in enumerate(n.text):
        original = n.original(i)
        assert 0 <= original < len(text)
        if char not in " '" + BARRIER:
            assert text[original].lower() == char or text[original] == char or (text[original], char) == ("İ", "i")
        if i + 1 < len(n.text):
            assert n.original(i + 1) > original
    assert n.original_end(len(n.text)) <= len(text)
