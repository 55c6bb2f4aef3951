"""The sanitiser's own allow-list, where it is narrower than nh3's defaults, and off-site images
in and out of links. Inputs are raw HTML or Markdown written here; the expected HTML is what the
allow-list in docs/security.md admits.
"""
from disclosure import render


def test_attributes_nh3_would_allow_by_default_are_dropped():
    # nh3's defaults keep cite on blockquote, align and abbr on cells (lang and title, allowed on
    # every element by nh3's generic attributes, stay either way).
    out = render.markdown_html('<blockquote cite="https://a.example/"><p>引文</p></blockquote>\n\n'
                               '<table><tr><td align="left" abbr="年">2026</td></tr></table>\n')
    assert "<blockquote><p>引文</p></blockquote>" in out
    assert "<td>2026</td>" in out
    for dropped in ("cite=", "align=", "abbr="):
        assert dropped not in out


def test_an_off_site_image_becomes_a_link_named_by_its_title_when_it_has_no_alt():
    out = render.markdown_html('![](https://evil.example/map.png "区位图")\n')
    assert out == '<p><a href="https://evil.example/map.png" rel="noopener noreferrer">区位图（外部图片）</a></p>'


def test_an_image_without_a_source_stays_as_it_is():
    out = render.markdown_html('<p><img alt="印章"></p>\n')
    assert out == '<p><img alt="印章"></p>'


def test_an_off_site_image_after_a_closed_link_or_inside_a_second_one():
    out = render.markdown_html("[甲](https://a.example/) ![乙](https://evil.example/b.png) "
                               "[![丙](https://evil.example/c.png)](https://c.example/)\n")
    assert out == ('<p><a href="https://a.example/" rel="noopener noreferrer">甲</a> '
                   '<a href="https://evil.example/b.png" rel="noopener noreferrer">乙（外部图片）</a> '
                   '<a href="https://c.example/" rel="noopener noreferrer">丙（外部图片）</a></p>')
