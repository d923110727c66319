"""Removable drives found where desktops mount them (ledger.drives), in a temporary
folder standing for the file system's root."""
from __future__ import annotations

from ledger import drives


def everything(_path) -> bool:
    return True  # a temporary folder stands for mounted drives


def test_the_drives_mounted_for_the_user_under_media_run_media_and_mnt(tmp_path):
    for folder in ("media/li/KINGSTON", "media/li/相机卡", "run/media/li/SANDISK", "mnt/usb",
                   "media/wang/NOT_OURS", "media/li/.hidden"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "media/li/a-file.txt").write_text("not a drive")
    found = drives.removable_drives("li", base=tmp_path, windows=False,
                                   mounted=everything)
    assert found == [tmp_path / "media/li/KINGSTON", tmp_path / "media/li/相机卡",
                     tmp_path / "run/media/li/SANDISK", tmp_path / "mnt/usb"]


def test_no_drives_when_nothing_is_mounted(tmp_path):
    assert drives.removable_drives("li", base=tmp_path, windows=False,
                                   mounted=everything) == []
    (tmp_path / "media").mkdir()
    (tmp_path / "media/li").mkdir()
    assert drives.removable_drives("li", base=tmp_path, windows=False,
                                   mounted=everything) == []


def test_without_a_user_name_other_users_drives_are_not_offered(tmp_path):
    (tmp_path / "media/wang/KINGSTON").mkdir(parents=True)
    (tmp_path / "mnt/usb").mkdir(parents=True)
    assert drives.removable_drives("", base=tmp_path, windows=False,
                                   mounted=everything) == [tmp_path / "mnt/usb"]


def test_windows_offers_every_drive_letter_but_c():
    present = {"C:\\", "D:\\", "F:\\"}
    found = drives.windows_drives(exists=lambda letter: letter in present)
    assert [str(path).rstrip("\\/") for path in found] == ["D:", "F:"]


def test_a_folder_that_is_not_a_mount_point_is_not_offered(tmp_path):
    """An empty folder left under /mnt (or a system's own, like a sandbox's) is no stick."""
    (tmp_path / "mnt/usb").mkdir(parents=True)
    (tmp_path / "mnt/left-behind").mkdir(parents=True)
    found = drives.removable_drives("", base=tmp_path, windows=False,
                                    mounted=lambda path: path.name == "usb")
    assert found == [tmp_path / "mnt/usb"]
    assert drives.removable_drives("", base=tmp_path, windows=False) == []  # os.path.ismount
