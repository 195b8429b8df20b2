"""The "Ambassadeur Join us" certificate as a one-page A4 PDF (fpdf2, DejaVu Sans embedded).

The font ships with the package (``fonts/``, with its licence), so a name like "Şeyma",
"Mohammed Ağaoğlu" or "Дарья" prints as written on any machine or image, without a system
font; fpdf2 embeds only the glyphs used (a certificate is about 30 kB).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

from bot.ambassadors import texts
from bot.ambassadors.formats import format_hours
from bot.ambassadors.views import CertificateData
from bot.ambassadors.year_plan import school_year_label

FONTS = Path(__file__).parent / "fonts"
FAMILY = "DejaVuSans"
PAGE_WIDTH, PAGE_HEIGHT = 595.28, 841.89  # A4 in points
MARGIN = 40


@dataclass(frozen=True)
class Line:
    text: str
    size: int
    y: int  # baseline area, points from the top of the page
    bold: bool = False


def certificate_lines(cert: CertificateData) -> list[Line]:
    issued = cert.issued_on
    return [
        Line(texts.CERTIFICATE_TITLE, 36, 170, bold=True),
        Line(texts.CERTIFICATE_SUBTITLE, 26, 220, bold=True),
        Line(texts.CERTIFICATE_DECLARES, 14, 290),
        Line(cert.first_name, 28, 330, bold=True),
        Line(texts.CERTIFICATE_SCHOOL.format(school=cert.school), 14, 380),
        Line(texts.CERTIFICATE_YEAR.format(year=school_year_label(cert.school_year)), 14, 402),
        Line(texts.CERTIFICATE_WAS_AMBASSADOR, 14, 435),
        Line(texts.CERTIFICATE_HOURS.format(hours=format_hours(cert.confirmed_minutes)), 14, 457),
        Line(texts.CERTIFICATE_THANKS, 12, 510),
        Line(
            texts.CERTIFICATE_ISSUED.format(
                day=issued.day, month=texts.MONTHS[issued.month - 1], year=issued.year
            ),
            12,
            630,
        ),
        Line(texts.CERTIFICATE_SIGNED, 12, 650),
    ]


def _fitted(pdf: FPDF, line: Line) -> None:
    """Set the line's font, smaller if needed so a long name or school fits between margins."""
    style = "B" if line.bold else ""
    size = float(line.size)
    pdf.set_font(FAMILY, style, size)
    while size > 8 and pdf.get_string_width(line.text) > PAGE_WIDTH - 2 * MARGIN:
        size -= 1
        pdf.set_font(FAMILY, style, size)


def certificate_pdf(cert: CertificateData) -> bytes:
    pdf = FPDF(orientation="portrait", unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_title(texts.CERTIFICATE_SUBTITLE.strip("‘’"))
    pdf.set_author("Stichting Join us")
    pdf.set_lang("nl")
    pdf.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.add_page()
    pdf.set_line_width(2)
    pdf.rect(30, 30, PAGE_WIDTH - 60, PAGE_HEIGHT - 60)  # a frame around the page
    for line in certificate_lines(cert):
        _fitted(pdf, line)
        pdf.set_xy(MARGIN, line.y)
        pdf.cell(PAGE_WIDTH - 2 * MARGIN, line.size * 1.2, line.text, align="C")
    return bytes(pdf.output())
