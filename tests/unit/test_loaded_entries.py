"""What the loader does to the entries once every field is read (disclosure/site.py):
each id is kept in its entry (model.EntryId, model.seal), and the entries share site.yaml's own
unit, category, sector and reply-class objects, also when recalled from the checked store."""
import dataclasses
import pickle

from conftest import assigned_proposal, proposal, response
from disclosure.model import EntryId, Proposal, Response, seal
from support.stores import load


def files():
    return [assigned_proposal(), response(), proposal("0002", category="城市建设"), proposal("0003")]


def made_id(entry) -> str:
    """The id as the entry's fields make it, whatever is kept in the entry."""
    return type(entry).id.make(entry)


def test_a_loaded_entrys_id_is_kept_and_is_the_one_its_fields_make(make_content, tmp_path):
    content = make_content(files())
    site, _ = load(content, tmp_path / "cache")
    entries = site.all_entries()
    assert {e.id for e in entries} == {"2026-0001", "2026-0002", "2026-0003", "2026/0001-fgw"}
    for e in entries:
        assert "id" in vars(e) and e.id == made_id(e)  # kept, and right
    assert set(site.proposals) == {"2026-0001", "2026-0002", "2026-0003"}
    assert site.life("2026-0001").responses == [site.responses["2026/0001-fgw"]]


def test_an_entry_made_from_a_loaded_one_has_its_own_id(make_content, tmp_path):
    """dataclasses.replace makes a new entry from the fields: the kept id is not carried over."""
    site, _ = load(make_content(files()), tmp_path / "cache")
    p = site.proposals["2026-0002"]
    other = dataclasses.replace(p, number="0009")
    assert other.id == "2026-0009" and p.id == "2026-0002"
    x = dataclasses.replace(site.responses["2026/0001-fgw"], path="responses/2026/0001-jy.md")
    assert x.id == "2026/0001-jy"


def test_an_unsealed_entry_follows_its_fields_and_a_sealed_one_survives_pickle():
    p = Proposal(path="proposals/2026/0001.md", year=2026, number="0001")
    p.number = "0002"  # the reader sets fields one by one before the loader seals them
    assert p.id == "2026-0002"
    seal(p)
    assert pickle.loads(pickle.dumps(p)).id == "2026-0002"
    assert isinstance(Proposal.id, EntryId) and isinstance(Response.id, EntryId)
    assert "id" not in {f.name for f in dataclasses.fields(Proposal)}  # not exported with the record's fields


def test_entries_recalled_from_the_checked_store_share_site_yamls_objects(make_content, tmp_path):
    """Each recalled value is its own pickle, with its own copies of site.yaml's terms: the loader
    gives every entry site.yaml's objects (equal either way; found by identity then)."""
    content = make_content(files())
    load(content, tmp_path / "cache")
    site, store = load(content, tmp_path / "cache")
    assert store.recalled == 4
    vocab = site.vocab
    p, x = site.proposals["2026-0001"], site.responses["2026/0001-fgw"]
    assert p.lead_units and all(any(u is v for v in vocab.units) for u in p.lead_units)
    assert any(x.unit is v for v in vocab.units) and x.unit in p.lead_units
    assert any(site.proposals["2026-0002"].category is t for t in vocab.categories)
    if x.result is not None:
        assert any(x.result is r for r in vocab.result_codes)
