"""Spotting what could identify a person in mapping data: names, phone numbers, emails, handles.

Mapping data keeps pseudonymous codes only. Imports refuse a column that looks
identifying (by its name or by its content) until the facilitator pseudonymises
or drops it, and a finding's quote is refused while it still holds an
identifier. These are heuristics that err on the side of refusing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", re.UNICODE)
# 8 or more digits, allowing spaces, dots, dashes, brackets and a leading +.
PHONE = re.compile(r"(?<![\w])\+?\(?\d[\d\s().-]{6,}\d(?![\w])")
HANDLE = re.compile(r"(?<![\w@])@[A-Za-z0-9_.]{3,}")
URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+", re.IGNORECASE)
# A value that is a person's name: a title before it, or two or three capitalised words and nothing else.
HONORIFIC = re.compile(
    r"^(mr|mrs|ms|miss|dr|sr|sra|srta|dona|seu)\.?\s+\w+|^(ด\.ช\.|ด\.ญ\.|เด็กชาย|เด็กหญิง|นางสาว|นาย|นาง)\s*\S+",
    re.IGNORECASE | re.UNICODE,
)
FULL_NAME = re.compile(r"^[A-ZÀ-Ý][a-zà-ÿ'’]+(?:\s(?:da|de|do|dos|das|e)?\s?[A-ZÀ-Ý][a-zà-ÿ'’]+){1,3}$")
# "My name is X", in the partnership's languages.
SELF_NAMING = re.compile(
    r"\b(my name is|i am called|meu nome é|me chamo|eu me chamo|chamo-me)\s+\w+|(ชื่อ|หนูชื่อ|ผมชื่อ|ฉันชื่อ)\s*\S+",
    re.IGNORECASE | re.UNICODE,
)

# Column names (after folding accents and case) that hold a person's name or contact.
NAME_WORDS = {
    "name",
    "names",
    "nome",
    "nomes",
    "fullname",
    "firstname",
    "lastname",
    "surname",
    "givenname",
    "familyname",
    "sobrenome",
    "apelido",
    "nickname",
    "childname",
    "respondentname",
    "participantname",
    "parentname",
    "caregivername",
    "ชื่อ",
    "นามสกุล",
    "ชื่อเล่น",
}
PHONE_WORDS = {
    "phone",
    "telephone",
    "tel",
    "mobile",
    "cell",
    "cellphone",
    "telefone",
    "celular",
    "whatsapp",
    "เบอร์โทร",
    "โทรศัพท์",
}
EMAIL_WORDS = {"email", "mail", "emailaddress", "correio", "อีเมล"}
ADDRESS_WORDS = {"address", "endereco", "homeaddress", "ที่อยู่"}

NAME = "name"
PHONE_NUMBER = "phone"
EMAIL_ADDRESS = "email"
ADDRESS = "address"
HANDLE_OR_LINK = "handle"


def _fold(text: str) -> str:
    """Lower case, no accents, no separators: ``"Nome do Responsável"`` -> ``"nomedoresponsavel"``."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    kept = "".join(char for char in decomposed if not unicodedata.combining(char) or ord(char) > 0x0E00)
    return re.sub(r"[\s_\-./:()]+", "", kept)


def _words(column: str) -> list[str]:
    """The parts of a column name, its group path included: ``"about/child_name"`` -> parts and their joins."""
    last = column.rsplit("/", 1)[-1]
    parts = [_fold(part) for part in re.split(r"[\s_\-./:()]+", last) if part]
    return [*parts, _fold(last)]


def column_name_kind(column: str) -> str | None:
    """What the column's name says it holds, if that is identifying."""
    words = set(_words(column))
    folded = _fold(column.rsplit("/", 1)[-1])
    if words & NAME_WORDS or folded.endswith("name") or folded.startswith("nome"):
        return NAME
    if words & PHONE_WORDS or folded.endswith("phone"):
        return PHONE_NUMBER
    if words & EMAIL_WORDS:
        return EMAIL_ADDRESS
    if words & ADDRESS_WORDS:
        return ADDRESS
    return None


def value_kind(value: str) -> str | None:
    """What an answer's value holds, if it is an email, a phone number or a social media handle."""
    text = value.strip()
    if not text:
        return None
    if EMAIL.search(text):
        return EMAIL_ADDRESS
    if PHONE.fullmatch(text) or (PHONE.search(text) and sum(char.isdigit() for char in text) >= 8):
        return PHONE_NUMBER
    if HANDLE.search(text) or URL.search(text):
        return HANDLE_OR_LINK
    if len(text) <= 60 and (HONORIFIC.match(text) or FULL_NAME.match(text)):
        return NAME
    return None


def column_kind(column: str, values: Iterable[str]) -> str | None:
    """Why a column looks identifying (its name, or any of its values), or None."""
    by_name = column_name_kind(column)
    if by_name:
        return by_name
    for value in values:
        found = value_kind(str(value))
        if found:
            return found
    return None


def text_identifiers(text: str) -> list[str]:
    """The kinds of identifier left in a free text (a quote), in a fixed order; empty when clean."""
    found = []
    if EMAIL.search(text):
        found.append(EMAIL_ADDRESS)
    if any(sum(char.isdigit() for char in match.group()) >= 8 for match in PHONE.finditer(text)):
        found.append(PHONE_NUMBER)
    if HANDLE.search(EMAIL.sub("", text)) or URL.search(text):
        found.append(HANDLE_OR_LINK)
    if SELF_NAMING.search(text):
        found.append(NAME)
    return found
