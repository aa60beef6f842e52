"""What counts as identifying in mapping data: names, phone numbers, emails, handles."""

from __future__ import annotations

import pytest

from cpphub.mapping.identifiers import column_kind, column_name_kind, text_identifiers, value_kind


@pytest.mark.parametrize(
    ("column", "kind"),
    [
        ("child_name", "name"),
        ("about/Nome do responsável", "name"),
        ("ชื่อ", "name"),
        ("guardian_phone", "phone"),
        ("celular", "phone"),
        ("email", "email"),
        ("endereço", "address"),
        ("about/participant_code", None),
        ("uncomfortable/contact_uneasy", None),
    ],
)
def test_a_column_name_says_what_it_holds(column, kind):
    assert column_name_kind(column) == kind


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("ana.souza@example.org", "email"),
        ("+55 11 98765-4321", "phone"),
        ("081 234 5678", "phone"),
        ("@ana_souza09", "handle"),
        ("Maria da Silva", "name"),
        ("ด.ญ. สมศรี", "name"),
        ("เด็กชาย สมชาย", "name"),
        ("CR-C-1001", None),
        ("chatroom social_network", None),
        ("13_15", None),
        ("I told my mum", None),
        ("12", None),
    ],
)
def test_a_value_that_identifies_someone_is_spotted(value, kind):
    assert value_kind(value) == kind


def test_a_column_is_identifying_by_any_of_its_values():
    assert column_kind("who_helped", ["my teacher", "Joana Pereira"]) == "name"
    assert column_kind("participant_code", ["P-001", "P-002"]) is None


def test_a_quote_keeps_no_identifier():
    assert text_identifiers("He said: my name is Pedro, call me on 11 98765 4321") == ["phone", "name"]
    assert text_identifiers("หนูชื่อ มะลิ") == ["name"]
    assert text_identifiers("Someone I met in a game asked me for photos.") == []
