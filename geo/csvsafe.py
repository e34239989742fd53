"""CSV cells a spreadsheet reads as text, never as a formula (OWASP's "CSV injection" rule).

Why: events.csv and the ACLED-style CSV carry article text (evidence, titles,
file names), and articles are untrusted input. A cell starting with `=`, `+`,
`-` or `@` (or a tab or carriage return, which some spreadsheets skip before
one) is run as a formula when the file is opened: a Markdown bullet
("- The Taliban captured ...") shows as #NAME?, an index title
`=HYPERLINK(...)` becomes a live link. OWASP's remedy: such a cell is
prefixed with a single quote. Numbers are left alone (a longitude of -12.5 is
a number, not a formula), so only text cells are touched.
"""

from __future__ import annotations

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells cannot start a formula; number columns are as they were."""
    texts = [c for c in frame.columns if pd.api.types.is_string_dtype(frame[c]) or frame[c].dtype == object]
    risky = {c: formula_rows(frame[c]) for c in texts}
    risky = {c: rows for c, rows in risky.items() if rows.any()}  # most columns of most tables have none
    if not risky:
        return frame
    return frame.assign(**{c: frame[c].where(~rows, "'" + frame[c].astype(str)) for c, rows in risky.items()})


def formula_rows(column: pd.Series) -> pd.Series:
    """Which cells of a column are text that starts like a formula (read in C where pandas can)."""
    try:
        found = column.str.startswith(FORMULA_START)
    except AttributeError:  # an object column with no text in it (all None)
        found = column.map(lambda value: isinstance(value, str) and value.startswith(FORMULA_START))
    return found.fillna(False).astype(bool)


def csv_text(frame: pd.DataFrame) -> str:
    """The frame as CSV text, safe to open in a spreadsheet."""
    return safe_frame(frame).to_csv(index=False)
