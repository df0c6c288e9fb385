#!/usr/bin/env python3
"""Typesets a matrix report dataset as a PDF with groff (ms macros, tbl, the gropdf driver).

The second PDF producer of the series tests (the first is reportlab, make_report_pdf.py), so
the PDF reader is tried on fonts, encodings, hyphenation and spacing it did not see first:
Times 10 pt with groff's own hyphenation, justified; a running header with the symbol, a
footer with the job number and the page, and the "Para. in" column heading repeated by tbl on
every page, with a label over the response column.

    apt-get install groff ghostscript   # gropdf and the URW fonts it embeds
    python3 scripts/make_report_pdf_groff.py assets/report.json tests/fixtures/report-groff.pdf

With --ps2pdf the same typesetting goes out as PostScript (grops) and Ghostscript's ps2pdf
makes the PDF: a third producer, which writes lines with the ' operator and kerns by moving
back over spaces.

    python3 scripts/make_report_pdf_groff.py --ps2pdf assets/report.json \
        tests/fixtures/report-ghostscript.pdf
"""

import json
import subprocess
import sys

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
ORDINALS = {75: "Seventy-fifth", 76: "Seventy-sixth", 77: "Seventy-seventh"}
JOB = "21-15942"


def esc(text):
    """Text as groff input: escapes, and ASCII characters groff would typeset as others."""
    text = text.replace("\\", "\\e")
    text = text.replace("'", "\\[aq]").replace("`", "\\[ga]")
    text = text.replace("^", "\\[ha]").replace("~", "\\[ti]")
    return "\\&" + text


def long_date(iso):
    year, month, day = iso.split("-")
    return f"{int(day)} {MONTHS[int(month) - 1]} {year}"


def source(data):
    doc = data["document"]
    out = [
        ".nr PS 10", ".nr VS 12", ".nr PD 0.5v", ".nr HM 1i", ".nr FM 1i",
        ".nr LL 6.3i", ".ll 6.3i", ".nr PO 1i", ".po 1i",
        f".ds LH {esc(doc['symbol'])}", ".ds CH", ".ds RH",
        f".ds LF {JOB}", ".ds CF", ".ds RF %",
        ".LP", esc(doc["symbol"]),
        ".LP", ".ft B", "General Assembly", ".ft R",
        ".LP", "Distr.: General", ".LP", esc(long_date(doc["date"])),
        ".LP", "Original: English", ".LP", f"{ORDINALS[doc['session']]} session",
        ".LP", f"Agenda item {esc(doc['agenda_item'])}",
        ".LP", ".ft B", esc(doc["agenda_item_title"]), ".ft R",
        ".LP", ".ft B", esc(doc["title"]), ".ft R",
        ".LP", "Report of the Secretary-General", ".LP", "Addendum",
        ".LP", ".ft B", "Summary", ".ft R",
    ]
    for paragraph in doc["summary"].split("\n\n"):
        out += [".LP", esc(paragraph)]
    out += [".sp", ".TS H", "tab(@);", "lw(12n) lw(56n).",
            "T{", ".ft I", "Para. in", ".br", esc(doc["responds_to"]), ".ft R",
            "T}@T{", ".ft I", "Status of implementation", ".ft R", "T}", "_", ".TH"]
    for section in data["sections"]:
        out += [".T&", "lb s.", esc(f"{section['number']}. {section['title']}"), ".T&", "l l."]
        for rec in section["recommendations"]:
            out.append(f"{rec['para']}@T{{")
            for i, paragraph in enumerate(rec["paragraphs"]):
                if i:
                    out.append(".sp 0.5v")
                out.append(esc(paragraph))
            out.append("T}")
            out.append(".sp 0.5v")
    out.append(".TE")
    return "\n".join(out) + "\n"


def main(dataset, target, ghostscript):
    with open(dataset, encoding="utf-8") as f:
        data = json.load(f)
    device = "-Tps" if ghostscript else "-Tpdf"
    out = subprocess.run(["groff", "-ms", "-t", "-Kutf8", device],
                         input=source(data).encode("utf-8"), capture_output=True, check=True)
    if ghostscript:
        subprocess.run(["ps2pdf", "-", target], input=out.stdout, check=True)
    else:
        with open(target, "wb") as f:
            f.write(out.stdout)


if __name__ == "__main__":
    args = sys.argv[1:]
    ghostscript = args[:1] == ["--ps2pdf"]
    if ghostscript:
        args = args[1:]
    if len(args) != 2:
        sys.exit("usage: make_report_pdf_groff.py [--ps2pdf] DATASET.json OUT.pdf")
    main(args[0], args[1], ghostscript)
