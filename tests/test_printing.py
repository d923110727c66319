"""Finding the printer and sending a file to it (ledger.printing), with `shutil.which`,
`subprocess.run` and Windows' calls stubbed: nothing is ever printed."""
from __future__ import annotations

import subprocess

import pytest

from ledger import printing
from ledger.errors import LedgerError
from ledger.printing import Printer

ACCEPTING = ("HP_LaserJet accepting requests since Mon 04 May 2026 09:12:01 AM CST\n"
             "Office_Pantum accepting requests since Tue 05 May 2026 08:00:00 AM CST\n")


class Lpstat:
    """subprocess.run as CUPS would answer it; every call is kept."""

    def __init__(self, default: str = "", accepting: str = "", send_code: int = 0,
                 send_err: str = ""):
        self.answers = {"-d": default, "-a": accepting}
        self.send_code, self.send_err = send_code, send_err
        self.calls: list[list[str]] = []

    def __call__(self, command, **kwargs):
        self.calls.append(list(command))
        assert kwargs["env"]["LC_ALL"] == "C"  # parsed in English whatever the locale
        assert kwargs["timeout"]  # a print server that does not answer cannot hang us
        if command[0].endswith("lpstat"):
            return subprocess.CompletedProcess(command, 0, self.answers[command[1]], "")
        return subprocess.CompletedProcess(command, self.send_code,
                                           "request id is HP_LaserJet-12 (1 file(s))\n",
                                           self.send_err)


@pytest.fixture
def posix(monkeypatch):
    monkeypatch.setattr(printing, "ON_WINDOWS", False)

    def installed(*names):
        monkeypatch.setattr(printing.shutil, "which",
                            lambda name: f"/usr/bin/{name}" if name in names else None)
    return installed


def test_the_default_printer_is_the_one_lpstat_names(posix, monkeypatch):
    posix("lp", "lpstat")
    monkeypatch.setattr(printing.subprocess, "run",
                        Lpstat("system default destination: Office_Pantum\n", ACCEPTING))
    assert printing.find_printer() == Printer("Office_Pantum", "lp", "/usr/bin/lp")


def test_without_a_default_the_first_printer_accepting_requests(posix, monkeypatch):
    posix("lp", "lpstat")
    monkeypatch.setattr(printing.subprocess, "run",
                        Lpstat("no system default destination\n", ACCEPTING))
    assert printing.find_printer().name == "HP_LaserJet"


def test_a_default_not_accepting_requests_gives_way_to_one_that_is(posix, monkeypatch):
    posix("lp", "lpstat")
    answer = ("Old_Epson not accepting requests since Jan 2025 -\n\tPaper jam\n" + ACCEPTING)
    monkeypatch.setattr(printing.subprocess, "run",
                        Lpstat("system default destination: Old_Epson\n", answer))
    assert printing.find_printer().name == "HP_LaserJet"


def test_no_printer_when_cups_knows_none(posix, monkeypatch):
    posix("lp", "lpstat")
    monkeypatch.setattr(printing.subprocess, "run", Lpstat("no system default destination\n"))
    assert printing.find_printer() is None


def test_no_printer_when_the_print_commands_are_not_installed(posix, monkeypatch):
    posix()
    ran = Lpstat("system default destination: HP_LaserJet\n", ACCEPTING)
    monkeypatch.setattr(printing.subprocess, "run", ran)
    assert printing.find_printer() is None and ran.calls == []
    posix("lpstat")  # lpstat alone cannot send anything
    assert printing.find_printer() is None


def test_no_printer_when_the_print_server_does_not_answer(posix, monkeypatch):
    posix("lp", "lpstat")

    def hangs(command, **kwargs):
        raise subprocess.TimeoutExpired(command, kwargs["timeout"])
    monkeypatch.setattr(printing.subprocess, "run", hangs)
    assert printing.find_printer() is None


def test_lpr_where_there_is_no_lp(posix, monkeypatch):
    posix("lpr", "lpstat")
    monkeypatch.setattr(printing.subprocess, "run",
                        Lpstat("system default destination: HP_LaserJet\n", ACCEPTING))
    assert printing.find_printer() == Printer("HP_LaserJet", "lpr", "/usr/bin/lpr")


def test_sending_runs_lp_for_the_printer_with_the_whole_path(tmp_path, monkeypatch):
    sheet = tmp_path / "结算单-全部-2026-1.pdf"
    sheet.write_bytes(b"%PDF-1.4")
    ran = Lpstat()
    monkeypatch.setattr(printing.subprocess, "run", ran)
    answer = printing.send(sheet, Printer("HP_LaserJet", "lp", "/usr/bin/lp"))
    assert ran.calls == [["/usr/bin/lp", "-d", "HP_LaserJet", str(sheet.resolve())]]
    assert "HP_LaserJet-12" in answer
    printing.send(sheet, Printer("HP_LaserJet", "lpr", "/usr/bin/lpr"))
    assert ran.calls[-1] == ["/usr/bin/lpr", "-P", "HP_LaserJet", str(sheet.resolve())]


def test_a_refused_job_is_an_error_naming_the_file_and_printer(tmp_path, monkeypatch):
    sheet = tmp_path / "sheet.pdf"
    sheet.write_bytes(b"%PDF-1.4")
    monkeypatch.setattr(printing.subprocess, "run",
                        Lpstat(send_code=1, send_err="lp: The printer or class does not exist.\n"))
    with pytest.raises(LedgerError) as refused:
        printing.send(sheet, Printer("Gone", "lp", "/usr/bin/lp"))
    assert refused.value.key == "print_failed"
    text = refused.value.message("zh")
    assert str(sheet.resolve()) in text and "Gone" in text and "does not exist" in text


def test_a_missing_file_is_not_sent(tmp_path, monkeypatch):
    ran = Lpstat()
    monkeypatch.setattr(printing.subprocess, "run", ran)
    with pytest.raises(LedgerError) as refused:
        printing.send(tmp_path / "none.pdf", Printer("HP", "lp", "/usr/bin/lp"))
    assert refused.value.key == "print_missing" and ran.calls == []


def test_windows_prints_through_the_default_printer(tmp_path, monkeypatch):
    monkeypatch.setattr(printing, "ON_WINDOWS", True)
    monkeypatch.setattr(printing, "windows_default_printer", lambda: "Canon LBP2900")
    printer = printing.find_printer()
    assert printer == Printer("Canon LBP2900", "windows")
    sheet = tmp_path / "sheet.pdf"
    sheet.write_bytes(b"%PDF-1.4")
    started = []
    monkeypatch.setattr(printing.os, "startfile", lambda *args: started.append(args),
                        raising=False)
    printing.send(sheet, printer)
    assert started == [(str(sheet.resolve()), "print")]


@pytest.mark.parametrize("name", [None, "Microsoft Print to PDF", "Microsoft XPS Document Writer",
                                  "OneNote for Windows 10", "Fax"])
def test_windows_without_a_printer_that_puts_ink_on_paper(monkeypatch, name):
    monkeypatch.setattr(printing, "ON_WINDOWS", True)
    monkeypatch.setattr(printing, "windows_default_printer", lambda: name)
    assert printing.find_printer() is None


def test_windows_says_why_a_file_could_not_be_printed(tmp_path, monkeypatch):
    sheet = tmp_path / "sheet.pdf"
    sheet.write_bytes(b"%PDF-1.4")

    def no_program(*_args):
        raise OSError(1155, "No application is associated with the specified file")
    monkeypatch.setattr(printing.os, "startfile", no_program, raising=False)
    with pytest.raises(LedgerError) as refused:
        printing.send(sheet, Printer("Canon", "windows"))
    assert "No application" in refused.value.message("en")
