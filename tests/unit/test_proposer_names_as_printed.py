"""Proposers as a 提案选登 page prints them, and groups that propose with no person named
(docs/content-model.md "Names as printed" and "A group may be the proposer")."""
import pytest

from disclosure.names import group_type, split_printed


@pytest.mark.parametrize("text, names", [
    ("王燕峰    卢红梅    赵   历", ["王燕峰", "卢红梅", "赵历"]),
    ("赵   历    王燕峰", ["赵历", "王燕峰"]),
    ("王燕峰\u3000卢红梅", ["王燕峰", "卢红梅"]),
    ("王燕峰\u3000\u3000赵\u3000历", ["王燕峰", "赵历"]),
    (" 王燕峰  卢红梅 ", ["王燕峰", "卢红梅"]),
    ("王燕峰 卢红梅 李四 张三", ["王燕峰", "卢红梅", "李四", "张三"]),
    ("阿依古丽·买买提 王燕峰", ["阿依古丽·买买提", "王燕峰"]),  # a name with a middle dot is one name
    ("赵 历 钱 明", ["赵历", "钱明"]),
    # a lone single character at the end has no partner: kept as printed, not dropped or paired
    ("王燕峰    卢红梅    赵", ["王燕峰", "卢红梅", "赵"]),
    ("赵   历    钱", ["赵历", "钱"]),
])
def test_names_printed_with_spaces_are_separate_people(text, names):
    assert split_printed(text) == names


@pytest.mark.parametrize("text", [
    "王燕峰", "  王燕峰  ", "", "王燕峰、卢红梅", "Wang Yanfeng", "王燕峰 Li", "王燕峰 （召集人）", "王燕峰 2",
])
def test_one_name_or_anything_else_is_not_split(text):
    assert split_printed(text) is None


# The eight democratic parties, the CPC and non-party people, in short and full forms (a national fact).
PARTIES = ["民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "台盟", "中国国民党革命委员会",
           "中国民主同盟", "中国民主建国会", "中国民主促进会", "中国农工民主党", "中国致公党", "台湾民主自治同盟",
           "中国共产党", "无党派"]


@pytest.mark.parametrize("party", PARTIES)
def test_a_party_named_as_proposer(party):
    assert group_type(party + "测试区委员会") == "party"
    assert group_type(party) == "party"


@pytest.mark.parametrize("name", ["区工商联", "测试区总工会", "共青团测试区委", "团区委", "团市委", "区妇联", "区科协",
                                  "区侨联", "区台联", "区青联", "区文联"])
def test_a_people_s_organisation_named_as_proposer(name):
    assert group_type(name) == "organisation"


@pytest.mark.parametrize("name", ["区政协社会和法制委员会", "提案专委会", "文史资料专门委员会",
                                  "区政协人口资源环境专门委员会课题组", "提案专委会课题组"])
def test_a_committee_named_as_proposer(name):
    assert group_type(name) == "committee"


@pytest.mark.parametrize("name", ["教育界委员小组", "第三委员活动小组"])
def test_a_group_of_members_named_as_proposer(name):
    assert group_type(name) == "member_group"


def test_a_sector_named_as_proposer():
    assert group_type("经济界") == "sector"
    assert group_type("文化艺术界别") == "sector"
    assert group_type("特邀人士", sectors=["特邀人士", "经济界"]) == "sector"
    assert group_type("特邀人士") is None  # not a sector of this site.yaml, and not named like one


@pytest.mark.parametrize("name", ["王燕峰", "欧阳娜娜", "张民革", "李委员", "区发改委"])
def test_a_person_is_no_group(name):
    assert group_type(name) is None
