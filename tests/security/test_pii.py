"""The personal-data warning for free text: e-mail addresses, phone numbers, dates of birth."""

import pytest

from audit.pii import personal_data_warnings


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Contact jane.doe@example.org for the referral", "e-mail"),
        ("Call her on +1 (555) 123-4567", "phone"),
        ("Her number is 0151 23456789", "phone"),
        ("Survivor born 12/03/1999", "date of birth"),
        ("The girl, aged 15, was referred", "date of birth"),
        ("DOB: 1999-03-12", "date of birth"),
    ],
)
def test_text_that_looks_like_personal_data_is_flagged(text, expected):
    warnings = personal_data_warnings(text)
    assert any(expected in w for w in warnings), warnings
    assert "victim or survivor" in warnings[-1]


@pytest.mark.parametrize(
    "text",
    [
        "",
        None,
        "Agreed to renew the MOU on 2024-05-01; 12 partners attended.",
        "Budget of 250000 was discussed for 2025.",
        "Quarterly coordination meeting; next one 03/06/2025.",
        "Outreach at 3 hotels, 2 bus stations and the port.",
    ],
)
def test_ordinary_collaboration_notes_are_not_flagged(text):
    assert personal_data_warnings(text) == []
