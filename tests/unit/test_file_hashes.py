"""Hashes kept with each file's stat (gongkai_build/file_hashes.py) are trusted only where the
stat would show a change.

A file system with a coarse clock (a second, or a kernel tick) gives a file written twice
within one tick the same mtime and ctime; with the same size and inode its stat is then
exactly the one taken when it was hashed (git's "racily clean" files). This kernel stamps a
write after a stat with a finer time, so the test hands in the stat taken before the second
write, which is what such a file system would show.
"""
import hashlib
import os

from gongkai_build.file_hashes import FileHashes


def read(path, st):
    with open(path, "rb") as fh:
        return hashlib.sha1(fh.read()).digest()


def test_a_file_written_again_within_the_tick_it_was_hashed_in_is_read_again(tmp_path):
    path = tmp_path / "0001.md"
    path.write_bytes("建议加快推进".encode())
    st = os.stat(path)
    kept = FileHashes(tmp_path / "hashes.pickle")
    assert kept.token(str(path), st, read) == hashlib.sha1("建议加快推进".encode()).digest()
    kept.save()
    path.write_bytes("建议尽快推进".encode())  # the same size, the same tick: the same stat there
    again = FileHashes(tmp_path / "hashes.pickle")
    assert again.token(str(path), st, read) == hashlib.sha1("建议尽快推进".encode()).digest()


def test_a_changed_stat_reads_the_file_again(tmp_path):
    path = tmp_path / "0001.md"
    path.write_bytes(b"one")
    kept = FileHashes(tmp_path / "hashes.pickle")
    kept.token(str(path), os.stat(path), read)
    kept.save()
    path.write_bytes(b"two!")
    assert FileHashes(tmp_path / "hashes.pickle").token(str(path), os.stat(path), read) == hashlib.sha1(b"two!").digest()


def test_a_damaged_store_only_costs_a_read(tmp_path):
    store = tmp_path / "hashes.pickle"
    store.write_bytes(b"\x80\x05not a pickle")
    path = tmp_path / "0001.md"
    path.write_bytes(b"one")
    assert FileHashes(store).token(str(path), os.stat(path), read) == hashlib.sha1(b"one").digest()


def test_the_loader_is_told_the_hash_of_each_file_the_key_read(tmp_path):
    path, other = tmp_path / "0001.md", tmp_path / "0002.md"
    path.write_bytes("建议加快推进".encode())
    other.write_bytes(b"x")
    kept = FileHashes(tmp_path / "hashes.pickle")
    assert kept.digest_of(path) is None  # not hashed yet
    kept.token(str(path), os.stat(path), read)
    kept.token(str(other), os.stat(other), lambda p, st: b"\0big\0" + str(st.st_size).encode())  # over the cap
    assert kept.digest_of(path) == hashlib.sha1("建议加快推进".encode()).hexdigest()
    assert kept.digest_of(other) is None  # its token is not its hash: the loader reads it
    kept.save()
    assert FileHashes(tmp_path / "hashes.pickle").digest_of(path) is None  # known from a build before: not this one's


def test_the_loader_finds_a_hash_by_any_spelling_of_the_path(tmp_path):
    """digest_of answers by the path as the key hashed it, and by another spelling of it."""
    folder = tmp_path / "proposals"
    folder.mkdir()
    path = folder / "0001.md"
    path.write_bytes("建议加快推进".encode())
    kept = FileHashes(None)
    kept.token(str(path), os.stat(path), read)
    digest = hashlib.sha1("建议加快推进".encode()).hexdigest()
    assert kept.digest_of(path) == digest
    assert kept.digest_of(folder / ".." / "proposals" / "0001.md") == digest
    assert kept.digest_of(folder / "0002.md") is None
