"""ID-card photos and scans are encrypted at rest with the database, and read back only
through the service (which records each reading)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from btxh_desktop.domain.errors import DomainError
from btxh_desktop.paths import AppPaths
from btxh_desktop.services.audit import AuditFilter
from btxh_desktop.services.container import open_services
from btxh_desktop.services.gate import Gate
from btxh_desktop.storage import attachments as files
from btxh_desktop.storage import keys
from tests.conftest import ADMIN, TODAY
from tests.security.conftest import PASSWORDS, Installation, make_plain_site

# Something that looks like a photo: a JPEG header and 40 KB that cannot compress away.
PHOTO = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + os.urandom(40_000) + b"CCCD 079150012345"


def scan(folder: Path, name: str = "cccd.jpg", content: bytes = PHOTO) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(content)
    return path


def windows(content: bytes) -> list[bytes]:
    return [content[i : i + 32] for i in range(0, len(content) - 32, 4096)]


def test_an_attached_photo_is_encrypted_on_disk_and_reads_back(
    installation: Installation, tmp_path: Path
) -> None:
    admin = installation.login("quantri")
    attachment_id = admin.people.attach_file(installation.person_id, scan(tmp_path / "in"), "photo")
    sha = files.sha256_of(PHOTO)
    stored = admin.people.attachment_path(sha)
    on_disk = stored.read_bytes()
    assert on_disk.startswith(files.MAGIC)
    assert len(on_disk) == len(PHOTO) + files.HEADER_BYTES + files.TAG_BYTES
    for window in windows(PHOTO):
        assert window not in on_disk
    assert b"CCCD 079150012345" not in on_disk
    # Nothing else under the attachments folder holds it either (no leftover partial copy).
    for path in installation.paths.attachments.rglob("*"):
        if path.is_file():
            assert PHOTO[:32] not in path.read_bytes()

    assert admin.people.read_attachment(attachment_id) == PHOTO
    viewed = admin.audit.query(AuditFilter(action="view", entity="attachment"))
    assert [(e.record_id, e.username, e.detail["kind"]) for e in viewed] == [
        (attachment_id, "quantri", "photo")
    ]
    # A clerk may look at it too (it is needed for the work), and that is recorded as well.
    clerk = installation.login("nhaplieu")
    assert clerk.people.read_attachment(attachment_id) == PHOTO
    assert len(admin.audit.query(AuditFilter(action="view", entity="attachment"))) == 2

    # The same file attached again is stored once; a removed one cannot be read.
    again = admin.people.attach_file(installation.person_id, scan(tmp_path / "b"), "document")
    assert [p for p in stored.parent.iterdir()] == [stored]
    admin.people.remove_record("attachment", again)
    with pytest.raises(DomainError) as gone:
        admin.people.read_attachment(again)
    assert gone.value.code == "attachment.not_found"


def test_a_wrong_key_an_edited_file_or_a_swapped_file_is_refused(
    installation: Installation, tmp_path: Path
) -> None:
    admin = installation.login("quantri")
    first = admin.people.attach_file(installation.person_id, scan(tmp_path, "a.jpg"), "photo")
    other = b"%PDF-1.4 another scan" + os.urandom(2000)
    admin.people.attach_file(installation.person_id, scan(tmp_path, "b.pdf", other), "document")
    folder = installation.paths.attachments
    sha, other_sha = files.sha256_of(PHOTO), files.sha256_of(other)
    key = admin.ctx.database.key
    assert key is not None

    assert files.read(folder, sha, key) == PHOTO
    with pytest.raises(files.AttachmentUnreadable):
        files.read(folder, sha, keys.new_database_key())
    with pytest.raises(files.AttachmentUnreadable):
        files.read(folder, sha, None)  # no key: the bytes are useless

    path = files.path_for(folder, sha)
    blob = bytearray(path.read_bytes())
    blob[len(blob) // 2] ^= 0x01
    path.write_bytes(bytes(blob))
    with pytest.raises(DomainError) as edited:
        admin.people.read_attachment(first)
    assert edited.value.code == "attachment.unreadable"

    # A valid encrypted file put at another file's address does not pass for it.
    path.write_bytes(files.path_for(folder, other_sha).read_bytes())
    with pytest.raises(files.AttachmentUnreadable):
        files.read(folder, sha, key)
    # The database key itself is not what encrypts the files.
    assert files.attachment_key(key) != key


def test_encrypting_a_plain_database_encrypts_its_attachments(
    paths: AppPaths, tmp_path: Path
) -> None:
    person_id = make_plain_site(paths)
    services = open_services(paths, ADMIN, today=lambda: TODAY)
    attachment_id = services.people.attach_file(person_id, scan(tmp_path), "photo")
    stored = services.people.attachment_path(files.sha256_of(PHOTO))
    services.close()
    assert stored.read_bytes() == PHOTO  # plain before accounts exist (no key yet)

    first = Gate(paths).create_first_admin(
        "quantri", "Quản trị", PASSWORDS["quantri"], today=lambda: TODAY
    )
    try:
        on_disk = stored.read_bytes()
        assert on_disk.startswith(files.MAGIC)
        assert PHOTO[:32] not in on_disk
        assert first.services.people.read_attachment(attachment_id) == PHOTO
        new_id = first.services.people.attach_file(
            person_id, scan(tmp_path / "new", "giay-to.pdf", b"%PDF new" * 100), "document"
        )
        assert first.services.people.read_attachment(new_id) == b"%PDF new" * 100
    finally:
        first.services.close()


def test_an_interrupted_conversion_is_finished_and_a_damaged_file_left_alone(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "attachments"
    key = keys.new_database_key()
    good = files.store(folder, PHOTO, None)
    half = files.store(folder, b"second scan" * 50, None)
    damaged = files.store(folder, b"third scan" * 50, None)
    # A cut after the encrypted copy was written, before the plain file was replaced:
    pending = files.path_for(folder, half).with_name(half + files.PENDING_SUFFIX)
    pending.write_bytes(files.encrypt(files.attachment_key(key), half, b"second scan" * 50))
    # A cut that left a partial plain copy behind, and a file the disk damaged:
    leftover = files.path_for(folder, good).with_name(good + ".1234.part")
    leftover.write_bytes(PHOTO[:1000])
    files.path_for(folder, damaged).write_bytes(b"third scam" * 50)

    assert files.encrypt_plain_files(folder, key) == 2
    assert files.read(folder, good, key) == PHOTO
    assert files.read(folder, half, key) == b"second scan" * 50
    assert not pending.exists() and not leftover.exists()
    assert files.path_for(folder, damaged).read_bytes() == b"third scam" * 50
    assert files.encrypt_plain_files(folder, key) == 0  # nothing left to do


def test_a_copy_opened_in_another_program_is_removed_afterwards(
    installation: Installation, tmp_path: Path
) -> None:
    admin = installation.login("quantri")
    attachment_id = admin.people.attach_file(
        installation.person_id, scan(tmp_path, "Giấy xác nhận.pdf"), "document"
    )
    copy = admin.people.open_attachment_copy(attachment_id)
    assert copy.name == "Giấy xác nhận.pdf"
    assert copy.read_bytes() == PHOTO
    assert copy.is_relative_to(files.opened_folder(installation.paths.data_dir))
    files.clear_opened_copies(installation.paths.data_dir)
    assert not copy.exists()
