"""The shipped sample: the seed's low-carbon proposal (2023-0110) followed to its results.

Ground truth is the sample's own front matter: the lead reply records the 2023 plan as done
(the 2026 公示 cites it) and the 2030 target as in progress; the co reply's yearly training, due
at the end of 2023 by its letter, has no recorded update, so on the tests' build date it is overdue.
"""
from conftest import BUILD_DATE, ROOT
from disclosure import commitments
from disclosure.site import load_site


def test_the_low_carbon_proposal_has_one_commitment_done_one_in_progress_one_overdue():
    site = load_site(ROOT / "content", today=BUILD_DATE)
    assert site.report.ok, site.report.format()
    found = [(c.reply.unit.label, c.commitment.text[:8], c.status, c.overdue)
             for c in commitments.of_proposal(site, "2023-0110")]
    assert found == [
        ("区生态环境局", "继续组织“低碳进", "none", True),
        ("区发改委", "区政府已把制定区", "done", False),
        ("区发改委", "目标是到2030", "in_progress", False),
        ("区发改委", "督促已在创建的社", "none", False),
    ]
    assert commitments.counts(commitments.of_proposal(site, "2023-0110")) == {"total": 4, "done": 1, "overdue": 1}
