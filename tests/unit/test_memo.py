"""incremental.Memo: values kept between builds by the hash of their inputs."""
from gongkai_build.incremental import Memo


def build(path, wanted, salt="s1"):
    """One build asking for `wanted` keys; returns (the values, which keys were made)."""
    memo, made = Memo(path, salt), []
    values = {k: memo.get(k, lambda k=k: made.append(k) or f"value of {k}") for k in wanted}
    memo.save()
    return values, made


def test_a_value_is_made_once_and_reused_by_the_next_build(tmp_path):
    path = tmp_path / "m.pickle"
    assert build(path, ["a", "b"])[1] == ["a", "b"]
    values, made = build(path, ["a", "b", "c"])
    assert made == ["c"]
    assert values == {"a": "value of a", "b": "value of b", "c": "value of c"}
    assert build(path, ["a", "b", "c"])[1] == []  # c was appended, and is read back


def test_other_code_or_settings_start_empty(tmp_path):
    path = tmp_path / "m.pickle"
    build(path, ["a"])
    assert build(path, ["a"], salt="s2")[1] == ["a"]


def test_values_made_after_a_change_of_code_are_kept_for_the_build_after(tmp_path):
    """The file of the old code is replaced, not appended to: values appended after another
    salt's header were never read back, so every build after a code change made them all again."""
    path = tmp_path / "m.pickle"
    build(path, ["a", "b"])
    assert build(path, ["a", "b"], salt="s2")[1] == ["a", "b"]
    assert build(path, ["a", "b"], salt="s2")[1] == []


def test_values_no_longer_asked_for_are_dropped_when_the_file_is_rewritten(tmp_path):
    path = tmp_path / "m.pickle"
    build(path, ["a", "b", "c", "d"])
    build(path, ["a", "b", "c", "e"])  # d unused: a fifth of the file, appended to
    assert "d" in Memo(path, "s1").old
    build(path, ["a", "f", "g", "h"])  # most unused: rewritten
    assert set(Memo(path, "s1").old) == {"a", "f", "g", "h"}


def test_a_cut_off_file_keeps_what_was_written_before_the_cut(tmp_path):
    path = tmp_path / "m.pickle"
    build(path, ["a", "b", "c", "d"])
    size = path.stat().st_size
    build(path, ["a", "b", "c", "d", "e"])
    with open(path, "r+b") as fh:
        fh.truncate(size + 5)
    assert build(path, ["a", "b", "c", "d", "e"])[1] == ["e"]


def test_no_path_keeps_nothing(tmp_path):
    memo = Memo(None, "s1")
    assert memo.get("a", lambda: 1) == 1
    memo.save()
    assert list(tmp_path.iterdir()) == []


def test_keep_old_keeps_every_value_of_a_build_that_asked_for_none(tmp_path):
    """A build that reused a whole made from the values (the site's dates, feeds/generator.py)
    asks for none of them: kept anyway, the build after that changes one file makes only its
    value again. Without keep_old the file is rewritten empty and every value is made again."""
    path = tmp_path / "m.pickle"
    build(path, ["a", "b", "c"])
    memo = Memo(path, "s1")
    memo.get("whole", lambda: "made of a, b and c")
    memo.keep_old()
    memo.save()
    assert build(path, ["a", "b", "c", "d"])[1] == ["d"]
