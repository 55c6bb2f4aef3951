"""A collection CSV is joined from its rows' kept lines (opendata/generator.py csv_line,
csv_lines_text): the bytes must be those of one CSV writer writing the whole file, whatever the
cells hold (quotes, commas, line breaks, a leading = that must stay inert text)."""
import csv
import io
import random
from dataclasses import dataclass

from disclosure.formulas import inert_cell
from opendata.generator import csv_line, csv_lines_text, csv_text


@dataclass
class Column:
    header: str
    type: str


def whole_file(columns, rows) -> str:
    """The file as one csv.writer writes it, header first (the ground truth)."""
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\r\n")
    out.writerow([c.header for c in columns])
    out.writerows([inert_cell(v, c.type) for v, c in zip(row, columns)] for row in rows)
    return "\ufeff" + buf.getvalue()


PIECES = ["提案", "a", ",", '"', "\n", "\r\n", " ", "=SUM(A1)", "+1", "-", "@x", "0110", "", "答复，“好”"]


def test_joined_lines_are_the_whole_files_bytes():
    rng = random.Random(21)
    columns = [Column("编号", "string"), Column("=标题", "string"), Column("件数", "integer"), Column("日期", "date")]
    for _ in range(200):
        rows = [[rng.choice([None, 3, "".join(rng.choices(PIECES, k=rng.randint(0, 4)))]) for _ in columns]
                for _ in range(rng.randint(0, 5))]
        assert csv_lines_text(columns, [csv_line(columns, r) for r in rows]) == whole_file(columns, rows)
        assert csv_text(columns, rows) == whole_file(columns, rows)
