"""The printing commands as an accountant runs them: formats, files, fonts, refusals."""
from __future__ import annotations

import subprocess
import sys

import pytest
from pypdf import PdfReader

from ledger import book, db, models

from helpers import demo_ledger_file


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    return demo_ledger_file(tmp_path_factory.mktemp("print") / "ledger.db", 8, 1, seed=3)


def silk(ledger, *args, cwd=None):
    return subprocess.run([sys.executable, "-m", "ledger", "--db", str(ledger), *args],
                          capture_output=True, encoding="utf-8", cwd=cwd, timeout=120,
                          stdin=subprocess.DEVNULL)


def test_statements_as_pdf_and_html_files(ledger, tmp_path):
    pdf = tmp_path / "结算单.pdf"
    done = silk(ledger, "statements", "2026-3", "--format", "pdf", "-o", str(pdf))
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().endswith(str(pdf))
    pages = len(PdfReader(pdf).pages)
    html = tmp_path / "sheets.html"
    assert silk(ledger, "--lang", "en", "statements", "2026-3", "--format", "html",
                "-o", str(html)).returncode == 0
    text = html.read_text(encoding="utf-8")
    assert text.count('class="sheet') >= 1 and "Settlement sheet" in text
    assert pages >= text.count("<section") >= 1
    assert not list(tmp_path.glob(".*.partial"))


def test_pdf_cannot_go_to_the_screen(ledger):
    done = silk(ledger, "--lang", "en", "statement", "H001", "2026-3", "--format", "pdf")
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.strip() == "silk: pdf cannot go to the screen; give -o FILE"


def test_an_unusable_font_is_named_and_the_pdf_still_made(ledger, tmp_path):
    bogus = tmp_path / "not-a-font.ttf"
    bogus.write_text("hello", encoding="utf-8")
    out = tmp_path / "one.pdf"
    done = silk(ledger, "--lang", "en", "statement", "H001", "2026-3", "--format", "pdf",
                "--font", str(bogus), "-o", str(out))
    assert done.returncode == 0
    assert f"cannot use font {bogus}" in done.stderr
    assert len(PdfReader(out).pages) >= 1


def test_a_file_that_cannot_be_written_is_one_clear_line(ledger, tmp_path):
    target = tmp_path / "no-such-folder" / "x.txt"
    done = silk(ledger, "--lang", "en", "statements", "2026-3", "-o", str(target))
    assert done.returncode == 1
    assert done.stderr.startswith(f"silk: cannot write {target}: ")
    assert "Traceback" not in done.stderr and len(done.stderr.splitlines()) == 1


def test_summary_csv_file_opens_in_excel(ledger, tmp_path):
    out = tmp_path / "summary.csv"
    assert silk(ledger, "report", "summary", "2026-3", "--format", "csv",
                "-o", str(out)).returncode == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the mark Excel needs to read UTF-8
    header, *rows = data.decode("utf-8-sig").splitlines()
    assert header.startswith("code,name,group,sheets")
    assert rows[-1].startswith("COLLECTIVE,")


def test_a_season_without_sheets_says_so(tmp_path):
    path = tmp_path / "empty.db"
    database = db.open_ledger(path, create=True)
    book.record("seasons", dict(code="S1", name="春蚕", start="2026-04-01", end="2026-05-31"))
    database.close()
    models.database.initialize(None)
    done = silk(path, "--lang", "en", "statements", "S1", "-o", str(tmp_path / "x.txt"))
    assert done.returncode == 1
    assert "no household has a record or a balance in season S1" in done.stderr
    assert not (tmp_path / "x.txt").exists()


def test_the_notice_board_is_signed_by_the_accountant_and_the_supervisors(ledger, tmp_path):
    html, pdf = tmp_path / "board.html", tmp_path / "board.pdf"
    assert silk(ledger, "report", "summary", "2026-3", "--format", "html",
                "-o", str(html)).returncode == 0
    assert silk(ledger, "report", "summary", "2026-3", "--format", "pdf",
                "-o", str(pdf)).returncode == 0
    text = silk(ledger, "report", "summary", "2026-3").stdout
    pages = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    for document in (html.read_text(encoding="utf-8"), pages, text):
        assert "会计签字" in document and "村务监督委员会签字" in document
