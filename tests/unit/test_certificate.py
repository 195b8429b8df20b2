"""The certificate PDF: names in any script come back out of the PDF as written (issue 13)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from bot.ambassadors.certificate import FONTS, certificate_pdf
from bot.ambassadors.views import CertificateData


def _cert(name: str, school: str = "Het (Baarnsch) Lyceum") -> CertificateData:
    return CertificateData(
        first_name=name,
        school=school,
        school_year=2025,
        confirmed_minutes=1830,
        issued_on=date(2026, 6, 12),
    )


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    return reader.pages[0].extract_text()


@pytest.mark.parametrize("name", ["Şeyma", "Zoë", "Mohammed Ağaoğlu", "Дарья"])
def test_a_name_in_any_script_prints_as_written(name: str) -> None:
    pdf = certificate_pdf(_cert(name))
    assert pdf.startswith(b"%PDF-")
    text = _text(pdf)
    assert name in text and "?" not in text
    for line in (
        "‘Ambassadeur Join us’",
        "van Het (Baarnsch) Lyceum",
        "in het schooljaar 2025-2026",
        "30,5 uur maatschappelijke stage heeft gelopen.",
        "Uitgereikt op 12 juni 2026",
    ):
        assert line in text


def test_the_font_is_embedded_and_ships_with_its_licence() -> None:
    pdf = certificate_pdf(_cert("Zoë"))
    reader = PdfReader(io.BytesIO(pdf))
    resources = reader.pages[0]["/Resources"].get_object()
    assert isinstance(resources, DictionaryObject)  # pypdf types page entries as any PdfObject
    fonts = resources["/Font"].get_object()
    assert isinstance(fonts, DictionaryObject)
    embedded = [
        f.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        for f in fonts.values()
    ]
    assert embedded and all("/FontFile2" in d for d in embedded)  # TrueType, in the file
    assert {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE"} <= {p.name for p in FONTS.iterdir()}
    assert len(pdf) < 100_000  # a subset of the glyphs, not the 700 kB font


def test_a_long_name_and_school_fit_on_the_page() -> None:
    name = "Anna-Sophia Maria Josephina van den Heuvel-Vermeulen de Groot"
    school = "Stedelijk Gymnasium en Atheneum Sint-Jozef voor Havo en Vwo te Veghel"
    pdf = certificate_pdf(_cert(name, school))
    text = _text(pdf)
    assert name in text.replace("\n", " ") and school in text.replace("\n", " ")
    # Centred lines that start inside the frame (30 pt from the edge) also end inside it.
    starts: list[float] = []
    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(
        visitor_text=lambda t, cm, tm, font, size: (
            starts.append(tm[4] * cm[0] + cm[4]) if t.strip() else None
        )
    )
    assert starts and min(starts) >= 30
