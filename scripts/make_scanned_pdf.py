#!/usr/bin/env python3
"""A two-page PDF whose second page is only an image, as a scanned page is: the PDF reader
must refuse it naming page 2.

    pip install reportlab   # brings Pillow
    python3 scripts/make_scanned_pdf.py tests/fixtures/scanned-page-2.pdf
"""

import sys

from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas


def main(target):
    canvas = Canvas(target, pagesize=A4, invariant=1)
    canvas.setFont("Times-Roman", 10)
    canvas.drawString(72, 770, "General Assembly")
    canvas.showPage()
    # A grey block drawn as a raster image, the way a scanner delivers a page.
    scan = Image.new("L", (60, 80), 255)
    ImageDraw.Draw(scan).rectangle((5, 5, 55, 75), outline=0, width=2)
    image = ImageReader(scan)
    canvas.drawImage(image, 72, 500, width=300, height=400)
    canvas.showPage()
    canvas.save()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_scanned_pdf.py OUT.pdf")
    main(sys.argv[1])
