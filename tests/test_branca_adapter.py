"""Each private branca attribute the map relies on, checked against the installed branca (see geo/output/branca_adapter.py)."""
from __future__ import annotations

import folium
from branca.element import Element, MacroElement, Template

from geo.output import branca_adapter as adapter


class _Piece(adapter.Placed, MacroElement):
    _template = Template("{% macro script(this, kwargs) %}var x = {{ this.parent_name() }};{% endmacro %}")

    def __init__(self):
        super().__init__()
        adapter.set_kind(self, "Piece")


def test_kind_id_and_parent_name_an_element():
    fmap = folium.Map(tiles=None)
    piece = _Piece()
    fmap.add_child(piece)
    adapter.set_id(piece, "0123")
    assert piece.get_name() == "piece_0123"
    assert adapter.parent_of(piece) is fmap and piece.parent_name() == fmap.get_name()
    assert "var x = " + fmap.get_name() in fmap.get_root().render()


def test_children_are_listed_replaced_and_rekeyed_in_order():
    root = Element()
    first, second, third = Element("a"), Element("b"), Element("c")
    for child in (first, second):
        root.add_child(child)
    assert adapter.children_of(root) == [first, second]
    assert adapter.child_named(root, first.get_name()) is first
    adapter.replace_child(root, first.get_name(), third)
    assert adapter.children_of(root) == [third, second]
    adapter.set_id(third, "ffff")
    adapter.rekey_children(root)
    assert [c.get_name() for c in adapter.children_of(root)] == [third.get_name(), second.get_name()]
    assert root.render().split() == ["c", "b"]


def test_held_elements_and_macros_and_the_own_template():
    popup = folium.Popup("text")
    held = dict(adapter.held_elements(popup))
    assert "html" in held and all(value is not adapter.parent_of(popup) for value in held.values())
    piece = _Piece()
    folium.Map(tiles=None).add_child(piece)
    assert adapter.macros(piece).script(piece, {}).strip().startswith("var x = map_")
    figure = folium.Map(tiles=None).get_root()
    assert adapter.render_own_template(figure, this=figure, kwargs={}).startswith("<!DOCTYPE html>")


def test_plain_text_elements_render_as_their_templates_would():
    from geo.output.webmap import _stable_ids

    texts = ["plain", "two\nlines\n", "crlf\r\nand cr\rend\r\n", "\n", "", "ends in two\n\n", "{{ 1 + 1 }} runs",
             "{% if true %}yes{% endif %}", "{# a comment #}left", "a { brace } and }} alone", "$ ` { }"]
    compiled = [Element(text).render() for text in texts]

    def page() -> str:
        fmap = folium.Map(tiles=None)
        folium.Marker((1, 2), popup="a <b>popup</b>\r\n{{ not run }}", tooltip="a tip").add_to(fmap)
        folium.Circle((3, 4), radius=10, popup=folium.Popup("x\n"), tooltip=folium.Tooltip("t")).add_to(fmap)
        _stable_ids(fmap)
        return fmap.get_root().render()

    with adapter.plain_text_elements():
        made = [Element(text) for text in texts]
        assert [e.render() for e in made] == compiled
        assert isinstance(made[0]._template, adapter._PlainText) and not isinstance(made[6]._template, adapter._PlainText)
        plain = page()
    assert Element("x")._template.__class__ is Template  # as it was, once the map is made
    assert plain == page()


def test_names_inside_plain_text_elements_are_branca_s_own():
    import branca.element as branca_element

    kinds = ["GeoJson", "CircleMarker", "PopupStore", "HTMLElement", "ABCDef", "x"]
    outside = []
    for kind in kinds:
        element = Element()
        adapter.set_kind(element, kind)
        outside.append(element.get_name().rpartition("_")[0])
    original = branca_element._camelify
    with adapter.plain_text_elements():
        assert branca_element._camelify is not original  # each kind's name made once
        inside = []
        for kind in kinds * 2:
            element = Element()
            adapter.set_kind(element, kind)
            inside.append(element.get_name().rpartition("_")[0])
    assert branca_element._camelify is original  # as it was, once the map is made
    assert inside == outside * 2
