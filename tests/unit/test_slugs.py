"""URL slugs read Chinese names as a resident would say them (tone-less pinyin)."""
from disclosure.slugs import slugify


def test_words_are_read_as_words_not_character_by_character():
    assert slugify("银行") == "yin-hang"  # Unidecode: yin-xing
    assert slugify("重庆") == "chong-qing"  # Unidecode: zhong-qing
    assert slugify("长宁区") == "chang-ning-qu"  # Unidecode: chang-zhu-qu; pypinyin alone: zhang-ning-qu
    assert slugify("上海市长宁区") == "shang-hai-shi-chang-ning-qu"  # 长宁, not 市长 (mayor)


def test_letters_digits_and_other_scripts_stay_readable():
    assert slugify("PM2.5 空气质量") == "pm2-5-kong-qi-zhi-liang"
    assert slugify("Ärger") == "arger"
    assert slugify("") == "x" and slugify("。，") == "x"
