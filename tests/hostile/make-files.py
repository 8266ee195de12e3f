#!/usr/bin/env python3
"""Writes the binary and generated files of the hostile corpus (tests/hostile/): scoresheets,
self-score files, forms and journals that a careless or hostile unit, clerk or colleague could
send. The files are committed; this script only says how each was made. Run from this folder:
python3 make-files.py"""

import struct
import zipfile
import zlib

# The parts of a minimal workbook with one sheet; `sheet` is the sheet's XML.
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '</Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    '</Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Tự chấm" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '</Relationships>'
)
SHEET_OPEN = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def sheet(cells, dimension="A1"):
    rows = "".join(
        f'<row r="{r}"><c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c></row>'
        for r, ref, text in cells
    )
    return f'{SHEET_OPEN}<dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'


def workbook(path, sheet_xml, extra=()):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        for name, data in extra:
            z.writestr(name, data)


# A cell at A1 and one at XFD1048576, the last cell a sheet can have: a reader that makes a
# table of the sheet's extent would need 17 billion cells.
workbook("forms/cell-at-xfd1048576.xlsx", sheet([(1, "A1", "khoi-8"), (1048576, "XFD1048576", "x")]))

# A sheet whose dimension claims every cell, holding two.
workbook(
    "forms/dimension-claims-every-cell.xlsx",
    sheet([(1, "A1", "x"), (2, "B2", "y")], dimension="A1:XFD1048576"),
)

# A zip bomb: the sheet's XML is 200 MB of spaces inside the row, a few hundred KB packed.
bomb = SHEET_OPEN + "<sheetData>" + " " * (200 << 20) + "</sheetData></worksheet>"
workbook("forms/sheet-bomb.xlsx", bomb)

# The bomb in the shared strings, which a reader loads whole before any sheet.
strings = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>'
    + "a" * (200 << 20)
    + "</t></si></sst>"
)
workbook("forms/shared-strings-bomb.xlsx", sheet([(1, "A1", "x")]), [("xl/sharedStrings.xml", strings)])

# Headers that lie: the sheet says it inflates to 100 bytes and holds 100 MB.
workbook("forms/sizes-that-lie.xlsx", SHEET_OPEN + "<sheetData>" + " " * (100 << 20) + "</sheetData></worksheet>")
data = bytearray(open("forms/sizes-that-lie.xlsx", "rb").read())
name = b"xl/worksheets/sheet1.xml"
for sig, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
    at = 0
    while True:
        at = data.find(sig, at)
        if at < 0:
            break
        name_len = struct.unpack_from("<H", data, at + (26 if sig == b"PK\x03\x04" else 28))[0]
        name_at = at + (30 if sig == b"PK\x03\x04" else 46)
        if bytes(data[name_at : name_at + name_len]) == name:
            struct.pack_into("<I", data, at + size_at, 100)
        at += 4
open("forms/sizes-that-lie.xlsx", "wb").write(bytes(data))

# Three hundred parts, a dozen being a form's usual count.
workbook("forms/three-hundred-parts.xlsx", sheet([(1, "A1", "x")]), [(f"xl/media/p{n}.bin", "x") for n in range(300)])

# Bytes that are no zip at all.
open("forms/not-a-zip.xlsx", "wb").write(bytes((n * 2654435761 >> 13) & 0xFF for n in range(4096)))

# Scoresheets (thidua import khoi-8 --period mid-year).
HEAD = "unit,criterion,value,note\n"
csv = {
    "csv/achieved-of-28-digits.csv": HEAD + "thanh-dong,I.1.2,9999999999999999999999999999,\n",
    "csv/achieved-of-40-digits.csv": HEAD + "thanh-dong,I.1.2," + "9" * 40 + ",\n",
    "csv/count-beyond-the-limit.csv": HEAD + "thanh-dong,V.4,1000001,\n",
    "csv/count-beyond-32-bits.csv": HEAD + "thanh-dong,V.4,99999999999,\n",
    "csv/too-precise.csv": HEAD + "thanh-dong,I.1.2,98.123456,\n",
    "csv/decimal-comma-unquoted.csv": HEAD + "thanh-dong,I.2.3,2,5\n",
    "csv/unit-of-300000-characters.csv": HEAD + "x" * 300_000 + ",I.1.2,98,\n",
    "csv/five-hundred-bad-rows.csv": HEAD + "".join(f"khong-co-{n},I.1.2,98,\n" for n in range(500)),
    "csv/note-beyond-the-limit.csv": HEAD + "thanh-dong,I.1.2,98," + "ghi chú " * 1300 + "\n",
}
for path, text in csv.items():
    open(path, "w", encoding="utf-8").write(text)

# Self-scores (thidua import-self khoi-8 --period mid-year).
open("self-scores/achieved-of-28-digits.csv", "w").write(
    "unit,criterion,value\nthanh-dong,I.1.2,9999999999999999999999999999\n"
)
open("self-scores/nested-ten-thousand-deep.ron", "w").write("[" * 10_000 + "]" * 10_000 + "\n")

# Journals (thidua results khoi-8 --period P, the journal placed in the session's folder).
LINE = '{{"seq":{seq},"at":"2026-06-20T09:14:05+07:00","unit":"{unit}","item":"{item}","old":{{"value":null}},"new":{{"value":{value}}},"origin":"entry","by":"huy"}}\n'
open("journals/mid-year-value-beyond-the-limit.jsonl", "w").write(
    LINE.format(seq=1, unit="thanh-dong", item="I.1.4", value='{"Level":"HTT"}')
    + LINE.format(seq=2, unit="hai-duong", item="V.4", value='{"Count":4294967295}')
    + LINE.format(seq=3, unit="viet-hoa", item="I.1.2", value='{"Achieved":"9999999999999999999999999999"}')
)
open("journals/mid-year-line-of-two-mib.jsonl", "w").write(
    LINE.format(seq=1, unit="thanh-dong", item="I.1.4", value='{"Level":"HTT"}').replace('"by":"huy"', '"by":"' + "h" * (2 << 20) + '"')
    + LINE.format(seq=2, unit="hai-duong", item="I.1.4", value='{"Level":"HTT"}')
)
open("journals/year-end-vote-that-cannot-be.jsonl", "w").write(
    LINE.format(seq=1, unit="thanh-dong", item="I.1.4", value='{"Level":"HTT"}')
    + '{"seq":2,"at":"2026-12-18T10:31:02+07:00","by":"huy","event":{"votes":{"award":"co-thi-dua","present":4000000000,"tally":[{"unit":"thanh-dong","votes":4000000000}]}}}\n'
)
