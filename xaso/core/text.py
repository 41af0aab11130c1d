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
