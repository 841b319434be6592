"""The rules file: the shipped one loads; a bad one is refused naming each bad entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.domain.drafts.templates import render
from tracker.domain.reminders.rules import NUMBERS, RulesError, default_rules, load_rules

GOOD = """
version = 1
[[rule]]
id = "applied_no_reply"
enabled = true
days = 7
template = "reminder_follow_up"
title = "Follow up with {first_name}"
explain = "After {days} days."
[[rule]]
id = "thank_you"
enabled = true
business_days = 1
template = "reminder_thank_you"
title = "Thank {first_name}"
explain = "After {business_days} business day."
[[rule]]
id = "prepare"
enabled = false
days_before = 1
template = "reminder_prepare"
title = "Prepare"
explain = "Before."
[[rule]]
id = "silence"
enabled = true
days = 14
follow_ups = 2
template = "reminder_silence"
title = "Ghosted?"
explain = "Quiet."
[[rule]]
id = "offer_decision"
enabled = true
business_days_before = 2
template = "reminder_offer"
title = "Decide"
explain = "Decide."
"""


def test_the_shipped_rules_load_with_every_rule_and_a_sentence_each() -> None:
    rules = default_rules()
    assert [rule.id for rule in rules.rules] == list(NUMBERS)
    for rule in rules.rules:
        assert set(rule.numbers) == set(NUMBERS[rule.id])
        assert "{" not in rule.sentence()
        assert rule.sentence().endswith(".")
        assert "{" not in render(rule.title, {"first_name": "Ana", "company": "X", "role": "Y"})


def test_a_good_file_loads_from_a_path(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(GOOD, encoding="utf-8")
    rules = load_rules(path)
    assert rules.on("prepare") is None
    assert rules.get("thank_you").sentence() == "After 1 business day."


def test_each_bad_entry_is_named() -> None:
    bad = (
        GOOD.replace("days = 7", "days = 0")
        .replace('template = "reminder_thank_you"', 'template = "nope"')
        .replace("enabled = false", 'enabled = "no"')
        .replace('title = "Ghosted?"', 'title = "Ghosted {whom}?"')
        .replace("business_days_before = 2", "business_days_before = 2\ncolour = 'red'")
        + '[[rule]]\nid = "birthday"\nenabled = true\ntemplate = "x"\ntitle = "x"\nexplain = "x"\n'
    )
    with pytest.raises(RulesError) as caught:
        load_rules(bad)
    problems = caught.value.problems
    assert "rule 1 'applied_no_reply': 'days' must be a whole number from 1 to 90, not 0" in (
        problems
    )
    assert "rule 2 'thank_you': template 'nope' not found" in problems
    assert "rule 3 'prepare': 'enabled' must be true or false, not 'no'" in problems
    assert "rule 4 'silence': title uses unknown field(s) whom" in problems
    assert "rule 5 'offer_decision': unknown field 'colour'" in problems
    assert any(p.startswith("rule 6 'birthday': unknown rule") for p in problems)
    assert str(caught.value) == "; ".join(problems)


def test_missing_rules_fields_and_broken_toml_are_named() -> None:
    only_one = GOOD.split('[[rule]]\nid = "thank_you"')[0].replace(
        'title = "Follow up', 'titel = "x'
    )
    with pytest.raises(RulesError) as caught:
        load_rules(only_one)
    assert "rule 1 'applied_no_reply': missing 'title'" in caught.value.problems
    assert "rule 'offer_decision' is missing" in caught.value.problems
    with pytest.raises(RulesError, match="not valid TOML"):
        load_rules("[[rule]\n")
    with pytest.raises(RulesError, match="no rules"):
        load_rules("version = 1\n")
    with pytest.raises(RulesError, match="duplicate id"):
        load_rules(GOOD + GOOD.split("version = 1")[1].split('[[rule]]\nid = "thank_you"')[0])


def test_a_sentence_reads_well_for_one() -> None:
    rules = default_rules().with_changes({}, {"thank_you": {"business_days": 1}})
    assert "1 business day later" in rules.get("thank_you").sentence()
    silence = default_rules().with_changes({}, {"silence": {"days": 1, "follow_ups": 1}})
    assert "1 day after the last interview" in silence.get("silence").sentence()
    assert "after 1 unanswered follow-up," in silence.get("silence").sentence()
