#!/usr/bin/env python3
"""Typesets a matrix report dataset (assets/report.json) as a PDF in the report's table layout.

The first of the two PDF producers the series tests use (the other is groff, see
make_report_pdf_groff.sh): reportlab, justified Times 10 pt, the "Para. in" column heading
repeated on every page, a running header with the symbol and a footer with the job number and
the page number.

    pip install reportlab
    python3 scripts/make_report_pdf.py assets/report.json tests/fixtures/report-reportlab.pdf
"""

import json
import sys
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
ORDINALS = {76: "Seventy-sixth", 77: "Seventy-seventh", 75: "Seventy-fifth"}
JOB = "21-15942"


def long_date(iso):
    year, month, day = iso.split("-")
    return f"{int(day)} {MONTHS[int(month) - 1]} {year}"


def main(source, target):
    with open(source, encoding="utf-8") as f:
        data = json.load(f)
    doc = data["document"]
    body = ParagraphStyle("body", fontName="Times-Roman", fontSize=10, leading=12,
                          alignment=TA_JUSTIFY, spaceAfter=6)
    plain = ParagraphStyle("plain", parent=body, spaceAfter=8)
    bold = ParagraphStyle("bold", parent=body, fontName="Times-Bold", spaceBefore=4)
    heading = ParagraphStyle("heading", parent=bold, fontSize=12, leading=14)

    def p(text, style=body):
        return Paragraph(escape(text), style)

    story = [p(doc["symbol"], plain), p("General Assembly", heading), p("Distr.: General", plain),
             p(long_date(doc["date"]), plain), p("Original: English", plain),
             p(f"{ORDINALS[doc['session']]} session", plain), p(f"Agenda item {doc['agenda_item']}", plain),
             p(doc["agenda_item_title"], bold), p(doc["title"], heading),
             p("Report of the Secretary-General", bold), p("Addendum", plain), p("Summary", bold)]
    story += [p(par) for par in doc["summary"].split("\n\n")]
    story.append(Spacer(0, 12))

    rows = [[[p("Para. in", plain), p(doc["responds_to"], plain)], ""]]
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, 0), 0.5, "black")]
    for section in data["sections"]:
        style.append(("SPAN", (0, len(rows)), (1, len(rows))))
        rows.append([p(f"{section['number']}. {section['title']}", bold), ""])
        for rec in section["recommendations"]:
            rows.append([p(str(rec["para"])), [p(par) for par in rec["paragraphs"]]])
    table = Table(rows, colWidths=[22 * mm, 138 * mm], repeatRows=1, splitInRow=1)
    table.setStyle(TableStyle(style))
    story.append(table)

    def decorate(canvas, template):
        canvas.saveState()
        canvas.setFont("Times-Roman", 9)
        if template.page > 1:
            canvas.drawString(25 * mm, A4[1] - 15 * mm, doc["symbol"])
        canvas.drawString(25 * mm, 12 * mm, JOB)
        canvas.drawRightString(A4[0] - 25 * mm, 12 * mm, f"{template.page}")
        canvas.restoreState()

    pdf = SimpleDocTemplate(target, pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm,
                            topMargin=25 * mm, bottomMargin=25 * mm, title=doc["symbol"],
                            invariant=1)
    pdf.build(story, onFirstPage=decorate, onLaterPages=decorate)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: make_report_pdf.py DATASET.json OUT.pdf")
    main(sys.argv[1], sys.argv[2])
