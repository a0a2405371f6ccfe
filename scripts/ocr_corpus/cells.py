"""HTML cell helpers shared by the OCR corpus typesetters (make.py, forms_ocr4.py).

In:  a cell's text (and its rowspan, colspan, class) or an amount.
Out: the escaped `<td>` string, or the amount written with two decimals.
"""
import html


def e(s):
    return html.escape(str(s))


def fmt(x):
    return f"{x:.2f}"


def td(text, rs=1, cs=1, cls=""):
    a = ""
    if rs > 1:
        a += f' rowspan="{rs}"'
    if cs > 1:
        a += f' colspan="{cs}"'
    if cls:
        a += f' class="{cls}"'
    return f"<td{a}>{e(text)}</td>"
