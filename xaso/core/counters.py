"""Gap-free numbering from counter rows (dossier codes per commune and day, receipt numbers per
commune and year)."""

from django.db import IntegrityError, transaction


def next_number(model, **key) -> int:
    """The next number of `model`'s counter row for `key` (a row with an integer `last`, unique
    over the key's fields, created at its first use). Rules: call inside the transaction that
    uses the number; the row is locked until it ends, so numbers have no duplicates and no gaps
    (a rolled-back transaction gives its number back)."""
    counter = model.objects.select_for_update().filter(**key).first()
    if counter is None:
        try:
            with transaction.atomic():
                counter = model.objects.create(**key)
        except IntegrityError:
            # Another transaction created the row first: wait for its lock, take the next number.
            counter = model.objects.select_for_update().get(**key)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last
