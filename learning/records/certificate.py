"""The certificate as a PDF: everything the verification page shows, plus a QR code to it.

fpdf2 with HarfBuzz text shaping prints Latin, Cyrillic and Arabic names correctly (joined
letters, right-to-left runs); the DejaVu fonts ship with the application, so generating a
certificate makes no network request. The QR code is drawn by segno.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import segno
from babel.dates import format_date
from fpdf import FPDF

from learning.records.codes import grouped
from learning.records.models import CompletionRecord, RecordKind

FONTS = Path(__file__).parent / "fonts"
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 297, 210, 18  # A4 landscape, millimetres
ACCENT = (8, 70, 130)


@dataclass(frozen=True)
class CertificateText:
    """The words printed on a certificate; the HTML version and the PDF use the same."""

    heading: str
    name: str
    statement: str
    subject: str
    facts: list[tuple[str, str]]  # (label, value): completion date, study time, workshop...
    issuer: str
    code: str
    verify_url: str

    @property
    def details(self) -> list[str]:
        return [f"{label}: {value}" for label, value in self.facts]


# How the module's case study was judged, as the certificate and the verification page say it.
CASE_STUDY_WORDING = {"trainer": "assessed by a trainer", "self": "self-assessed"}


def certificate_text(record: CompletionRecord, issuer: str, verify_url: str) -> CertificateText:
    when = format_date(record.completed_at, "long", locale="en")
    if record.kind == RecordKind.PARTICIPATION:
        heading, statement = "Certificate of participation", "took part in the workshop"
        days = record.days_attended or 0
        facts = [("Days attended", str(days))]
        # The title is the subject already: the workshop line adds only place and dates.
        where = record.workshop_text or ""
        if where.startswith(record.subject_title + ", "):
            where = where[len(record.subject_title) + 2 :]
        if where:
            facts.append(("Held in", where))
    else:
        kind = "module" if record.kind == RecordKind.MODULE else "learning path"
        heading, statement = "Certificate of completion", f"has completed the {kind}"
        hours = f"{record.hours:g} hour" + ("" if record.hours == 1 else "s")
        facts = [("Completed on", when), ("Estimated study time", hours)]
    if record.workshop_text and record.kind != RecordKind.PARTICIPATION:
        facts.append(("Workshop", record.workshop_text))
    if record.case_study_assessment in CASE_STUDY_WORDING:
        facts.append(("Case study", CASE_STUDY_WORDING[record.case_study_assessment]))
    return CertificateText(
        heading=heading,
        name=record.name_as_printed,
        statement=statement,
        subject=record.subject_title,
        facts=facts,
        issuer=issuer,
        code=grouped(record.verification_code),
        verify_url=verify_url,
    )


def _fit(pdf: FPDF, text: str, style: str, size: float, minimum: float) -> None:
    """Use the largest font size, down to ``minimum``, at which ``text`` fits on one line."""
    width = PAGE_WIDTH - 2 * MARGIN - 10
    while size > minimum:
        pdf.set_font("DejaVu", style, size)
        if pdf.get_string_width(text) <= width:
            return
        size -= 1
    pdf.set_font("DejaVu", style, minimum)


def _centred(pdf: FPDF, text: str, height: float) -> None:
    pdf.set_x(MARGIN)
    pdf.multi_cell(PAGE_WIDTH - 2 * MARGIN, height, text, align="C", new_x="LMARGIN", new_y="NEXT")


def certificate_pdf(text: CertificateText) -> bytes:
    return certificates_pdf([text])


def certificates_pdf(texts: list[CertificateText]) -> bytes:
    """One PDF with a page per certificate (a workshop's whole set in one download)."""
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    first = texts[0]
    pdf.set_title(f"{first.heading}: {first.subject}" if len(texts) == 1 else "Certificates")
    pdf.set_author(first.issuer)
    pdf.set_creator("Protection Learning")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_text_shaping(True)
    for text in texts:
        _page(pdf, text)
    return bytes(pdf.output())


def _page(pdf: FPDF, text: CertificateText) -> None:
    pdf.add_page()
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(1.2)
    pdf.rect(8, 8, PAGE_WIDTH - 16, PAGE_HEIGHT - 16)

    pdf.set_text_color(*ACCENT)
    pdf.set_y(30)
    pdf.set_font("DejaVu", "B", 28)
    _centred(pdf, text.heading, 14)
    pdf.set_text_color(30, 30, 30)
    pdf.ln(6)
    pdf.set_font("DejaVu", "", 14)
    _centred(pdf, "This certifies that", 8)
    pdf.ln(4)
    _fit(pdf, text.name, "B", 26, 14)
    _centred(pdf, text.name, 13)
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 14)
    _centred(pdf, text.statement, 8)
    _fit(pdf, text.subject, "B", 20, 12)
    _centred(pdf, text.subject, 10)
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 12)
    for line in text.details:
        _centred(pdf, line, 7)

    pdf.set_y(150)
    pdf.set_font("DejaVu", "", 11)
    pdf.set_x(MARGIN + 4)
    pdf.multi_cell(
        190,
        6,
        f"Issued by {text.issuer}\nVerification code: {text.code}\n"
        f"Check this certificate at:\n{text.verify_url}",
        align="L",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    qr = io.BytesIO()
    segno.make(text.verify_url, error="m").save(qr, kind="png", scale=8, border=2)
    qr.seek(0)
    pdf.image(qr, x=PAGE_WIDTH - MARGIN - 40, y=140, w=38, h=38)
