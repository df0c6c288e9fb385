#!/usr/bin/env python3
"""Typesets the hand-written committee report fixture (text) as a PDF, so the Special
Committee's report can be read from a PDF as well as from text.

Blocks of the text separated by blank lines are paragraphs (their wrapped lines joined); the
page furniture written into the text (job numbers, page numbers, the symbol after its first
line) is left out and printed as a running header and footer instead, and a paragraph it cut
mid-sentence is joined again. A small page (A6) makes paragraphs break
across pages.

    pip install reportlab
    python3 scripts/make_committee_pdf.py tests/fixtures/committee-A_75_19.txt \
        tests/fixtures/committee-A_75_19.pdf
"""

import re
import sys
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.pagesizes import A6
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate

JOB = "21-04567"
FURNITURE = re.compile(r"^(A/\d+/19|\d\d-\d{5}( \(E\) \d+)?|\d+(/\d+)?)$")


def main(source, target):
    with open(source, encoding="utf-8") as f:
        text = f.read()
    symbol = next(line.strip() for line in text.splitlines() if re.match(r"^A/\d+/19$", line.strip()))
    # Lines, with None for a blank line and "BREAK" for page furniture.
    marked, seen_symbol = [], False
    for line in text.splitlines():
        line = line.strip()
        if FURNITURE.match(line) and (line != symbol or seen_symbol):
            marked.append("BREAK")
            continue
        seen_symbol |= line == symbol
        marked.append(line or None)
    blocks, current, gap = [], [], []
    for line in marked + [None]:
        if line is None or line == "BREAK":
            gap.append(line)
            continue
        # A page break cuts a paragraph that does not end a sentence: it goes on.
        cut = "BREAK" in gap and current and not re.search(r"[.;:]$", current[-1])
        if None in gap and current and not cut:
            blocks.append(current)
            current = []
        current.append(line)
        gap = []
    if current:
        blocks.append(current)

    body = ParagraphStyle("body", fontName="Times-Roman", fontSize=9, leading=11,
                          alignment=TA_JUSTIFY, spaceAfter=5, allowWidows=1, allowOrphans=1)
    story = []
    for lines in blocks:
        joined = ""
        for line in lines:
            if joined.endswith("\u00ad"):
                joined = joined[:-1] + line
            else:
                joined = f"{joined} {line}" if joined else line
        story.append(Paragraph(escape(joined), body))

    def decorate(canvas, template):
        canvas.saveState()
        canvas.setFont("Times-Roman", 7)
        canvas.drawString(10 * mm, A6[1] - 7 * mm, symbol)
        canvas.drawString(10 * mm, 5 * mm, JOB)
        canvas.drawRightString(A6[0] - 10 * mm, 5 * mm, f"{template.page}")
        canvas.restoreState()

    pdf = SimpleDocTemplate(target, pagesize=A6, leftMargin=10 * mm, rightMargin=10 * mm,
                            topMargin=12 * mm, bottomMargin=14 * mm, invariant=1)
    pdf.build(story, onFirstPage=decorate, onLaterPages=decorate)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: make_committee_pdf.py COMMITTEE.txt OUT.pdf")
    main(sys.argv[1], sys.argv[2])
