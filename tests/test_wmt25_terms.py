"""The two term success rates of `termcheck score` on a fixture small enough to count by hand."""
from termcheck.glossary.model import Entry
from termcheck.scoring.terms import term_success, wmt25_term_success

UPHOLDS = Entry(zh="两个维护", en="Two Upholds", admitted=("two upholds",))
BASTION = Entry(zh="战斗堡垒", en="fighting bastion", admitted=("stronghold",))
SECURITY = Entry(zh="国家安全", en="national security")

TERMS = [[UPHOLDS, BASTION], [SECURITY], [UPHOLDS]]
HYPOTHESES = [
    "We keep the two maintenances; the branch is a fighting bastions.",  # 两个维护 missed; 战斗堡垒 inflected
    "national-security matters",                                         # a hyphen: no substring match
    "the Two Upholds",
]
REFERENCES = [[
    "We keep the Two Upholds; the branch is a fighting bastion.",        # both terms rendered
    "National security matters.",                                        # rendered
    "the two safeguards",                                                # not rendered: 两个维护 left out
]]


def test_the_wmt25_definition_counts_only_terms_the_reference_renders_as_lowercased_substrings():
    # By hand: line 1 counts 两个维护 (miss: "two maintenances") and 战斗堡垒 (hit: "fighting bastion" is a
    # substring of "fighting bastions"); line 2 counts 国家安全 (miss: "national-security"); line 3 does
    # not count 两个维护, since the reference says "two safeguards". 1 hit of 3.
    official = wmt25_term_success(TERMS, HYPOTHESES, REFERENCES)
    assert (official.hits, official.total) == (1, 3)


def test_termchecks_own_rate_counts_every_source_term_with_word_matching():
    # By hand: 4 source terms; hits are 战斗堡垒 (plural allowed), 国家安全 (a hyphen matches a space) and
    # line 3's Two Upholds: 3 of 4. The reference plays no part.
    own = term_success(TERMS, HYPOTHESES, REFERENCES)
    assert (own.hits, own.total) == (3, 4)
    assert [(m.line, m.entry.zh) for m in own.missed] == [(1, "两个维护")]
    assert own.wmt25 is not None and (own.wmt25.hits, own.wmt25.total) == (1, 3)
