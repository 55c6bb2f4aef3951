"""The rules behind tests/site/test_escaping.py, one value at a time."""
import pytest

from disclosure.fields import is_web_url
from disclosure.formulas import inert_cell
from disclosure.render import markdown_html


@pytest.mark.parametrize("text", ["=1+1", "+86 21 0000", "-不予立案", "@SUM(1)", "\t=1", "\r=1",
                                  '=HYPERLINK("http://evil.example/","点击")'])
def test_text_that_a_spreadsheet_would_run_gets_a_quote(text):
    assert inert_cell(text) == "'" + text
    assert inert_cell(text, "string") == "'" + text


@pytest.mark.parametrize("value, kind", [("-3.5", "number"), ("-2", "integer"), (-2, "string"), (2026, "integer"),
                                         ("2026-01-10", "date"), ("否", "boolean")])
def test_numbers_dates_and_non_text_cells_are_left_alone(value, kind):
    assert inert_cell(value, kind) == value


@pytest.mark.parametrize("text", ["关于=号的建议", "2026-0001", "", "'=1"])
def test_ordinary_text_is_unchanged(text):
    assert inert_cell(text) == text


@pytest.mark.parametrize("url", ["https://beian.miit.gov.cn/", "http://example.org/a?b=1&c='x'#q", "HTTPS://X.EXAMPLE"])
def test_web_urls(url):
    assert is_web_url(url)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "data:text/html,x",
                                 "vbscript:x", "//evil.example/", "/local/path", "https://", "https://x.example/\"><svg>",
                                 "https://x.example/ a", "mailto:a@b.example", "ftp://x.example/"])
def test_everything_else_is_not_a_link(url):
    assert not is_web_url(url)


def test_external_images_become_links_and_own_images_stay():
    html = markdown_html("![区图](img/map.png) ![外<图>](https://evil.example/a.png?x=1&y=2) "
                         "![](//evil.example/b.png) [![链内](http://evil.example/c.png)](https://example.org/)")
    assert '<img alt="区图" src="img/map.png">' in html
    assert "evil.example/a.png" in html and "<img" not in html.replace('<img alt="区图" src="img/map.png">', "")
    assert '<a href="https://evil.example/a.png?x=1&amp;y=2" rel="noopener noreferrer">外&lt;图&gt;（外部图片）</a>' in html
    assert '<a href="//evil.example/b.png" rel="noopener noreferrer">图片（外部图片）</a>' in html
    assert '<a href="https://example.org/" rel="noopener noreferrer">链内（外部图片）</a>' in html  # no link in a link
