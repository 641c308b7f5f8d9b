#!/usr/bin/env python3
"""Checks of collcog-report's HTML for test/integration/37_report.t.sh and scripts/gallery.

  report_check.py summary REPORT.html   well-formed as XML (the report is also XHTML), then
                                        one line per fact: sections, figures, figures with
                                        nothing drawn, notes of what is missing, failed
                                        queries, script or external references
  report_check.py text REPORT.html      the visible text, entities decoded
  report_check.py svgs REPORT.html DIR  each figure's <svg> as DIR/figNN.svg
  report_check.py ink IMAGE.png [--colour]
                                        pixels of an RGB(A) PNG that are dark (or, with
                                        --colour, coloured: not grey, as the frame, grid and
                                        text of a figure are)
"""
import re
import struct
import sys
import xml.etree.ElementTree as ET
import zlib
from html.parser import HTMLParser

SVG = "{http://www.w3.org/2000/svg}"


def load(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def summary(path):
    doc = load(path)
    root = ET.fromstring(doc)   # raises on anything not well-formed
    sections = [s.get("id") for s in root.iter("section")]
    svgs = list(root.iter(SVG + "svg"))
    # a figure drew when it has a mark (line, points) or says it has no data
    blank = 0
    for s in svgs:
        marks = [e for e in s.iter() if e.tag in (SVG + "polyline", SVG + "circle")
                 and e.get("class") is None]
        nodata = [e for e in s.iter(SVG + "text") if e.get("class") == "nodata"]
        if not marks and not nodata:
            blank += 1
    missing = [("".join(p.itertext())) for p in root.iter("p") if p.get("class") == "missing"]
    failed = [m for m in missing if m.startswith("This query failed")]
    scripts = len(list(root.iter("script")))
    external = len(re.findall(r'(?:src|href)="(?!#)', doc))
    print("sections:", " ".join(sections))
    print("figures:", len(svgs))
    print("figures_blank:", blank)
    print("figures_nodata:", sum(1 for s in svgs for e in s.iter(SVG + "text")
                                 if e.get("class") == "nodata"))
    print("missing:", len(missing))
    print("failed:", len(failed))
    for m in failed:
        print("failed_query:", m)
    print("scripts:", scripts)
    print("external:", external)


class Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def text(path):
    p = Text()
    p.feed(load(path))
    print("\n".join(t for t in p.parts if t.strip()))


def svgs(path, outdir):
    for i, m in enumerate(re.findall(r"<svg .*?</svg>", load(path), re.S)):
        with open("%s/fig%02d.svg" % (outdir, i + 1), "w", encoding="utf-8") as f:
            f.write(m)


def ink(path, colour):
    """Decode an 8-bit RGB or RGBA, non-interlaced PNG and count dark or coloured pixels."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and ctype in (2, 6) and interlace == 0, "unsupported PNG"
            channels = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = width * channels
    prev = bytearray(stride)
    count = 0
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pr) & 255
        for x in range(width):
            px = line[x * channels:x * channels + 3]
            if (max(px) - min(px) > 60) if colour else (min(px) < 200):
                count += 1
        prev = line
    print(count)


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "summary":
        summary(sys.argv[2])
    elif cmd == "text":
        text(sys.argv[2])
    elif cmd == "svgs":
        svgs(sys.argv[2], sys.argv[3])
    elif cmd == "ink":
        ink(sys.argv[2], sys.argv[3:] == ["--colour"])
    else:
        sys.exit(__doc__)
