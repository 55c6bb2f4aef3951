"""What a build keeps for the next one (each file's dates, proposers' slugs) is found again only
by what it was made from: an edited file is worked out afresh.

as_of.AsOf keeps each file's dates between builds (the `dates` memo beside the output), keyed
by the file's kind, path and bytes and site.yaml. Were an edited file's old dates used, a
day later the page of a proposal whose commitment fell due would be reused unchanged, while a
cold build shows it overdue.
"""
from __future__ import annotations

import datetime as dt

from tests.support.outputs import pickle_texts
from conftest import SOURCE_DATE_EPOCH, assigned_proposal, build, response, run_cli, site_yaml, write_tree

DAY = 86400


def tree(out):
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def same_as_cold(tmp_path, content, out, name, env=None):
    cold = tmp_path / name
    assert build(content, cold, env=env).returncode == 0
    a, b = tree(out), tree(cold)
    assert sorted(a) == sorted(b)
    assert [rel for rel in a if a[rel] != b[rel]] == []


def reply_promising(due: str):
    return response("2026-0001", commitments=[{"text": "年内建成三处社区食堂。", "due": due}])


def test_an_edited_due_date_is_read_again_and_the_next_day_shows_it(tmp_path, make_content):
    # build date 2026-11-23; the commitment first falls due in five days, then tomorrow
    content = make_content([assigned_proposal("0001"), reply_promising("2026-11-28")])
    out = tmp_path / "site"
    assert build(content, out).returncode == 0
    write_tree(content, dict([reply_promising("2026-11-24")]))
    assert build(content, out).returncode == 0
    page = out / "proposals/2026/0001/index.html"
    before = page.read_bytes()

    next_days = {"SOURCE_DATE_EPOCH": str(int(SOURCE_DATE_EPOCH) + 2 * DAY)}  # the due date now lies behind
    result = build(content, out, env=next_days)
    assert result.returncode == 0, result.stderr
    assert page.read_bytes() != before
    same_as_cold(tmp_path, content, out, "cold", env=next_days)


def explain(out, path):
    result = run_cli("explain", path, "--output", str(out))
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_unit_listing_keeps_its_later_pages_when_one_of_its_proposals_changes(tmp_path, make_content):
    # 45 proposals of one unit, 20 a page: the unit's figures show on its first page only,
    # so an edited proposal on page 3 re-makes page 1 (its figures) and page 3, not page 2
    day = dt.date(2026, 1, 1)
    files = [assigned_proposal(f"{n:04d}", submitted=(day + dt.timedelta(n // 2)).isoformat()) for n in range(1, 46)]
    content = make_content(files + [response(f"2026-{n:04d}") for n in range(1, 46)])
    out = tmp_path / "site"
    assert build(content, out).returncode == 0
    # 0001, submitted first, is listed last (newest first): on page 3
    assert "/proposals/2026/0001/" in (out / "units/fgw/page/3/index.html").read_text(encoding="utf-8")
    assert "/proposals/2026/0001/" not in (out / "units/fgw/page/2/index.html").read_text(encoding="utf-8")
    path = content / "proposals/2026/0001.md"
    path.write_text(path.read_text(encoding="utf-8").replace("建议加快推进", "建议尽快推进"), encoding="utf-8")
    assert build(content, out).returncode == 0

    assert "made: inputs changed: listing" in explain(out, "units/fgw/")
    assert "made: inputs changed: members" in explain(out, "units/fgw/page/3/")
    assert "reused" in explain(out, "units/fgw/page/2/")
    same_as_cold(tmp_path, content, out, "cold")


def test_a_new_reply_changes_its_month_of_the_replies_listing_and_not_the_other_months(tmp_path, make_content):
    # replies dated in three months; a new one in the middle month (an older date than the newest)
    dates = {1: "2026-03-05", 2: "2026-03-20", 3: "2026-04-02", 4: "2026-04-15", 5: "2026-05-06"}
    files = [assigned_proposal(f"{n:04d}") for n in range(1, 7)]
    content = make_content(files + [response(f"2026-{n:04d}", date=d) for n, d in dates.items()])
    out = tmp_path / "site"
    assert build(content, out).returncode == 0
    listing = (out / "replies/index.html").read_text(encoding="utf-8")
    for month, count in (("2026年5月", 1), ("2026年4月", 2), ("2026年3月", 2)):
        assert f"{month}</a> <span class=\"count\">{count} 份" in listing
    april = (out / "replies/2026/04/index.html").read_text(encoding="utf-8")
    assert april.index("/responses/2026/0004-fgw/") < april.index("/responses/2026/0003-fgw/")  # newest first
    assert "/responses/2026/0005-fgw/" not in april and "较新：2026年5月" in april and "较早：2026年3月" in april

    write_tree(content, dict([response("2026-0006", date="2026-04-20")]))
    assert build(content, out).returncode == 0
    assert "/responses/2026/0006-fgw/" in (out / "replies/2026/04/index.html").read_text(encoding="utf-8")
    assert "made: inputs changed: members" in explain(out, "replies/2026/04/")
    assert "reused" in explain(out, "replies/2026/03/")
    assert "reused" in explain(out, "replies/2026/05/")
    same_as_cold(tmp_path, content, out, "cold")


def test_a_withheld_replys_commitment_dates_are_not_kept_beside_the_output(tmp_path):
    """A withheld reply shows none of its commitments (content-model.md); the date a commitment
    falls due must not wait in the build's stores beside the output either."""
    content, out = tmp_path / "content", tmp_path / "site"
    write_tree(content, {"site.yaml": site_yaml(), **dict([
        assigned_proposal("0001"),
        response("2026-0001", disclosure="withheld", body="不公开的答复原文。",
                 commitments=[{"text": "不公开的承诺。", "due": "2031-07-19"}])])})
    assert "due: '2031-07-19'" in (content / "responses/2026/0001-fgw.md").read_text(encoding="utf-8")
    for _ in range(2):  # the second build finds what the first one kept
        result = build(content, out)
        assert result.returncode == 0, result.stderr
    stores = sorted((tmp_path / ".gongkai-cache").rglob("*.pickle"))
    assert any(p.name == "dates.pickle" for p in stores)
    for store in stores:  # every value unpickled and walked; a date is read as 2031-07-19
        assert not [t for t in pickle_texts(store.read_bytes()) if "2031-07-19" in t], store.name


def made_under(tmp_path, prefix):
    """The pages under `prefix` the last build made rather than reused (its manifest's `made`)."""
    from gongkai_build import manifest as manifests

    manifest = manifests.read(tmp_path / ".gongkai-cache/site" / manifests.NAME)
    return sorted(rel for rel in manifest["made"] if rel.startswith(prefix))


def listed(out, url):
    return (out / url / "index.html").read_text(encoding="utf-8")


def test_the_newest_proposal_answered_re_makes_a_few_status_pages_and_every_proposal_stays_listed(
        tmp_path, make_content):
    # 65 proposals of 2026 (four blocks of 20 numbers), 0001-0030 answered: 30 已答复, 35 已交办.
    # Paged from the newest, 0065 answered would move every proposal of both listings a place.
    day = dt.date(2026, 1, 1)
    files = [assigned_proposal(f"{n:04d}", submitted=(day + dt.timedelta(n // 4)).isoformat()) for n in range(1, 66)]
    content = make_content(files + [response(f"2026-{n:04d}") for n in range(1, 31)])
    out = tmp_path / "site"
    assert build(content, out).returncode == 0
    assert "共 30 件" in listed(out, "status/replied") and "共 35 件" in listed(out, "status/assigned")

    write_tree(content, dict([response("2026-0065")]))
    assert build(content, out).returncode == 0
    made = [rel for rel in made_under(tmp_path, "status/") if not rel.startswith("status/overdue/")]
    # each listing's page, its year's, its block's; 已答复's 0021-0040 links to its new neighbour
    assert made == sorted([*(f"status/{s}/{rel}index.html" for s in ("replied", "assigned")
                             for rel in ("", "2026/", "2026/0061-0065/")), "status/replied/2026/0021-0040/index.html"]), made
    assert "reused" in explain(out, "status/assigned/2026/0041-0060/")
    assert "made: inputs changed: listing" in explain(out, "status/replied/2026/0021-0040/")
    # the counts, from the files written above: 31 answered, 34 waiting
    assert "共 31 件" in listed(out, "status/replied") and "共 34 件" in listed(out, "status/assigned")
    year = listed(out, "status/replied/2026")
    for block, n in (("0001–0020", 20), ("0021–0040", 10), ("0061–0065", 1)):
        assert f"第{block}号</a> <span class=\"count\">{n} 件" in year
    assert "0041" not in year  # no page for a block with none of its proposals
    for status, numbers in (("replied", [*range(1, 31), 65]), ("assigned", range(31, 65))):
        pages = [listed(out, f"status/{status}/2026/{b}") for b in ("0001-0020", "0021-0040", "0041-0060", "0061-0065")
                 if (out / f"status/{status}/2026/{b}").is_dir()]
        shown = sorted(n for n in range(1, 66) if any(f"/proposals/2026/{n:04d}/\"" in page for page in pages))
        assert shown == list(numbers), status
    same_as_cold(tmp_path, content, out, "cold")
