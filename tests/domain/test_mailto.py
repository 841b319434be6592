from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from tracker.domain.drafts.mailto import build_mailto

HARD = "Line one\nA & B? #1 100% a+b=c\nÜber café — 日本 🎉\n\nend /slash"


def _parts(link: str) -> tuple[str, dict[str, list[str]]]:
    parts = urlsplit(link)
    assert parts.scheme == "mailto"
    assert parts.fragment == ""  # a "#" in the text must not cut the link
    return unquote(parts.path), parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)


def test_round_trips_any_text() -> None:
    link = build_mailto("priya.raman@northwind.example", "Thank you & more? #2 50% a+b", HARD)
    to, query = _parts(link)
    assert to == "priya.raman@northwind.example"
    assert query["subject"] == ["Thank you & more? #2 50% a+b"]
    assert query["body"] == [HARD.replace("\n", "\r\n")]
    assert link.isascii()
    assert " " not in link
    assert "\n" not in link


def test_line_breaks_are_crlf_whatever_the_text_used() -> None:
    link = build_mailto("a@b.example", "S", "one\r\ntwo\rthree\nfour")
    assert "one%0D%0Atwo%0D%0Athree%0D%0Afour" in link
    assert _parts(link)[1]["body"] == ["one\r\ntwo\r\nthree\r\nfour"]


def test_subject_is_one_line() -> None:
    assert _parts(build_mailto("a@b.example", "Hello\nthere", ""))[1] == {
        "subject": ["Hello there"]
    }


@pytest.mark.parametrize("to", [None, "", "  "])
def test_no_address_leaves_it_for_the_mail_client(to: str | None) -> None:
    link = build_mailto(to, "Hi", "Body")
    assert link.startswith("mailto:?")
    assert _parts(link) == ("", {"subject": ["Hi"], "body": ["Body"]})


def test_address_with_special_characters_is_encoded() -> None:
    link = build_mailto("o'brien+jobs?x#y@example.com", "", "")
    assert link == "mailto:o%27brien%2Bjobs%3Fx%23y@example.com"
    assert _parts(link)[0] == "o'brien+jobs?x#y@example.com"
