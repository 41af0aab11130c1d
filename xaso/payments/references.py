"""Payment codes: what a payer types (or the QR carries) in the transfer note so that a bank
line can be tied back to its request.

"XS" + 7 random symbols + 1 check symbol, in Crockford's base-32 alphabet (no I, L, O, U: none
to confuse when read aloud or retyped): 10 characters, so the 25 a bank keeps of a note still
leave room for what the payment is for. 32^7 ≈ 3.4e10 codes; a clash is drawn again. The check
symbol (odd position weights, so any single wrong symbol changes it) lets the matcher skip most
noise in a note before it asks the database.
"""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PREFIX = "XS"
BODY = 7
LENGTH = len(PREFIX) + BODY + 1
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_CANDIDATE = re.compile(rf"(?=({PREFIX}[{ALPHABET}]{{{BODY + 1}}}))")
_NOT_ALNUM = re.compile(r"[^0-9A-Z]")


def _check(body: str) -> str:
    return ALPHABET[sum((2 * i + 1) * _VALUE[ch] for i, ch in enumerate(body)) % 32]


_WEIGHTS = tuple(2 * i + 1 for i in range(BODY))


def reference_new() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY))
    return PREFIX + body + _check(body)


def reference_is_valid(code: str) -> bool:
    if len(code) != LENGTH or not code.startswith(PREFIX):
        return False
    body, check = code[len(PREFIX) : -1], code[-1]
    return all(ch in _VALUE for ch in body) and _check(body) == check


def references_in(note: str) -> list[str]:
    """Valid payment codes found in a bank line's description, in order. Banks insert spaces,
    dots or line breaks and change case, so the note is compacted before the search."""
    compact = _NOT_ALNUM.sub("", (note or "").upper())
    found = []
    value = _VALUE
    for code in _CANDIDATE.findall(compact):
        # The candidate pattern already checked prefix, length and alphabet: only the check symbol.
        total = sum(w * value[ch] for w, ch in zip(_WEIGHTS, code[2:-1], strict=True))
        if ALPHABET[total % 32] == code[-1] and code not in found:
            found.append(code)
    return found
