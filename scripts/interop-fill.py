"""Fills a thidua self-score form in LibreOffice, as a unit's clerk would, and saves it.

Usage: python3 interop-fill.py FORM.xlsx OUT.xlsx CODE=ANSWER[|EVIDENCE]...

Starts LibreOffice headless, opens the form, writes each answer in the row whose code (column
A) is CODE (answer in column F, evidence in G; a number is written as a number), and saves it
as Excel 2007-365 with LibreOffice's own writer. Needs Debian's libreoffice-calc-nogui and
python3-uno, and runs under the system Python (/usr/bin/python3), which has `uno`.
"""

import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue

CODE_COL, ANSWER_COL, EVIDENCE_COL = 0, 5, 6
FIRST_ITEM_ROW = 10


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    # A first start (a fresh profile, a cold disk) can take a while.
    for _ in range(600):
        try:
            return resolver.resolve(
                f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext"
            )
        except Exception:
            time.sleep(0.1)
    raise SystemExit("interop-fill: LibreOffice did not start")


def main():
    form, out, answers = sys.argv[1], sys.argv[2], sys.argv[3:]
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    pipe = f"thidua-interop-{os.getpid()}"
    office = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            f"-env:UserInstallation=file://{profile}",
            f"--accept=pipe,name={pipe};urp;",
        ]
    )
    try:
        context = connect(pipe)
        desktop = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", context
        )
        doc = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(os.path.abspath(form)),
            "_blank",
            0,
            (prop("Hidden", True),),
        )
        sheet = doc.Sheets.getByIndex(0)
        for answer in answers:
            code, _, rest = answer.partition("=")
            value, _, evidence = rest.partition("|")
            row = find_row(sheet, code)
            cell = sheet.getCellByPosition(ANSWER_COL, row)
            try:
                cell.setValue(float(value))
            except ValueError:
                cell.setString(value)
            if evidence:
                sheet.getCellByPosition(EVIDENCE_COL, row).setString(evidence)
        doc.storeToURL(
            uno.systemPathToFileUrl(os.path.abspath(out)),
            (prop("FilterName", "Calc MS Excel 2007 XML"),),
        )
        doc.close(True)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


def find_row(sheet, code):
    for row in range(FIRST_ITEM_ROW, FIRST_ITEM_ROW + 5000):
        text = sheet.getCellByPosition(CODE_COL, row).getString().strip()
        if text == code:
            return row
    raise SystemExit(f"interop-fill: no row for {code}")


if __name__ == "__main__":
    main()
