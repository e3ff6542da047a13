from termcheck.matching.tokens import joinable, phrase_key_variants, singular, word_key


def test_word_key_folds_case_plural_possessive_and_apostrophes():
    assert word_key("Maintenances") == "maintenance"
    assert word_key("establishment’s") == "establishment"
    assert word_key("Establishments") == "establishment"
    assert word_key("policies") == "policy"
    assert word_key("Yan’an") == word_key("Yan'an") == "yanan"


def test_singular_leaves_short_and_latinate_words():
    assert singular("us") == "us"
    assert singular("analysis") == "analysis"
    assert singular("status") == "status"
    assert singular("class") == "class"
    assert singular("boxes") == "box"


def test_hyphen_in_phrase_means_hyphen_space_or_nothing():
    assert set(phrase_key_variants("battle-fort")) == {("battle", "fort"), ("battlefort",)}


def test_leading_article_is_optional():
    assert phrase_key_variants("the Two Upholds") == [("two", "uphold")]
    assert phrase_key_variants("a") == [("a",)]


def test_joinable_gaps():
    assert joinable(" ")
    assert joinable("\n")
    assert joinable("  \n  ")
    assert joinable("-")
    assert joinable("-\n")
    assert not joinable("\n\n")
    assert not joinable(", ")
    assert not joinable(" “")
    assert not joinable("\x00")
