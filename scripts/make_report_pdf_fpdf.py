#!/usr/bin/env python3
"""Typesets a matrix report dataset as a PDF with fpdf2 and an embedded TrueType font (DejaVu
Serif, subset, Identity-H with a ToUnicode map), as word processors write PDFs: a fourth
producer. No table: the number and the response are placed side by side; the front matter is
set ragged right; the column heading is repeated by the page header, with a label.

    pip install fpdf2; apt-get install fonts-dejavu-core
    python3 scripts/make_report_pdf_fpdf.py assets/report.json tests/fixtures/report-fpdf.pdf
"""

import json
import sys
from fpdf import FPDF

MONTHS = ["January","February","March","April","May","June","July","August","September","October","November","December"]
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"

if len(sys.argv) != 3:
    sys.exit("usage: make_report_pdf_fpdf.py DATASET.json OUT.pdf")
with open(sys.argv[1], encoding="utf-8") as f:
    data = json.load(f)
doc = data["document"]

class Report(FPDF):
    in_table = False
    def header(self):
        self.set_font("serif", size=8)
        self.set_xy(20, 8)
        if self.page_no() > 1:
            self.cell(0, 4, doc["symbol"])
        self.set_xy(20, 18)
        if self.in_table:
            self.set_font("serif", size=9)
            self.cell(22, 4.5, "Para. in")
            self.cell(0, 4.5, "Response of the Secretariat")
            self.ln(4.5)
            self.cell(22, 4.5, doc["responds_to"])
            self.ln(7)
    def footer(self):
        self.set_font("serif", size=8)
        self.set_xy(20, -12)
        self.cell(80, 4, "21-15942")
        self.cell(0, 4, f"{self.page_no()}/{{nb}}", align="R")

pdf = Report(format="A4")
pdf.add_font("serif", "", FONT)
pdf.add_font("serif", "B", BOLD)
pdf.set_margins(20, 30, 20)
pdf.set_auto_page_break(True, 20)
pdf.add_page()
pdf.set_font("serif", size=10)
y, m, d = doc["date"].split("-")
front = [doc["symbol"], "General Assembly", "Distr.: General", f"{int(d)} {MONTHS[int(m)-1]} {y}",
         "Original: English", "Seventy-sixth session", f"Agenda item {doc['agenda_item']}",
         doc["agenda_item_title"], doc["title"], "Report of the Secretary-General", "Addendum", "Summary"]
for line in front:
    pdf.multi_cell(0, 5, line, align="L")
    pdf.ln(3)
for par in doc["summary"].split("\n\n"):
    pdf.multi_cell(0, 5, par, align="J")
    pdf.ln(3)
pdf.ln(4)
pdf.set_font("serif", size=9)
pdf.cell(22, 4.5, "Para. in"); pdf.cell(0, 4.5, "Response of the Secretariat"); pdf.ln(4.5)
pdf.cell(22, 4.5, doc["responds_to"]); pdf.ln(7)
pdf.in_table = True
for section in data["sections"]:
    pdf.set_font("serif", "B", 10)
    pdf.multi_cell(0, 5, f"{section['number']}. {section['title']}")
    pdf.ln(2)
    pdf.set_font("serif", size=10)
    for rec in section["recommendations"]:
        for i, par in enumerate(rec["paragraphs"]):
            if pdf.will_page_break(5):
                pdf.add_page()
            y0 = pdf.get_y()
            if i == 0:
                pdf.set_x(20)
                pdf.cell(22, 5, str(rec["para"]))
            pdf.set_xy(42, y0)
            pdf.multi_cell(148, 5, par, align="J")
            pdf.ln(2.5)
pdf.output(sys.argv[2])
