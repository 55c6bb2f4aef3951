"""What a file's kept checks depend on besides its own bytes (checked.kind_salt): a kept result is
used again only when every fact of its kind, the keys a pasted line is known by and site.yaml are
the same; a change in any one of them checks the file afresh (a site may register kinds of its own,
which the code's fingerprint does not cover)."""
from dataclasses import replace

from disclosure import entries
from disclosure.checked import kind_salt
from disclosure.kinds import standard_kinds
from disclosure.model import Announcement
from disclosure.site import proposal_path_problems, url_path_problems


def test_the_same_facts_give_the_same_salt_and_any_other_fact_another():
    kinds = standard_kinds()
    reply = kinds.all[1]
    keys = kinds.keys
    base = kind_salt(reply, keys, url_path_problems, "a" * 40)
    assert base == kind_salt(replace(reply), set(keys), url_path_problems, "a" * 40)
    others = {
        "name": kind_salt(replace(reply, name="letter"), keys, url_path_problems, "a" * 40),
        "label": kind_salt(replace(reply, label="复函"), keys, url_path_problems, "a" * 40),
        "english": kind_salt(replace(reply, label_en="letter"), keys, url_path_problems, "a" * 40),
        "body required": kind_salt(replace(reply, body_required=not reply.body_required), keys, url_path_problems, "a" * 40),
        "folder": kind_salt(replace(reply, folder="letters"), keys, url_path_problems, "a" * 40),
        "model": kind_salt(replace(reply, model=Announcement), keys, url_path_problems, "a" * 40),
        "reader": kind_salt(replace(reply, read=entries.read_announcement), keys, url_path_problems, "a" * 40),
        "name rule": kind_salt(reply, keys, proposal_path_problems, "a" * 40),
        "keys": kind_salt(reply, keys | {"新键"}, url_path_problems, "a" * 40),
        "site.yaml": kind_salt(reply, keys, url_path_problems, "b" * 40),
    }
    assert base not in others.values()
    assert len(set(others.values())) == len(others)
    # The three standard kinds differ from one another.
    assert len({kind_salt(k, keys, url_path_problems, "a" * 40) for k in kinds.all}) == 3


def read_response(src, vocab):  # the name of entries.read_response, in another module
    return entries.read_response(src, vocab)


def test_a_reader_of_the_same_name_from_another_module_is_another_fact():
    kinds = standard_kinds()
    reply = kinds.all[1]
    assert read_response.__qualname__ == entries.read_response.__qualname__
    assert kind_salt(replace(reply, read=read_response), kinds.keys, url_path_problems, "a" * 40) != \
        kind_salt(reply, kinds.keys, url_path_problems, "a" * 40)


def test_two_readers_without_a_name_are_told_apart():
    # A callable without a __qualname__ (functools.partial) is known by what it wraps and its arguments.
    from functools import partial

    kinds = standard_kinds()
    reply = kinds.all[1]

    def read_with(flag, src, vocab):
        return entries.read_response(src, vocab)

    one = kind_salt(replace(reply, read=partial(read_with, 1)), kinds.keys, url_path_problems, "a" * 40)
    two = kind_salt(replace(reply, read=partial(read_with, 2)), kinds.keys, url_path_problems, "a" * 40)
    assert one != two


def test_the_salt_is_the_same_in_another_process():
    # The next build is another process: the kept checks are found again only if it makes the same salt.
    import os
    import subprocess
    import sys

    from conftest import ROOT

    code = ("from disclosure.checked import kind_salt; from disclosure.kinds import standard_kinds; "
            "from disclosure.site import url_path_problems; k = standard_kinds(); "
            "print(kind_salt(k.all[1], k.keys, url_path_problems, 'a' * 40))")
    here = os.path.dirname(os.path.dirname(entries.__file__))  # the folder the code is imported from
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=str(ROOT),
                         env={**os.environ, "PYTHONPATH": here}, check=True).stdout.strip()
    kinds = standard_kinds()
    assert out == kind_salt(kinds.all[1], kinds.keys, url_path_problems, "a" * 40)
