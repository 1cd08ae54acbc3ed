"""Tables as downloads: CSV that Excel opens in UTF-8, and XLSX.

Text that a spreadsheet would run as a formula (a cell starting with "=", "+", "-" or "@") is kept
as text, so a title typed by an editor can never execute on a reader's computer.
"""

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_COLUMN_WIDTH = 60


def csv_response(filename, header, rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # The byte-order mark tells Excel the file is UTF-8 (otherwise "Rp" survives, "é" does not).
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([_safe_text(cell) for cell in header])
    for row in rows:
        writer.writerow([_safe_text(cell) for cell in row])
    return response


def xlsx_response(filename, sheet_title, header, rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    sheet.append([str(cell) for cell in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(str(cell)) for cell in header]
    for row in rows:
        sheet.append([_cell_value(cell) for cell in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                # openpyxl reads a leading "=" as a formula; the reader gets the text instead.
                cell.data_type = "s"
        widths = [max(width, len(str(cell))) for width, cell in zip(widths, row, strict=True)]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = min(
            width + 2, MAX_COLUMN_WIDTH
        )
    sheet.freeze_panes = "A2"
    content = io.BytesIO()
    workbook.save(content)
    response = HttpResponse(content.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _cell_value(cell):
    if cell is None or isinstance(cell, int | float):
        return cell
    # Control characters (common in text extracted from PDFs) are not allowed in XLSX.
    return ILLEGAL_CHARACTERS_RE.sub("", str(cell))


def _safe_text(cell):
    if isinstance(cell, int | float) or cell is None:
        return cell
    text = str(cell)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text
