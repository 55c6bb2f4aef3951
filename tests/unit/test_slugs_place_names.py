"""Place names in unit, category and sector slugs read as residents say them (docs/content-model.md
"Categories and sectors": 长宁区 → chang-ning-qu), written out here from the names' standard
readings, not from the code's table."""
import pytest

from disclosure.slugs import slugify


@pytest.mark.parametrize("name, slug", [
    ("长宁区", "chang-ning-qu"), ("长沙市", "chang-sha-shi"), ("长春市", "chang-chun-shi"), ("长安区", "chang-an-qu"),
    ("长治市", "chang-zhi-shi"), ("长寿区", "chang-shou-qu"), ("长兴县", "chang-xing-xian"), ("长乐区", "chang-le-qu"),
    ("长清区", "chang-qing-qu"), ("长丰县", "chang-feng-xian"), ("重庆市", "chong-qing-shi"), ("六安市", "lu-an-shi"),
    ("六合区", "lu-he-qu"), ("蚌埠市", "beng-bu-shi"), ("番禺区", "pan-yu-qu"), ("丽水市", "li-shui-shi"),
    ("东阿县", "dong-e-xian"), ("铅山县", "yan-shan-xian"), ("乐亭县", "lao-ting-xian"), ("厦门市", "xia-men-shi"),
    ("大埔县", "da-bu-xian"), ("台州市", "tai-zhou-shi"), ("天台县", "tian-tai-xian"), ("莘庄镇", "xin-zhuang-zhen"),
    ("莘县", "shen-xian"),
])
def test_a_place_name_is_read_as_residents_say_it(name, slug):
    assert slugify(name) == slug


def test_a_place_inside_a_longer_name():
    assert slugify("长沙市民政局") == "chang-sha-shi-min-zheng-ju"
    assert slugify("测试区长宁路街道") == "ce-shi-qu-chang-ning-lu-jie-dao"


def test_a_slug_is_lower_case_ascii_joined_by_single_hyphens():
    assert slugify("  区 发改委  ") == "qu-fa-gai-wei"
    assert slugify("ABC--区") == "abc-qu"
    assert slugify(2026) == "2026"


@pytest.mark.parametrize("name, slug", [
    ("区文旅局", "qu-wen-lv-ju"), ("区文化和旅游局", "qu-wen-hua-he-lv-you-ju"), ("妇女联合会", "fu-nv-lian-he-hui"),
    ("绿化市容局", "lv-hua-shi-rong-ju"), ("司法局律师工作科", "si-fa-ju-lv-shi-gong-zuo-ke"),
])
def test_u_umlaut_is_written_v_as_in_web_addresses(name, slug):
    """旅游 is lǚyóu: tone-less, ü is written v (lvyou), as Chinese input methods and web addresses
    write it; never u, which would make 旅 (lü) and 路 (lu) one syllable (docs/content-model.md)."""
    assert slugify(name) == slug
