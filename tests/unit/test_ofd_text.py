"""Reading the text of an OFD file (disclosure/ofd.py) as producers write it, and refusing what is not one.

Ground truth: GB/T 33190's package (OFD.xml → DocRoot → Document.xml → Pages and TemplatePages →
Content.xml; BaseLoc from the package root when it starts with "/", else beside the file naming it;
positions in millimetres, y down; DeltaX's "g N D" for N times D), and the lines as the test wrote them.
"""
import zipfile

import pytest

from disclosure.ofd import MAX_PART_BYTES, OfdError, ofd_lines
from tests.support.documents import OFD_NS, write_ofd


def package(path, parts: dict):
    with zipfile.ZipFile(path, "w") as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return path


def page(*objects):
    return f'<ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Content><ofd:Layer ID="1">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>'


def text_object(x, y, text, delta=None, size=5.0):
    deltas = f' DeltaX="{delta}"' if delta else ""
    return (f'<ofd:TextObject ID="9" Boundary="{x} {y} 150 8" Size="{size}">'
            f'<ofd:TextCode X="0" Y="5"{deltas}>{text}</ofd:TextCode></ofd:TextObject>')


def document(*page_locs, root="Doc_0/Document.xml"):
    pages = "".join(f'<ofd:Page ID="{k + 2}" BaseLoc="{loc}"/>' for k, loc in enumerate(page_locs))
    return {"OFD.xml": f'<ofd:OFD xmlns:ofd="{OFD_NS}"><ofd:DocBody><ofd:DocRoot>{root}</ofd:DocRoot></ofd:DocBody></ofd:OFD>',
            root: f'<ofd:Document xmlns:ofd="{OFD_NS}"><ofd:Pages>{pages}</ofd:Pages></ofd:Document>'}


def test_lines_in_reading_order_whatever_order_the_objects_are_written_in(tmp_path):
    parts = document("Pages/Page_0/Content.xml")
    parts["Doc_0/Pages/Page_0/Content.xml"] = page(text_object(25, 60, "第三行"), text_object(25, 40, "第一行"),
                                                   text_object(80, 50, "右半"), text_object(25, 50, "第二行左半"))
    assert ofd_lines(package(tmp_path / "a.ofd", parts)) == ["第一行", "第二行左半 右半", "第三行"]


def test_characters_placed_one_by_one_by_deltax_make_one_line(tmp_path):
    parts = document("Pages/Page_0/Content.xml")
    parts["Doc_0/Pages/Page_0/Content.xml"] = page(text_object(25, 40, "联系人", "g 2 5"), text_object(40, 40, "：未知"))
    assert ofd_lines(package(tmp_path / "a.ofd", parts)) == ["联系人：未知"]  # the gap is under a character


def test_a_page_named_from_the_package_root_and_pages_in_the_documents_order(tmp_path):
    parts = document("/Doc_0/P/2.xml", "P/1.xml")
    parts["Doc_0/P/2.xml"] = page(text_object(25, 40, "第一页"))
    parts["Doc_0/P/1.xml"] = page(text_object(25, 40, "第二页"))
    assert ofd_lines(package(tmp_path / "a.ofd", parts)) == ["第一页", "第二页"]


def test_xml_without_the_namespace_prefix_is_read_too(tmp_path):
    parts = {"OFD.xml": "<OFD><DocBody><DocRoot>/d/Document.xml</DocRoot></DocBody></OFD>",
             "d/Document.xml": '<Document><Pages><Page BaseLoc="p.xml"/></Pages></Document>',
             "d/p.xml": '<Page><Content><Layer><TextObject Boundary="10 10 100 8" Size="5">'
                        '<TextCode X="0" Y="5">没有前缀</TextCode></TextObject></Layer></Content></Page>'}
    assert ofd_lines(package(tmp_path / "a.ofd", parts)) == ["没有前缀"]


@pytest.mark.parametrize("parts, why", [
    ({"word/document.xml": "<w/>"}, "OFD.xml is missing"),
    ({"OFD.xml": f'<ofd:OFD xmlns:ofd="{OFD_NS}"><ofd:DocBody/></ofd:OFD>'}, "no DocRoot"),
    ({"OFD.xml": '<!DOCTYPE x [<!ENTITY a "aaaa">]><OFD/>'}, "DOCTYPE"),
    ({"OFD.xml": "<OFD><DocBody><DocRoot>d.xml</DocRoot>"}, "OFD.xml:"),  # cut short
    ({**document("Pages/missing.xml")}, "Doc_0/Pages/missing.xml is missing"),
])
def test_what_is_not_a_readable_ofd_says_why(tmp_path, parts, why):
    with pytest.raises(OfdError, match=why):
        ofd_lines(package(tmp_path / "a.ofd", parts))


def test_a_part_too_large_to_be_a_letter_is_not_read(tmp_path):
    parts = document("p.xml")
    parts["Doc_0/p.xml"] = page() + " " * MAX_PART_BYTES  # compresses to almost nothing: a zip bomb's shape
    with pytest.raises(OfdError, match="too large"):
        ofd_lines(package(tmp_path / "a.ofd", parts))


def test_not_a_zip_at_all(tmp_path):
    (tmp_path / "a.ofd").write_bytes("一封信".encode("utf-8"))
    with pytest.raises(OfdError, match="not a zip"):
        ofd_lines(tmp_path / "a.ofd")


def test_the_letterhead_on_a_template_page_comes_first(tmp_path):
    written = write_ofd(tmp_path / "a.ofd", [["正文"]], letterhead=["测试区民政局"])
    assert ofd_lines(written) == ["测试区民政局", "正文"]


def test_a_deltax_repeat_count_far_beyond_the_text_is_read_only_as_far_as_the_text(tmp_path):
    """"g 300000000 5" in a file of a kilobyte once took gigabytes before the text's length cut it."""
    parts = document("p.xml")
    parts["Doc_0/p.xml"] = page(text_object(25, 40, "三个字", "g 300000000 5"))
    assert ofd_lines(package(tmp_path / "a.ofd", parts)) == ["三个字"]


def test_one_page_part_named_by_thousands_of_pages_is_refused_not_read_each_time(tmp_path):
    parts = document(*["p.xml"] * 1500)
    parts["Doc_0/p.xml"] = page(*[text_object(25, 10 + k, "字") for k in range(200)])
    with pytest.raises(OfdError, match="pieces of text"):
        ofd_lines(package(tmp_path / "a.ofd", parts))


def test_a_damaged_part_is_an_ofd_error_not_a_crash(tmp_path):
    written = write_ofd(tmp_path / "a.ofd", [["正文"]])
    data = bytearray(written.read_bytes())
    at = data.index(b"PK\x01\x02")  # the central directory's first entry: OFD.xml
    data[at + 16:at + 20] = bytes(b ^ 0xFF for b in data[at + 16:at + 20])  # its CRC-32, flipped
    written.write_bytes(bytes(data))
    with pytest.raises(OfdError, match="OFD.xml cannot be read"):
        ofd_lines(written)


def test_a_text_object_whose_ctm_flips_its_y_axis_is_placed_where_it_is_seen(tmp_path):
    """A PDF→OFD converter may write text in y-up coordinates with CTM "1 0 0 -1 0 H": the lines
    are then read top to bottom as on the page, not reversed."""
    flipped = ('<ofd:TextObject ID="1" Boundary="0 0 210 297" Size="5" CTM="1 0 0 -1 0 297">'
               '<ofd:TextCode X="25" Y="257">第一行</ofd:TextCode></ofd:TextObject>'
               '<ofd:TextObject ID="2" Boundary="0 0 210 297" Size="5" CTM="1 0 0 -1 0 297">'
               '<ofd:TextCode X="25" Y="247">第二行</ofd:TextCode></ofd:TextObject>')
    parts = document("p.xml")
    parts["Doc_0/p.xml"] = page(flipped)
    assert ofd_lines(package(tmp_path / "a.ofd", parts)) == ["第一行", "第二行"]
