"""Word-level diffs of realistic revisions of the telegram's wording."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from aligner.core.wordiff import (
    DiffOp,
    changed_words,
    diff_with_ratio,
    format_word_diff,
    similarity,
    similarity_at_least,
    tokenize,
    word_diff,
)

BLOCKADE = (
    "We will propose in the framework of these declarations to stipulate, as a guarantee of "
    "Cuban security, the final end to all blockade activity against Cuba, and the duties of "
    "the USA in the capacity proposed by Comrade N.S. Khrushchev's message to Kennedy of "
    "27 October."
)
FIFTH = (
    "In the course of future negotiations, and especially during the preparation of the texts "
    "of the Security Council documents, we will have to oppose our own concrete formulation "
    'to the American formulation "offensive weaponry."'
)


def test_words_and_punctuation_are_separate_tokens():
    assert tokenize('so-called "UN presence" in Cuba.') == [
        "so-called", '"', "UN", "presence", '"', "in", "Cuba", ".",
    ]


def test_initials_compounds_and_dates_stay_whole():
    tokens = tokenize("Comrade N.S. Khrushchev, the Soviet-American declaration, 30.X.62, D.C.;")
    assert "N.S." in tokens and "Soviet-American" in tokens
    assert "30.X.62" in tokens and "D.C." in tokens
    assert tokens[-1] == ";"


def test_cyrillic_words_and_russian_punctuation():
    assert tokenize("«Присутствие ООН» на Кубе — т.е. гарантия; советско-американская…") == [
        "«", "Присутствие", "ООН", "»", "на", "Кубе", "—", "т.е.", "гарантия", ";",
        "советско-американская", "…",
    ]


def test_dash_runs_and_brackets_are_tokens():
    assert tokenize("carried out-- only [and] Yugoslavia") == [
        "carried", "out", "--", "only", "[", "and", "]", "Yugoslavia",
    ]


def test_a_changed_term_is_one_replaced_word():
    revised = BLOCKADE.replace("duties", "obligations")
    ops = word_diff(BLOCKADE, revised)
    assert [op.tag for op in ops] == ["equal", "replace", "equal"]
    assert ops[1] == DiffOp("replace", "duties ", "obligations ")
    assert changed_words(ops) == (1, 1)


def test_a_changed_term_and_a_dropped_comma_read_like_git_word_diff():
    revised = BLOCKADE.replace("activity against Cuba,", "actions against Cuba")
    assert format_word_diff(word_diff(BLOCKADE, revised)) == (
        "We will propose in the framework of these declarations to stipulate, as a guarantee of "
        "Cuban security, the final end to all blockade [-activity-]{+actions+} against Cuba[-,-] "
        "and the duties of the USA in the capacity proposed by Comrade N.S. Khrushchev's message "
        "to Kennedy of 27 October."
    )


def test_a_reordered_clause_moves_as_one_block():
    revised = (
        "We will have to oppose our own concrete formulation to the American formulation "
        '"offensive weaponry" in the course of future negotiations, and especially during the '
        "preparation of the texts of the Security Council documents."
    )
    assert format_word_diff(word_diff(FIFTH, revised)) == (
        "[-In-]{+We will have to oppose our own concrete formulation to the American formulation "
        '"offensive weaponry" in+} the course of future negotiations, and especially during the '
        "preparation of the texts of the Security Council documents[-, we will have to oppose our "
        'own concrete formulation to the American formulation "offensive weaponry-].[-"-]'
    )


def test_a_deleted_sentence_is_one_deletion():
    old = (
        "With regard to the composition of the inspection apparatus, there are now several "
        "variants being advanced in UN circles. We request your examination."
    )
    new = old.replace(" We request your examination.", "")
    ops = word_diff(old, new)
    assert [op.tag for op in ops] == ["equal", "delete"]
    assert ops[1].old == "We request your examination."
    assert format_word_diff(ops).endswith("UN circles. [-We request your examination.-]")


def test_a_russian_revision_is_diffed_by_words():
    old = "Мы предлагаем, чтобы в состав групп вошли представители Индонезии, Цейлона, ОАР и Ганы."
    new = old.replace("групп", "групп контроля").replace(", ОАР", "")
    assert format_word_diff(word_diff(old, new)) == (
        "Мы предлагаем, чтобы в состав групп {+контроля+} вошли представители Индонезии, "
        "Цейлона[-, ОАР-] и Ганы."
    )


def test_identical_and_empty_texts():
    assert word_diff(FIFTH, FIFTH) == [DiffOp("equal", FIFTH, FIFTH)]
    assert word_diff("", "") == []
    assert word_diff("", "New text.") == [DiffOp("insert", "", "New text.")]
    assert format_word_diff(word_diff("Old text.", "")) == "[-Old text.-]"


def test_similarity_is_a_token_ratio():
    assert similarity(FIFTH, FIFTH) == 1.0
    assert similarity(BLOCKADE, FIFTH) < 0.4
    one_word = similarity(BLOCKADE, BLOCKADE.replace("duties", "obligations"))
    assert 0.95 < one_word < 1.0


def test_similarity_at_least_agrees_with_similarity():
    revised = BLOCKADE.replace("duties", "obligations")
    assert similarity_at_least(BLOCKADE, revised, 0.9) == similarity(BLOCKADE, revised)
    assert similarity_at_least(BLOCKADE, FIFTH, 0.9) is None


_texts = st.text(alphabet=st.sampled_from(list("ab Кс.,-\"'\n[]")), max_size=40)


@given(_texts, _texts)
def test_both_wordings_are_rebuilt_exactly_from_the_ops(old, new):
    ops = word_diff(old, new)
    if tokenize(old) or tokenize(new):
        assert "".join(op.old for op in ops) == old
        assert "".join(op.new for op in ops) == new
    assert 0.0 <= similarity(old, new) <= 1.0


def test_diff_with_ratio_matches_the_separate_functions():
    revised = BLOCKADE.replace("duties", "obligations")
    ops, ratio = diff_with_ratio(BLOCKADE, revised, 0.2)
    assert ops == word_diff(BLOCKADE, revised) and ratio == similarity(BLOCKADE, revised)


def test_unrelated_texts_are_one_replacement_below_the_cutoff():
    short = "We request your examination."
    ops, ratio = diff_with_ratio(short, BLOCKADE, 0.5)
    assert ops == [DiffOp("replace", short, BLOCKADE)] and ratio < 0.5
    russian = "Просим рассмотреть. " * 300
    ops, ratio = diff_with_ratio(FIFTH * 5, russian, 0.2)
    assert len(ops) == 1 and ratio < 0.2
