"""`silk restore` of a village's ledger on a township's server, checked as a file's is:
the dump is loaded into a scratch schema, checked there, and swapped in with the
ledger's write lock held and its grants kept, the ledger it replaced kept aside; a bad
dump is refused with the ledger exactly as it was.

The module makes its own database `silk_pgrestore_…` and its logins, all named with one
unique prefix (roles are server-wide), and drops them all afterwards; it is skipped,
with the reason, when no server answers."""
from __future__ import annotations

import itertools
import json
import subprocess
import sys
import time
import uuid
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from helpers import clean_env, ok, refused, silk
from ledger.stores import postgresql
from pg_server import as_login, demo_township, needs_server

pytestmark = needs_server


@pytest.fixture(scope="module")
def township(tmp_path_factory):
    """Two demo villages `a` and `b`, an accountant of `a` and an auditor; the database
    and every role of this module's prefix dropped afterwards."""
    with demo_township("silk_pgrestore", tmp_path_factory.mktemp("pgrestore")) as township:
        yield township


def at(township, code: str, login: str = "") -> str:
    address = as_login(township["address"], login) if login else township["address"]
    return f"{address}?ledger={code}"


def run(township, code: str, *command, login: str = "", cwd=None):
    return silk("--db", at(township, code, login), "--lang", "en", *command,
                cwd=cwd or township["folder"])


def backup_of(township, code: str, tmp_path) -> str:
    """A fresh `silk backup` of ledger `code`, in `tmp_path`."""
    out = ok(run(township, code, "backup", tmp_path))
    return out.strip().rpartition(" to ")[2].rstrip(".")


def season_of(township, code: str) -> str:
    with psycopg.connect(township["address"]) as connection:
        return connection.execute(f'SELECT code FROM "{code}".season ORDER BY start DESC '
                                  "LIMIT 1").fetchone()[0]


def reports(township, code: str) -> dict:
    """What the village reads off its books: the season report and the trial balance."""
    season = season_of(township, code)
    return {"season": json.loads(ok(run(township, code, "report", "season", season,
                                        "--format", "json"))),
            "trial-balance": json.loads(ok(run(township, code, "report", "trial-balance",
                                               "--format", "json")))}


def rows_of(township, code: str) -> dict[str, list[tuple]]:
    """Every row of the ledger's chained and sealed tables, as the server holds them."""
    with psycopg.connect(township["address"]) as connection:
        connection.execute(f'SET search_path TO "{code}"')
        return {table: connection.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()
                for table in ("voucher", "change", "leaf_delivery", "account", "meta")}


def deliver_leaf(township, code: str, login: str = ""):
    """One more leaf delivery imported into ledger `code` (as `login`, if given), of
    another weight each time (the same row twice is refused as a duplicate)."""
    kg = next(_WEIGHTS)
    with psycopg.connect(township["address"]) as connection:
        batch, start = connection.execute(
            f'SELECT b.code, s.start FROM "{code}".batch b JOIN "{code}".season s ON s.id = '
            "b.season_id ORDER BY s.start DESC, b.code LIMIT 1").fetchone()
    folder = township["folder"] / uuid.uuid4().hex[:8]
    folder.mkdir()
    path = folder / "leaf.csv"
    path.write_text(f"date,batch,supplier,kg,price\n{start},{batch},H001,{kg},0.5\n",
                    encoding="utf-8")
    return run(township, code, "import", path, login=login)


_WEIGHTS = itertools.count(101)


def leftover_schemas(township) -> list[str]:
    with psycopg.connect(township["address"]) as connection:
        return [name for (name,) in connection.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE '~%'")]


def test_restore_takes_the_ledger_back_to_its_backup(township, tmp_path):
    before = reports(township, "a")
    made = backup_of(township, "a", tmp_path)
    ok(deliver_leaf(township, "a"))
    ok(run(township, "a", "account", "add", "513.91", "恢复后应不见"))
    assert reports(township, "a") != before

    out = ok(run(township, "a", "restore", made, cwd=tmp_path))
    aside = out.strip().rpartition(" kept as ")[2].rstrip(".")
    assert f"Restored {made} into" in out and aside.endswith("-replaced.sql")

    assert reports(township, "a") == before  # the delivery and the account are gone
    assert "恢复后应不见" not in str(rows_of(township, "a")["account"])
    assert "sound" in ok(run(township, "a", "check"))
    with open(aside, encoding="utf-8") as kept:  # the ledger replaced, with its writes
        assert "恢复后应不见" in kept.read()
    with psycopg.connect(township["address"]) as connection:
        action, target, after = connection.execute(
            'SELECT action, target, after FROM a.change ORDER BY id DESC LIMIT 1').fetchone()
    assert (action, target) == ("restore", made.rpartition("/")[2])
    assert json.loads(after) == {"replaced_kept_as": aside}
    assert leftover_schemas(township) == []
    listed = ok(silk("--db", township["address"], "ledgers", cwd=tmp_path)).splitlines()
    assert [line.split("\t")[0] for line in listed] == ["a", "b"]
    # and the books go on: the next write is sealed into the restored chain
    ok(deliver_leaf(township, "a"))
    assert "sound" in ok(run(township, "a", "check"))


def test_the_aside_copy_restores_what_the_restore_replaced(township, tmp_path):
    made = backup_of(township, "a", tmp_path)
    ok(deliver_leaf(township, "a"))
    later = reports(township, "a")
    out = ok(run(township, "a", "restore", made, cwd=tmp_path))
    aside = out.strip().rpartition(" kept as ")[2].rstrip(".")
    ok(run(township, "a", "restore", aside, cwd=tmp_path))
    assert reports(township, "a") == later
    assert "sound" in ok(run(township, "a", "check"))


def _cut_short(text: str) -> str:
    return text[: len(text) * 2 // 3]


def _amount_changed(text: str) -> str:
    """One leaf delivery's grams changed in the dump's rows: its seal no longer holds."""
    lines = text.split("\n")
    row = next(number for number, line in enumerate(lines)
               if line.startswith("COPY a.leaf_delivery ")) + 1
    cells = lines[row].split("\t")
    cells[-2] = str(int(cells[-2]) + 1000)  # (…, grams, price)
    lines[row] = "\t".join(cells)
    return "\n".join(lines)


def _trigger_left_out(text: str) -> str:
    return "\n".join(line for line in text.split("\n")
                     if not line.startswith("CREATE TRIGGER leaf_delivery_no_update"))


@pytest.mark.parametrize("spoil, fragment", [
    (_cut_short, "was cut short"),
    (_amount_changed, "does not pass 'silk check'"),
    (_trigger_left_out, "does not pass 'silk check'"),
    (lambda text: "these are not the books\n", "is not a Silk Ledger backup"),
])
def test_a_bad_backup_is_refused_and_the_ledger_left_as_it_was(township, tmp_path, spoil,
                                                                fragment):
    made = backup_of(township, "a", tmp_path)
    ok(deliver_leaf(township, "a"))
    bad = tmp_path / "bad.sql"
    bad.write_text(spoil(open(made, encoding="utf-8").read()), encoding="utf-8")
    before, shown = rows_of(township, "a"), reports(township, "a")
    line = refused(run(township, "a", "restore", bad, cwd=tmp_path), fragment)
    assert "nothing was restored and the ledger was left as it was" in line
    assert rows_of(township, "a") == before
    assert reports(township, "a") == shown
    assert leftover_schemas(township) == []
    assert list(tmp_path.glob("*-replaced.sql")) == []  # nothing replaced, nothing kept


def test_a_custom_archive_of_pg_dump_restores_too(township, tmp_path):
    archive = tmp_path / "a.dump"
    subprocess.run([postgresql.tool("pg_dump"), "--format", "custom", "--schema", "a",
                    "--file", str(archive), "--dbname", township["address"]], check=True)
    before = reports(township, "a")
    ok(deliver_leaf(township, "a"))
    ok(run(township, "a", "restore", archive, cwd=tmp_path))
    assert reports(township, "a") == before
    archive.write_bytes(archive.read_bytes()[:4000])
    refused(run(township, "a", "restore", archive, cwd=tmp_path), "is damaged")
    assert reports(township, "a") == before


def test_a_backup_of_another_village_is_restored_as_on_a_file(township, tmp_path):
    """As `silk restore` of another ledger's file: restored, checked, and the ledger it
    replaced kept aside, from which it comes back."""
    of_a, of_b = backup_of(township, "a", tmp_path), reports(township, "b")
    lineage_of_a = dict(rows_of(township, "a")["meta"])["ledger_id"]
    out = ok(run(township, "b", "restore", of_a, cwd=tmp_path))
    aside = out.strip().rpartition(" kept as ")[2].rstrip(".")
    assert aside.rpartition("/")[2].startswith("b-") and aside.endswith("-replaced.sql")
    assert dict(rows_of(township, "b")["meta"])["ledger_id"] == lineage_of_a
    assert "sound" in ok(run(township, "b", "check"))
    ok(run(township, "b", "restore", aside, cwd=tmp_path))
    assert reports(township, "b") == of_b
    assert "sound" in ok(run(township, "b", "check"))
    listed = ok(silk("--db", township["address"], "ledgers", cwd=tmp_path)).splitlines()
    assert [line.split("\t")[0] for line in listed] == ["a", "b"]
    assert leftover_schemas(township) == []


def test_a_lost_ledger_is_restored_onto_its_code_and_the_auditor_reads_it(township, tmp_path):
    made = backup_of(township, "b", tmp_path)
    before = reports(township, "b")
    postgresql.drop_ledger(at(township, "b"))
    out = ok(run(township, "b", "restore", made, cwd=tmp_path))
    assert out.strip().endswith(f"Restored {made} into {at(township, 'b')}.")
    assert reports(township, "b") == before
    assert "Net income" in ok(run(township, "b", "report", "season", season_of(township, "b"),
                                  login=f"{township['prefix']}_aud"))


def test_accountants_and_auditors_keep_their_rights(township, tmp_path):
    """The grants the ledger has at the restore, not those of the backup: an accountant
    given the village after the backup still writes it."""
    prefix = township["prefix"]
    made = backup_of(township, "a", tmp_path)
    ok(silk("--db", township["address"], "user", "add", f"{prefix}_late", "--role",
            "accountant", "--ledger", "a", cwd=tmp_path))
    ok(run(township, "a", "restore", made, cwd=tmp_path))
    for login in (f"{prefix}_acc", f"{prefix}_late"):
        ok(deliver_leaf(township, "a", login=login))
        assert "sound" in ok(run(township, "a", "check", login=login))
    auditor = f"{prefix}_aud"
    assert "Net income" in ok(run(township, "a", "report", "season", season_of(township, "a"),
                                  login=auditor))
    refused(deliver_leaf(township, "a", login=auditor), "refused this login or this operation")
    refused(run(township, "b", "check", login=f"{prefix}_acc"), "refused this login")
    # and an accountant cannot restore: he owns none of the ledger's tables
    before = rows_of(township, "a")
    refused(run(township, "a", "restore", made, login=f"{prefix}_acc", cwd=tmp_path),
            "refused this login or this operation")
    assert rows_of(township, "a") == before
    assert leftover_schemas(township) == []


def test_the_swap_waits_for_a_writer_of_the_village(township, tmp_path):
    """A writer holding the village's write lock is let finish; its write is then
    replaced by the restore, never interleaved with it."""
    made = backup_of(township, "a", tmp_path)
    before = reports(township, "a")
    with psycopg.connect(township["address"]) as writer:
        writer.execute("SELECT pg_advisory_xact_lock(hashtext('silk:a'))")
        restoring = subprocess.Popen(
            [sys.executable, "-m", "ledger", "--db", at(township, "a"), "--lang", "en",
             "restore", made], cwd=tmp_path, env=clean_env(), stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, encoding="utf-8")
        try:
            deadline = time.monotonic() + 60
            while not leftover_schemas(township) and time.monotonic() < deadline:
                time.sleep(0.2)
            time.sleep(2)  # checked by now, and waiting for the lock
            assert restoring.poll() is None
            writer.execute("INSERT INTO a.meta (key, value) VALUES ('written', 'meanwhile')")
        except BaseException:
            restoring.kill()
            raise
    out, err = restoring.communicate(timeout=120)
    assert restoring.returncode == 0, err
    kept = out.strip().rpartition(" kept as ")[2].rstrip(".")
    with open(kept, encoding="utf-8") as aside:  # the write, committed first, is kept aside
        assert "written\tmeanwhile" in aside.read()
    assert "written" not in dict(rows_of(township, "a")["meta"])
    assert reports(township, "a") == before


def test_a_password_in_the_address_is_not_shown(township, tmp_path):
    """What backup and restore say name the ledger as every other message does, without
    the password (trust authentication ignores it)."""
    parts = urlsplit(township["address"])
    user, _, host = parts.netloc.rpartition("@")
    address = urlunsplit((parts.scheme, f"{user or 'postgres'}:s3cret-pw@{host}",
                          parts.path, "ledger=a", ""))
    made = ok(silk("--db", address, "--lang", "en", "backup", tmp_path, cwd=tmp_path))
    restored = ok(silk("--db", address, "--lang", "en", "restore",
                       made.strip().rpartition(" to ")[2].rstrip("."), cwd=tmp_path))
    for said in (made, restored):
        assert "s3cret-pw" not in said and f"{host}{parts.path}?ledger=a" in said
