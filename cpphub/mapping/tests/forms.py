"""Small XLSForms built in memory for the tests."""

from __future__ import annotations

import io

import openpyxl

LANGS = ["English (en)", "Português (pt)", "ไทย (th)"]

SURVEY = [
    ["begin_group", "about", "About you", "Sobre você", "เกี่ยวกับคุณ"],
    ["integer", "age", "How old are you?", "Quantos anos você tem?", "คุณอายุเท่าไร"],
    ["select_one yes_no", "online", "Do you go online?", "Você usa a internet?", ""],
    ["end_group", "", "", "", ""],
    ["begin_repeat", "devices", "Devices", "Aparelhos", "อุปกรณ์"],
    ["select_multiple channel", "channel", "Channel", "Canal", "ช่องทาง"],
    ["end_repeat", "", "", "", ""],
]
CHOICES = [
    ["yes_no", "yes", "Yes", "Sim", "ใช่"],
    ["yes_no", "no", "No", "Não", "ไม่"],
    ["channel", "webcam", "Webcam", "Webcam", "เว็บแคม"],
    ["channel", "lan_house", "LAN house", "Lan house", "ร้านอินเทอร์เน็ต"],
]


def xlsx(survey: list[list[str]] = SURVEY, choices: list[list[str]] = CHOICES) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "survey"
    sheet.append(["type", "name", *(f"label::{lang}" for lang in LANGS)])
    for row in survey:
        sheet.append(row)
    sheet = book.create_sheet("choices")
    sheet.append(["list_name", "name", *(f"label::{lang}" for lang in LANGS)])
    for row in choices:
        sheet.append(row)
    sheet = book.create_sheet("settings")
    sheet.append(["form_title", "form_id", "version", "default_language"])
    sheet.append(["Children online", "children_online", "2026-11", "English (en)"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


CSV = (
    b"survey,,,\n"
    b",type,name,label\n"
    b",integer,age,How old are you?\n"
    b",select_one yes_no,online,Do you go online?\n"
    b"choices,,,\n"
    b",list_name,name,label\n"
    b",yes_no,yes,Yes\n"
    b",yes_no,no,No\n"
    b"settings,,,\n"
    b",form_title,form_id,version\n"
    b",CSV form,csv_form,1\n"
)
