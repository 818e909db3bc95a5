#!/usr/bin/env python3
"""xlsx_fill.py IN OUT ROWS_JSON: fills a batch template downloaded from
the hall the way a person does in Excel, for tests/http/test_template.c.

ROWS_JSON is a list of rows, each a dict from column letter to a value:
  "text"                  typed text (an inline string, as Excel keeps it
                          in a text-formatted column)
  {"choice": "协商一致解除"}  picked from the column's drop-down: the column
                          must have a list data validation and the value
                          must be one of the list's cells (exit 3 if not)
  {"date": "2026-11-20"}  typed into a date column: Excel stores the
                          serial day number with the column's style (the
                          <col style=> the template gave it), no type
The rows go under the existing ones (header and example row), kept.

Prints a JSON summary of the template as downloaded: the first sheet's
name, whether the header is frozen, the example row's first cell, the
date-formatted columns, and each drop-down column's values (a list, or
the cells of the range its formula names).
"""
import datetime
import json
import re
import sys
import zipfile
from xml.sax.saxutils import escape

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def sheets(z):
    """Sheet name -> part name, in workbook order."""
    wb = z.read("xl/workbook.xml").decode()
    rels = z.read("xl/_rels/workbook.xml.rels").decode()
    target = dict(re.findall(r'Id="(rId\d+)" Type="[^"]*" Target="([^"]+)"',
                             rels))
    target.update({k: v for v, k in re.findall(
        r'Target="([^"]+)"[^>]*Id="(rId\d+)"', rels)})
    out = []
    for name, rid in re.findall(r'<sheet name="([^"]+)" sheetId="\d+"'
                                r'(?: state="\w+")? r:id="(rId\d+)"', wb):
        t = target[rid]
        out.append((name, "xl/" + t.lstrip("/").replace("xl/", "", 1)))
    return out


def cell_texts(xml):
    """Cell reference -> text of the inline or plain cells of a sheet."""
    cells = {}
    for ref, body in re.findall(r'<c r="([A-Z]+\d+)"[^>]*>(.*?)</c>', xml):
        m = re.search(r"<t[^>]*>(.*?)</t>", body) or \
            re.search(r"<v>(.*?)</v>", body)
        if m:
            cells[ref] = m.group(1)
    return cells


def col_index(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def main():
    src, dst, rows = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    z = zipfile.ZipFile(src)
    order = sheets(z)
    first_name, first = order[0]
    xml = z.read(first).decode()
    parts = dict(order)
    styles = {}
    for lo, hi, st in re.findall(r'<col min="(\d+)" max="(\d+)"[^>]*'
                                 r'style="(\d+)"', xml):
        for i in range(int(lo), int(hi) + 1):
            styles[i] = st
    numfmt = dict(re.findall(r'<numFmt numFmtId="(\d+)" formatCode="([^"]+)"',
                             z.read("xl/styles.xml").decode()))
    xfs = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>",
                    z.read("xl/styles.xml").decode(), re.S).group(1)
    xf_fmt = re.findall(r'<xf numFmtId="(\d+)"', xfs)
    lists = {}
    for sqref, formula in re.findall(
            r'<dataValidation type="list"[^>]*sqref="([A-Z]+)2:[A-Z]+\d+"'
            r'[^>]*><formula1>(.*?)</formula1>', xml):
        formula = formula.replace("&quot;", '"').replace("&apos;", "'")
        if formula.startswith('"'):
            lists[sqref] = formula.strip('"').split(",")
            continue
        m = re.match(r"'?([^'!]+)'?!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)",
                     formula)
        name, c, r1, _, r2 = m.groups()
        vals = cell_texts(z.read(parts[name]).decode())
        lists[sqref] = [vals.get("%s%d" % (c, r)) for r in
                        range(int(r1), int(r2) + 1)]
    dates = {}
    for i, st in styles.items():
        fmt = numfmt.get(xf_fmt[int(st)], "")
        if "yy" in fmt:
            dates[i] = st
    hidden = re.findall(r'<sheet name="([^"]+)"[^>]*state="hidden"',
                        z.read("xl/workbook.xml").decode())
    summary = {
        "sheet": first_name,
        "sheets": [n for n, _ in order],
        "hidden": hidden,
        "frozen": 'state="frozen"' in xml and 'ySplit="1"' in xml,
        "example": cell_texts(xml).get("A2", ""),
        "lists": lists,
        "dates": sorted(chr(64 + i) for i in dates),
    }
    last = max(int(r) for r in re.findall(r'<row r="(\d+)"', xml))
    new = []
    for k, row in enumerate(rows):
        r = last + 1 + k
        cells = []
        for col in sorted(row, key=col_index):
            v = row[col]
            ref = "%s%d" % (col, r)
            if isinstance(v, dict) and "choice" in v:
                if v["choice"] not in lists.get(col, []):
                    print("not in the drop-down of %s: %s" % (col,
                          v["choice"]), file=sys.stderr)
                    sys.exit(3)
                v = v["choice"]
            if isinstance(v, dict) and "date" in v:
                if col_index(col) not in dates:
                    print("column %s is no date column" % col,
                          file=sys.stderr)
                    sys.exit(3)
                d = datetime.date.fromisoformat(v["date"])
                serial = (d - datetime.date(1899, 12, 30)).days
                cells.append('<c r="%s" s="%s"><v>%d</v></c>' %
                             (ref, dates[col_index(col)], serial))
                continue
            cells.append('<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' %
                         (ref, escape(v)))
        new.append('<row r="%d">%s</row>' % (r, "".join(cells)))
    xml = xml.replace("</sheetData>", "".join(new) + "</sheetData>", 1)
    xml = re.sub(r'<dimension ref="[^"]*"/>', "", xml)
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for item in z.infolist():
            data = xml.encode() if item.filename == first else \
                z.read(item.filename)
            out.writestr(item, data)
    print(json.dumps(summary, ensure_ascii=False, sort_keys=True))


if __name__ == "__main__":
    main()
