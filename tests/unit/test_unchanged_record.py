"""The record a build leaves beside its output (gongkai_build/unchanged.py) answers "was the last
build's key another?" only for the manifest it was written with: up_to_date then skips parsing
that manifest (11 MB of JSON at N = 5,000), and reads it whenever the record cannot say."""
import os

from gongkai_build import manifest as manifests
from gongkai_build.unchanged import Inputs


def recorded(tmp_path, key=("code=1", "key-1")):
    content, output = tmp_path / "content", tmp_path / "site"
    content.mkdir()
    output.mkdir()
    settings = tmp_path / "settings.py"
    settings.write_text("SITENAME = '政协提案'\n", encoding="utf-8")
    inputs = Inputs(content, output, None, settings)
    inputs.cache.mkdir(parents=True)
    manifests.write(inputs.cache / manifests.NAME, {"salt": "code=1", "key": "key-1"})
    inputs.key, inputs.folders = key, []
    inputs.remember({})
    return Inputs(content, output, None, settings), inputs.cache / manifests.NAME


def test_the_record_tells_another_key_from_the_same(tmp_path):
    inputs, _ = recorded(tmp_path)
    assert not inputs.other_key(("code=1", "key-1"))
    assert inputs.other_key(("code=1", "key-2"))
    assert inputs.other_key(("code=2", "key-1"))


def test_a_manifest_written_after_the_record_is_read_instead(tmp_path):
    inputs, manifest = recorded(tmp_path)
    replaced = manifest.with_name("manifest.tmp")
    replaced.write_text('{"salt": "code=1", "key": "key-2"}', encoding="utf-8")
    os.replace(replaced, manifest)  # as BuildCache.save writes it: a new file, a new stat
    assert not inputs.other_key(("code=1", "key-2"))
    assert not inputs.other_key(("code=1", "key-3"))  # the record cannot say: the caller reads the manifest


def test_no_record_says_nothing(tmp_path):
    inputs, _ = recorded(tmp_path)
    (inputs.cache / "unchanged.pickle").unlink()
    fresh = Inputs(inputs.content, inputs.output, None, tmp_path / "settings.py")
    assert not fresh.other_key(("code=1", "key-2"))


def test_a_manifest_that_is_not_a_whole_marshalled_dict_reads_as_none(tmp_path):
    path = tmp_path / manifests.NAME
    assert manifests.read(path) is None  # none at all
    for data in (b"", b"{\"files\": {}}", b"\xff" * 64, __import__("marshal").dumps(["a", "list"])):
        path.write_bytes(data)
        assert manifests.read(path) is None, data
    manifests.write(path, {"files": {"a.html": "f" * 40}})
    assert manifests.read(path) == {"files": {"a.html": "f" * 40}}


def test_a_manifest_whose_bytes_claim_a_huge_list_reads_as_none(tmp_path):
    """Damaged bytes can make marshal raise MemoryError, not ValueError: still no manifest (a cold
    build), never a build that fails until someone deletes the file. Run with 1 GiB of address space."""
    import subprocess
    import sys
    path = tmp_path / manifests.NAME
    path.write_bytes(b"[" + (2**31 - 2).to_bytes(4, "little"))
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30));"
            "from gongkai_build import manifest; print(manifest.read(sys.argv[1]))")
    run = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert (run.returncode, run.stdout.strip()) == (0, "None"), run.stderr[-600:]
