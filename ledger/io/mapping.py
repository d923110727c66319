"""A saved layout of someone else's file (`silk import --map FILE`), in TOML:

    kind = "sales"                 # when the file's name does not say it
    [columns]                      # their header -> canonical column ("" drops it)
    "过磅日期" = "date"
    "序号" = ""
    [constants]                    # a value for every row
    buyer = "E01"

so a purchase station's recurring weighing list imports without editing it.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ledger.errors import LedgerError
from ledger.io.headers import header_key
from ledger.kinds import BY_NAME, Kind


@dataclass
class Mapping:
    kind: Kind | None = None
    columns: dict[str, str] = field(default_factory=dict)   # header_key -> column or ""
    constants: dict[str, str] = field(default_factory=dict)

    def rename(self, header: str) -> str | None:
        """The canonical column (or "" to drop) a header is mapped to, else None."""
        return self.columns.get(header_key(header))


def load(path: str | Path) -> Mapping:
    """Read and check a mapping file; LedgerError naming what is wrong in it."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise LedgerError("import_missing_file", path=str(path)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as error:
        raise LedgerError("import_bad_map", path=str(path), reason=str(error)) from None
    unknown = set(data) - {"kind", "columns", "constants"}
    if unknown:
        raise LedgerError("import_bad_map", path=str(path),
                          reason=f"unknown keys: {', '.join(sorted(unknown))}")
    kind = None
    if "kind" in data:
        if data["kind"] not in BY_NAME:
            raise LedgerError("import_bad_map", path=str(path),
                              reason=f"kind must be one of: {', '.join(BY_NAME)}")
        kind = BY_NAME[data["kind"]]
    columns, constants = data.get("columns", {}), data.get("constants", {})
    if not isinstance(columns, dict) or not isinstance(constants, dict):
        raise LedgerError("import_bad_map", path=str(path),
                          reason="[columns] and [constants] must be tables")
    for name, value in (*columns.items(), *constants.items()):
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise LedgerError("import_bad_map", path=str(path),
                              reason=f"{name}: the value must be text or a number")
    return Mapping(kind=kind,
                   columns={header_key(name): str(value) for name, value in columns.items()},
                   constants={name: str(value) for name, value in constants.items()})
