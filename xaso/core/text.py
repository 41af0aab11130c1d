"""Text folding for search that ignores Vietnamese diacritics: "khai sinh" finds "Khai sinh",
"Đăng ký" finds "dang ky". Models keep a folded `search_text` column and filter on it, which
behaves the same on SQLite and PostgreSQL."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    if not text:
        return ""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip().lower()


def fold_all(*parts: str | None) -> str:
    return " ".join(p for p in (fold(part) for part in parts) if p)


# What XML 1.0 cannot carry (C0 controls but tab, newline and carriage return; surrogates; the
# two non-characters U+FFFE/U+FFFF) plus DEL and the C1 controls, which no reader wants either.
# One such character in an announcement made the commune's RSS and Atom feeds a 500 for all.
_NOT_FOR_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str | None) -> str:
    """`text` without the characters XML cannot carry (see _NOT_FOR_XML): for every text that
    goes into a feed or an XML export, and for text saved where a feed will read it."""
    if not text:
        return ""
    return _NOT_FOR_XML.sub("", str(text))
