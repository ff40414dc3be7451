#!/usr/bin/python3
"""Remakes Galley's OCR fixtures (test/fixtures/ocr): renders the made-up pages of pages.py with
Noto CJK fonts into two-column newspaper pages, degrades them like scans (tilt, blur, uneven
ink, noise), runs Tesseract (chi_sim) for ALTO and hOCR, and writes PAGE XML (2019 and 2013)
from Tesseract's ALTO. Needs Debian's python3-pil, fonts-noto-cjk, tesseract-ocr-chi-sim.

    /usr/bin/python3 scripts/ocr-fixtures/make.py [OUT_DIR]

The random degradation is seeded: the same Tesseract gives the same files."""
import json
import os
import random
import subprocess
import sys
import xml.etree.ElementTree as ET

from PIL import Image, ImageDraw, ImageFilter, ImageFont

sys.path.insert(0, os.path.dirname(__file__))
from pages import PAGES  # noqa: E402

FONTS = "/usr/share/fonts/opentype/noto/"
SERIF = ImageFont.truetype(FONTS + "NotoSerifCJK-Regular.ttc", 28, index=2)
SANS_BOLD = ImageFont.truetype(FONTS + "NotoSansCJK-Bold.ttc", 36, index=2)
SANS_SMALL = ImageFont.truetype(FONTS + "NotoSansCJK-Regular.ttc", 22, index=2)
SANS_KICKER = ImageFont.truetype(FONTS + "NotoSansCJK-Regular.ttc", 28, index=2)

W, H = 1240, 1754  # A4 at 150 dpi
MARGIN = 70
GUTTER = 40
COLS = 3
COL_W = (W - 2 * MARGIN - (COLS - 1) * GUTTER) // COLS
TOP = 150
BOTTOM = H - 110


def wrap(text, font, width, indent=0):
    """Lines of text that fit in width (characters, as Chinese typesetting breaks anywhere)."""
    lines, cur, first = [], "", True
    for ch in text:
        room = width - (indent if first else 0)
        if font.getlength(cur + ch) > room and cur:
            lines.append((cur, indent if first else 0))
            cur, first = "", False
            # no line starts with closing punctuation
            if ch in "，。、；：！？”）":
                lines[-1] = (lines[-1][0] + ch, lines[-1][1])
                continue
        cur += ch
    if cur:
        lines.append((cur, indent if first else 0))
    return lines


class Flow:
    """Places blocks top to bottom, column after column; returns the truth of what went where."""

    def __init__(self, draw):
        self.draw, self.col, self.y = draw, 0, TOP

    def x(self):
        return MARGIN + self.col * (COL_W + GUTTER)

    def need(self, height):
        if self.y + height > BOTTOM:
            self.col += 1
            self.y = TOP
            if self.col >= COLS:
                raise SystemExit("page text does not fit")

    def text(self, text, font, step, indent=0, after=10):
        for line, ind in wrap(text, font, COL_W, indent):
            self.need(step)
            self.draw.text((self.x() + ind, self.y), line, font=font, fill=0)
            self.y += step
        self.y += after

    def photo(self, height):
        self.need(height + 10)
        self.draw.rectangle([self.x(), self.y, self.x() + COL_W, self.y + height], fill=150)
        self.y += height + 10


def render(page):
    img = Image.new("L", (W, H), 255)
    draw = ImageDraw.Draw(img)
    draw.text((MARGIN, 70), page["head"], font=SANS_SMALL, fill=0)
    draw.line([MARGIN, 110, W - MARGIN, 110], fill=0, width=2)
    draw.text((MARGIN, H - 80), page["foot"], font=SANS_SMALL, fill=0)
    flow = Flow(draw)
    indent = SERIF.getlength("中中")
    for article in page["articles"]:
        if "kicker" in article:
            flow.text(article["kicker"], SANS_KICKER, 40, after=0)
        flow.text(article["title"], SANS_BOLD, 52, after=14)
        paras = list(article["paras"])
        if article["lead"].startswith("本报讯"):
            paras[0] = article["lead"] + paras[0]
        else:  # a reporter's line of its own
            flow.text(article["lead"], SERIF, 42, after=6)
        for para in paras:
            flow.text(para, SERIF, 42, indent=indent, after=6)
        if "caption" in article:
            flow.photo(170)
            flow.text(article["caption"], SANS_SMALL, 32, after=10)
        flow.y += 30
    return img


def degrade(img, rng):
    """What a scanner and old newsprint do: a slight tilt, soft edges, uneven ink, grain."""
    img = img.rotate(rng.uniform(-0.6, 0.6), resample=Image.BICUBIC, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 0.9)))
    px = img.load()
    w, h = img.size
    for _ in range(w * h // 40):
        x, y = rng.randrange(w), rng.randrange(h)
        px[x, y] = max(0, min(255, px[x, y] + rng.randint(-90, 90)))
    # a paler band, as where the ink ran thin
    band = rng.randrange(h // 3, 2 * h // 3)
    for y in range(band, min(h, band + 120)):
        for x in range(w):
            px[x, y] = min(255, px[x, y] + 60)
    return img.point(lambda v: 35 + v * 0.8)


def page_xml_from_alto(alto_file, image_name, out_file, ns, created):
    """PAGE XML with one TextRegion per ALTO TextBlock, its lines and words, in ALTO's order."""
    a = ET.parse(alto_file).getroot()
    an = a.tag.split("}")[0] + "}"
    page_el = a.find(f".//{an}Page")
    ET.register_namespace("", ns)
    root = ET.Element(f"{{{ns}}}PcGts")
    meta = ET.SubElement(root, f"{{{ns}}}Metadata")
    ET.SubElement(meta, f"{{{ns}}}Creator").text = "Galley scripts/ocr-fixtures/make.py from Tesseract ALTO"
    ET.SubElement(meta, f"{{{ns}}}Created").text = created
    ET.SubElement(meta, f"{{{ns}}}LastChange").text = created
    page = ET.SubElement(root, f"{{{ns}}}Page", imageFilename=image_name,
                         imageWidth=page_el.get("WIDTH"), imageHeight=page_el.get("HEIGHT"))
    blocks = a.findall(f".//{an}TextBlock")
    order = ET.SubElement(page, f"{{{ns}}}ReadingOrder")
    group = ET.SubElement(order, f"{{{ns}}}OrderedGroup", id="ro1")
    for i, _ in enumerate(blocks):
        ET.SubElement(group, f"{{{ns}}}RegionRefIndexed", index=str(i), regionRef=f"r{i + 1}")

    def coords(parent, el):
        x, y = int(float(el.get("HPOS"))), int(float(el.get("VPOS")))
        w, h = int(float(el.get("WIDTH"))), int(float(el.get("HEIGHT")))
        ET.SubElement(parent, f"{{{ns}}}Coords", points=f"{x},{y} {x + w},{y} {x + w},{y + h} {x},{y + h}")

    for i, block in enumerate(blocks):
        region = ET.SubElement(page, f"{{{ns}}}TextRegion", id=f"r{i + 1}", type="paragraph")
        coords(region, block)
        region_text = []
        for j, line in enumerate(block.findall(f"{an}TextLine")):
            tl = ET.SubElement(region, f"{{{ns}}}TextLine", id=f"r{i + 1}l{j + 1}")
            coords(tl, line)
            words = []
            for k, s in enumerate(line.findall(f"{an}String")):
                word = ET.SubElement(tl, f"{{{ns}}}Word", id=f"r{i + 1}l{j + 1}w{k + 1}")
                coords(word, s)
                ET.SubElement(ET.SubElement(word, f"{{{ns}}}TextEquiv"), f"{{{ns}}}Unicode").text = s.get("CONTENT")
                words.append(s.get("CONTENT"))
            text = "".join(words)
            ET.SubElement(ET.SubElement(tl, f"{{{ns}}}TextEquiv"), f"{{{ns}}}Unicode").text = text
            region_text.append(text)
        ET.SubElement(ET.SubElement(region, f"{{{ns}}}TextEquiv"), f"{{{ns}}}Unicode").text = "\n".join(region_text)
    ET.indent(root)
    ET.ElementTree(root).write(out_file, encoding="UTF-8", xml_declaration=True)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "../../test/fixtures/ocr")
    os.makedirs(out, exist_ok=True)
    version = subprocess.run(["tesseract", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    for n, page in enumerate(PAGES):
        rng = random.Random(1000 + n)
        img = degrade(render(page), rng)
        name = page["name"]
        image_name = f"{name}.{page['format']}"
        if page["format"] == "jpg":
            img.save(os.path.join(out, image_name), quality=60)
        else:
            img.save(os.path.join(out, image_name), optimize=True)
        subprocess.run(["tesseract", os.path.join(out, image_name), os.path.join(out, name), "-l", "chi_sim", "alto", "hocr"],
                       check=True, capture_output=True)
        # Tesseract's hOCR carries the image's full path: keep only its name, as a scan folder would.
        hocr = os.path.join(out, name + ".hocr")
        with open(hocr, encoding="utf-8") as f:
            text = f.read().replace(os.path.join(out, image_name), image_name)
        with open(hocr, "w", encoding="utf-8") as f:
            f.write(text)
        alto = os.path.join(out, name + ".xml")
        with open(alto, encoding="utf-8") as f:
            text = f.read().replace(os.path.join(out, image_name), image_name)
        with open(alto, "w", encoding="utf-8") as f:
            f.write(text)
        os.rename(alto, os.path.join(out, name + ".alto.xml"))
        created = "2026-03-05T00:00:00"
        page_xml_from_alto(os.path.join(out, name + ".alto.xml"), image_name, os.path.join(out, name + ".page2019.xml"),
                           "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15", created)
        page_xml_from_alto(os.path.join(out, name + ".alto.xml"), image_name, os.path.join(out, name + ".page2013.xml"),
                           "http://schema.primaresearch.org/PAGE/gts/pagecontent/2013-07-15", created)
        truth = {"source": "scripts/ocr-fixtures/pages.py", "ocr": version, "image": image_name,
                 "articles": [{"title": a["title"], "kicker": a.get("kicker"), "paragraphs": len(a["paras"]),
                               "caption": a.get("caption")} for a in page["articles"]],
                 "furniture": [page["head"], page["foot"]]}
        with open(os.path.join(out, name + ".truth.json"), "w", encoding="utf-8") as f:
            json.dump(truth, f, ensure_ascii=False, indent=2)
        print(name, "done")


if __name__ == "__main__":
    main()
