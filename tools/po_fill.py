"""Fill a gettext catalogue from a JSON dictionary {msgid: msgstr} (or msgid: [singular, plural]).

Used by developers after `makemessages`: python tools/po_fill.py xaso/locale/vi/LC_MESSAGES/django.po
translations.json. Entries already translated are kept unless the dictionary names them.
"""

import json
import sys

import polib


def main(po_path: str, json_path: str) -> None:
    catalogue = polib.pofile(po_path)
    with open(json_path, encoding="utf-8") as fh:
        translations = json.load(fh)
    for entry in catalogue:
        value = translations.get(entry.msgid)
        if value is None:
            continue
        if entry.msgid_plural:
            forms = value if isinstance(value, list) else [value]
            entry.msgstr_plural = {0: forms[-1]}
        else:
            entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    catalogue.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    catalogue.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    catalogue.metadata["Language"] = "vi"
    catalogue.save(po_path)
    missing = [e.msgid for e in catalogue if not e.translated() and e.msgid]
    for msgid in missing:
        print(f"untranslated: {msgid}", file=sys.stderr)
    sys.exit(1 if missing else 0)


if __name__ == "__main__":
    main(*sys.argv[1:3])
