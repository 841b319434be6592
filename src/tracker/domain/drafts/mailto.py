"""mailto: links (RFC 6068) that survive any text: newlines, &, ?, #, %, +, accents, emoji."""

from __future__ import annotations

from urllib.parse import quote


def _encode(text: str) -> str:
    # safe="" encodes every reserved character, "/" included; quote() works in UTF-8.
    return quote(text, safe="")


def _crlf(text: str) -> str:
    """RFC 6068 wants line breaks in a body as CRLF, whatever the text used."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")


def build_mailto(to: str | None, subject: str, body: str) -> str:
    """A mailto: link to *to* (or to nobody, for the person to fill in) with a draft.

    A subject is one header line, so its line breaks become spaces. Empty parts are left
    out rather than sent as empty fields.
    """
    address = _encode((to or "").strip()).replace("%40", "@")
    one_line = " ".join(subject.splitlines()).strip()
    fields = []
    if one_line:
        fields.append(f"subject={_encode(one_line)}")
    if body:
        fields.append(f"body={_encode(_crlf(body))}")
    query = "&".join(fields)
    return f"mailto:{address}?{query}" if query else f"mailto:{address}"
