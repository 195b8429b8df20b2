"""The "Ambassadeur Join us" certificate as a one-page PDF, written by hand (no dependency).

A PDF with the standard Helvetica fonts needs no embedded font; WinAnsi (cp1252) covers the
Dutch letters (é, ë, ï) and the curly quotes of names like ‘Join us’.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.ambassadors.texts import MONTHS, format_hours
from bot.ambassadors.year_plan import school_year_label

A4 = (595, 842)


@dataclass(frozen=True)
class Line:
    text: str
    size: int
    y: int
    bold: bool = False


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _centered(line: Line) -> bytes:
    # Helvetica averages ~0.5 em per character; good enough to centre a short line.
    width = len(line.text) * line.size * 0.5
    x = max(40, int((A4[0] - width) / 2))
    font = b"/F2" if line.bold else b"/F1"
    return (
        b"BT " + font + b" %d Tf %d %d Td " % (line.size, x, line.y)
        + _pdf_string(line.text) + b" Tj ET\n"
    )


def certificate_lines(
    first_name: str, school: str, school_year: int, confirmed_minutes: int, issued_on: date
) -> list[Line]:
    return [
        Line("Certificaat", 36, 650, bold=True),
        Line("‘Ambassadeur Join us’", 26, 600, bold=True),
        Line("Hierbij verklaart Stichting Join us dat", 14, 530),
        Line(first_name, 28, 485, bold=True),
        Line(f"van {school}", 14, 450),
        Line(f"in het schooljaar {school_year_label(school_year)}", 14, 428),
        Line("ambassadeur van Join us is geweest en", 14, 395),
        Line(f"{format_hours(confirmed_minutes)} uur maatschappelijke stage heeft gelopen.", 14, 373),
        Line("Dank je wel voor je inzet voor jongeren die erbij willen horen!", 12, 320),
        Line(f"Uitgereikt op {issued_on.day} {MONTHS[issued_on.month - 1]} {issued_on.year}", 12, 200),
        Line("Stagebegeleider Join us", 12, 180),
    ]


def certificate_pdf(
    first_name: str, school: str, school_year: int, confirmed_minutes: int, issued_on: date
) -> bytes:
    content = b"".join(
        _centered(line)
        for line in certificate_lines(first_name, school, school_year, confirmed_minutes, issued_on)
    )
    # A frame around the page.
    content = b"2 w 30 30 535 782 re S\n" + content
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] " % A4
        + b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
