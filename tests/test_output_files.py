"""`-o PATH` never replaces what it points at (issue 13, "Files and terminals").

Every command that writes a file (statement, statements, report summary, export) goes
through `ledger.io.output`: an existing file is refused without --force, a symbolic link
is written through to its target, a FIFO or a device is written into and stays what it
was, and a regular file appears whole or not at all.
"""
from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from ledger import cli, i18n
from ledger.errors import LedgerError
from ledger.io import output

from helpers import demo_ledger_file

OLD = b"last season's sheet, kept\n"


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    return demo_ledger_file(tmp_path_factory.mktemp("out") / "ledger.db", 6, 1, seed=5)


@pytest.fixture
def silk(ledger, monkeypatch, capsys):
    """`silk --db LEDGER --lang en ARGS`, in this process: (exit status, stderr)."""
    monkeypatch.setattr(i18n, "_language", i18n._language)

    def run(*args) -> tuple[int, str]:
        code = cli.main(["--db", str(ledger), "--lang", "en", *map(str, args)])
        return code, capsys.readouterr().err
    return run


#: Each command that writes a file, with -o last.
COMMANDS = {
    "statement": ("statement", "H001", "2026-3", "-o"),
    "statements": ("statements", "2026-3", "--format", "html", "-o"),
    "summary": ("report", "summary", "2026-3", "--format", "csv", "-o"),
    "export hledger": ("export", "--format", "hledger", "-o"),
    "export xlsx": ("export", "--format", "xlsx", "-o"),
}


@pytest.mark.parametrize("command", COMMANDS)
def test_an_existing_file_is_refused_without_force(silk, tmp_path, command):
    target = tmp_path / "kept.out"
    target.write_bytes(OLD)
    code, err = silk(*COMMANDS[command], target)
    assert code == 1
    assert err == f"silk: {target} already exists; give --force to replace it\n"
    assert target.read_bytes() == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.out"]  # no partial left


@pytest.mark.parametrize("command", COMMANDS)
def test_force_replaces_an_existing_file(silk, tmp_path, command):
    target = tmp_path / "kept.out"
    target.write_bytes(OLD)
    code, _ = silk(*COMMANDS[command], target, "--force")
    assert code == 0
    assert target.read_bytes() != OLD and target.stat().st_size > 100
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.out"]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_symbolic_link_is_written_through(silk, tmp_path, command):
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "sheet.out"
    link = tmp_path / "link.out"
    link.symlink_to(real)  # dangling: the target does not exist yet
    code, _ = silk(*COMMANDS[command], link)
    assert code == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    first = real.read_bytes()
    assert len(first) > 100
    code, err = silk(*COMMANDS[command], link)  # now the target exists
    assert code == 1 and "already exists" in err
    assert silk(*COMMANDS[command], link, "--force")[0] == 0
    assert link.is_symlink() and real.is_file()
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["sheet.out"]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_fifo_is_written_into_and_stays_a_fifo(silk, tmp_path, command):
    fifo = tmp_path / "printer"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code, _ = silk(*COMMANDS[command], fifo)
    reader.join(timeout=30)
    assert code == 0
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert len(received[0]) > 100
    assert sorted(p.name for p in tmp_path.iterdir()) == ["printer"]


@pytest.mark.parametrize("command", ["statement", "export hledger"])
def test_a_character_device_stays_a_device(silk, command):
    """/dev/null, which a root user's -o once replaced with a regular file."""
    before = os.stat("/dev/null")
    assert stat.S_ISCHR(before.st_mode)
    code, _ = silk(*COMMANDS[command], "/dev/null")
    after = os.stat("/dev/null")
    assert code == 0
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev
    assert after.st_ino == before.st_ino


def test_standard_output_as_a_file_name(ledger, tmp_path):
    """`-o /dev/stdout` into a pipe (to lpr, say): the sheet goes down the pipe."""
    done = subprocess.run([sys.executable, "-m", "ledger", "--db", str(ledger), "--lang", "en",
                           "statements", "2026-3", "-o", "/dev/stdout"],
                          capture_output=True, cwd=tmp_path, timeout=120,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    assert "H001" in done.stdout.decode("utf-8") and done.stdout.count(b"\f") >= 1
    assert list(tmp_path.iterdir()) == []


def test_a_csv_export_refuses_a_folder_holding_an_earlier_export(silk, tmp_path):
    folder = tmp_path / "csv"
    assert silk("export", "-o", folder)[0] == 0
    sales = folder / "sales.csv"
    sales.write_bytes(OLD)
    code, err = silk("export", "-o", folder)
    assert code == 1 and "already exists; give --force" in err
    assert sales.read_bytes() == OLD
    assert silk("export", "-o", folder, "--force")[0] == 0
    assert sales.read_bytes().startswith(b"date,")


def test_a_folder_is_not_a_file(silk, tmp_path):
    code, err = silk("statement", "H001", "2026-3", "-o", tmp_path)
    assert code == 1
    assert err.startswith(f"silk: {tmp_path} is neither a file nor a device")


# -- the writer itself ---------------------------------------------------------------------

def test_a_failed_write_leaves_nothing(tmp_path):
    target = tmp_path / "sheet.txt"
    with pytest.raises(RuntimeError):
        with output.writing(target) as handle:
            handle.write("half a sheet")
            raise RuntimeError("the disk went away")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_forced_write_leaves_the_old_file(tmp_path):
    target = tmp_path / "sheet.txt"
    target.write_bytes(OLD)
    with pytest.raises(RuntimeError):
        with output.writing(target, force=True) as handle:
            handle.write("half a sheet")
            raise RuntimeError("the disk went away")
    assert target.read_bytes() == OLD
    assert list(tmp_path.iterdir()) == [target]


def test_a_file_made_meanwhile_is_not_replaced(tmp_path):
    """Between the check and the rename another program writes the same name."""
    target = tmp_path / "sheet.txt"
    with pytest.raises(LedgerError) as refused:
        with output.writing(target) as handle:
            handle.write("ours")
            target.write_bytes(OLD)
    assert refused.value.key == "output_exists"
    assert target.read_bytes() == OLD
    assert list(tmp_path.iterdir()) == [target]


def test_a_loop_of_links_is_one_clear_refusal(tmp_path):
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    with pytest.raises(LedgerError) as refused:
        output.write(loop, b"x")
    assert refused.value.key == "cannot_write"
    assert Path(refused.value.params["path"]) == loop
