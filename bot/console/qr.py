"""QR codes (segno, pure Python) for invite and campaign links, and the A4 campaign poster."""

from __future__ import annotations

import io
from pathlib import Path

import segno
from markupsafe import Markup

# A Unicode TrueType font from Debian's fonts-dejavu-core (scripts/setup.sh installs it).
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"),)


def qr_svg(data: str, *, scale: int = 6) -> Markup:
    """An inline SVG (no script, allowed by our CSP), dark on white with a quiet zone."""
    code = segno.make(data, error="m")
    return Markup(code.svg_inline(scale=scale, border=4, dark="#000", light="#fff", omitsize=True))


def qr_png(data: str, *, scale: int = 10) -> bytes:
    buffer = io.BytesIO()
    segno.make(data, error="m").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def _font(name: str) -> Path | None:
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return folder / name
    return None


def poster_pdf(title: str, link: str, *, lines: tuple[str, ...] = (), footer: str = "") -> bytes:
    """A printable A4 poster: headline, a large QR code, the link spelled out and, in small
    print, which campaign it is (so staff can tell posters apart)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    regular, bold = _font("DejaVuSans.ttf"), _font("DejaVuSans-Bold.ttf")
    if regular is not None and bold is not None:
        pdf.add_font("DejaVu", "", str(regular))
        pdf.add_font("DejaVu", "B", str(bold))
        family = "DejaVu"
    else:  # no Unicode font installed: the core font, Latin-1 text only
        family = "Helvetica"
        title = title.encode("latin-1", "replace").decode("latin-1")
        footer = footer.encode("latin-1", "replace").decode("latin-1")
        lines = tuple(line.encode("latin-1", "replace").decode("latin-1") for line in lines)
    pdf.set_draw_color(47, 111, 143)
    pdf.set_line_width(1.5)
    pdf.rect(10, 10, 190, 277)
    pdf.set_font(family, "B", 34)
    pdf.set_xy(15, 24)
    pdf.multi_cell(180, 14, "Join us", align="C")
    pdf.set_font(family, "B", 22)
    pdf.set_x(15)
    pdf.multi_cell(180, 11, title, align="C")
    pdf.set_font(family, "", 15)
    for line in lines:
        pdf.set_x(20)
        pdf.multi_cell(170, 8, line, align="C")
    pdf.image(io.BytesIO(qr_png(link, scale=12)), x=45, y=120, w=120, h=120)
    pdf.set_font(family, "", 12)
    pdf.set_xy(15, 248)
    pdf.multi_cell(180, 7, "Scan de code met je telefoon, of open:", align="C")
    pdf.set_x(15)
    pdf.set_font(family, "B", 12)
    pdf.multi_cell(180, 7, link, align="C")
    if footer:
        pdf.set_font(family, "", 8)
        pdf.set_xy(15, 278)
        pdf.cell(180, 5, footer, align="R")
    return bytes(pdf.output())
