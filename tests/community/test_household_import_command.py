import io

import pytest
from django.core.management import CommandError, call_command

from tests.support.households import row, xlsx_bytes
from xaso.community.management.commands.households_import import bar
from xaso.community.models import Household


def test_the_command_imports_and_draws_a_progress_bar(tmp_path, one_stop_officer, commune, village, capsys):
    path = tmp_path / "ho.xlsx"
    path.write_bytes(xlsx_bytes([row(f"HK-{i}") for i in range(1500)]))
    call_command("households_import", commune.code, str(path), "--as", one_stop_officer.username)
    out = capsys.readouterr()
    assert "created 1500" in out.out
    assert "[##############################] 100% 1500/1500" in out.err
    assert Household.objects.count() == 1500


def test_the_command_writes_the_error_report_and_imports_nothing(
    tmp_path, one_stop_officer, commune, village
):
    path, report = tmp_path / "ho.xlsx", tmp_path / "loi.xlsx"
    path.write_bytes(xlsx_bytes([row(), row("HK-2", contact_phone="1")]))
    with pytest.raises(CommandError):
        call_command(
            "households_import",
            commune.code,
            str(path),
            "--as",
            one_stop_officer.username,
            "--report",
            str(report),
        )
    assert report.exists()
    assert not Household.objects.exists()


def test_the_bar_fills_in_proportion():
    stream = io.StringIO()
    bar("x", stream)(50, 200)
    assert stream.getvalue() == "\rx [#######.......................]  25% 50/200"
