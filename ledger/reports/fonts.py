"""The Chinese font a PDF is written in: one given with `--font`, else one found on the
system, else reportlab's standard CID font `STSong-Light` (with a warning).

A TrueType font is embedded in the PDF as a subset of the glyphs used, so the document
shows Chinese on any machine. reportlab reads TrueType (glyf) outlines only: OpenType
fonts with CFF outlines (Noto Sans CJK, Source Han, Songti on macOS) are tried and
skipped. The CID font is not embedded; the PDF reader must supply it.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

#: The standard CJK font every PDF reader with Asian font support knows.
FALLBACK = "STSong-Light"

#: Characters a font must have to print a settlement sheet: the capital numerals of
#: amounts in words, the words of the documents, digits and Latin letters.
NEEDED = ("人民币零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整"
          "蚕桑茧结算单农户村集体签字0123456789.-ABCHabc")

#: Where the usual Chinese TrueType fonts live, most wanted first. Fonts with CFF
#: outlines among them are skipped when tried.
WINDOWS_FONTS = ("simsun.ttc", "simsun.ttf", "msyh.ttc", "msyh.ttf", "simhei.ttf",
                 "simkai.ttf", "simfang.ttf")
LINUX_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",            # Fedora, Arch
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/droid/DroidSansFallback.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
    "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf",
)
MAC_FONTS = (
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/System/Library/Fonts/Supplemental/Songti.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
)


@dataclass(frozen=True)
class FontChoice:
    """The font registered with reportlab under `name` for a PDF.

    `path` is the file embedded (None for the CID fallback), `subfont_index` its face in
    a .ttc collection. `warning` is a message key for the user: "font_unusable" when the
    `--font` file (kept in `refused`) could not be used, "font_fallback" when no TrueType
    font with Chinese was found and the PDF names `STSong-Light`.
    """

    path: str | None
    subfont_index: int
    name: str
    warning: str | None = None
    refused: str | None = None

    @property
    def embedded(self) -> bool:
        return self.path is not None

    def message_params(self) -> dict[str, str]:
        """The parameters of the warning message: the file it is about."""
        return {"path": self.refused or self.path or ""}


def find_font(path: str | None = None) -> FontChoice:
    """The font for a PDF: `path` if given and usable, else the first usable system font,
    else the CID fallback. Never raises; what went wrong is in `warning`."""
    if path:
        chosen = _usable(str(Path(path).expanduser()))
        if chosen is not None:
            return chosen
        found = search()
        if found is not None:
            return FontChoice(found.path, found.subfont_index, found.name, "font_unusable", path)
        return FontChoice(None, 0, _register_fallback(), "font_unusable", path)
    found = search()
    if found is not None:
        return found
    return FontChoice(None, 0, _register_fallback(), "font_fallback")


def search() -> FontChoice | None:
    """The first usable Chinese TrueType font on this system, or None."""
    for candidate in candidates():
        chosen = _usable(candidate)
        if chosen is not None:
            return chosen
    return None


def candidates() -> list[str]:
    """Font files worth trying, known places first, then what fontconfig knows with
    Chinese; only files that exist."""
    if sys.platform.startswith("win"):
        folder = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        known = [str(folder / name) for name in WINDOWS_FONTS]
    elif sys.platform == "darwin":
        known = list(MAC_FONTS)
    else:
        known = list(LINUX_FONTS)
    found = [path for path in known if os.path.isfile(path)]
    for path in _fontconfig_chinese():
        if path not in found:
            found.append(path)
    return found


def _fontconfig_chinese() -> list[str]:
    """Font files fontconfig lists as covering Chinese, TrueType-looking ones first."""
    if shutil.which("fc-list") is None:
        return []
    try:
        listed = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True,
                                text=True, timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    paths = sorted({line.strip().rstrip(":").strip() for line in listed.splitlines()
                    if line.strip()})
    wanted = (".ttf", ".ttc")
    return ([p for p in paths if p.lower().endswith(wanted)]
            + [p for p in paths if p.lower().endswith(".otf")])


def _usable(path: str) -> FontChoice | None:
    """The first face of the file at `path` that reportlab can embed and that has every
    character in NEEDED, registered; None when there is none."""
    try:
        faces = _face_count(path)
    except (OSError, TTFError, ValueError):
        return None
    for index in range(faces):
        name = _register(path, index)
        if name is not None:
            return FontChoice(path, index, name)
    return None


def _face_count(path: str) -> int:
    """How many faces the font file holds (1 for a .ttf); raises for what is not a font."""
    with open(path, "rb") as file:
        head = file.read(12)
    if head[:4] == b"ttcf":
        return min(int.from_bytes(head[8:12], "big"), 64)
    if head[:4] in (b"\x00\x01\x00\x00", b"true"):
        return 1
    raise TTFError(f"{path}: not a TrueType font")  # CFF ('OTTO') and all else


@lru_cache(maxsize=None)
def _register(path: str, index: int) -> str | None:
    """Load one face, check it has Chinese, register it with reportlab under a name of
    its own; None if it cannot be used. Cached: a face is read once per process."""
    name = f"SilkCJK-{Path(path).stem}-{index}"
    try:
        font = TTFont(name, path, subfontIndex=index)
    except Exception:  # a damaged font file can fail anywhere in the parser: not this one
        return None
    glyphs = font.face.charToGlyph
    if any(ord(ch) not in glyphs for ch in NEEDED):
        return None
    pdfmetrics.registerFont(font)
    return name


@lru_cache(maxsize=None)
def _register_fallback() -> str:
    pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK))
    return FALLBACK
