"""Spreadsheet formula injection: a text cell of an export must never run as a formula.

Excel, WPS and LibreOffice read a CSV cell that starts with = + - @, a tab or a carriage
return as a formula (`=HYPERLINK(...)` becomes a live link, `@SUM(...)` a calculation).
OWASP's advice is followed: such a text cell gets a leading single quote, which
spreadsheets show as text and hide. Only text columns are touched, so a negative number
in a numeric column stays a number. JSON exports keep the exact text.
"""
from __future__ import annotations

STARTERS = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(value, column_type: str = "string"):
    """The value as written to a spreadsheet cell of a column of `column_type` (Table Schema types)."""
    if column_type != "string" or not isinstance(value, str) or not value.startswith(STARTERS):
        return value
    return "'" + value
