"""The one place that touches branca's private attributes (``_name``, ``_children``, ``_id``, ``_template``, ``_parent``).

branca documents no public way to name an element's kind, read its parent, list or re-key its
children, set its id or reach its compiled template's macros; the map needs each of these (stable
ids, pieces rendered once, pages written piece by piece). Keeping them here, with a test of each
against the installed branca (``tests/test_branca_adapter.py``), makes a branca upgrade a
one-module change that the tests catch.
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

import branca.element as branca_element
from branca.element import Element


def set_kind(element: Element, kind: str) -> None:
    """Name an element's kind: the prefix of its variable name in the page (``kind_<id>``)."""
    element._name = kind


def parent_of(element: Element) -> Element | None:
    """The element this one was added to."""
    return element._parent


def children_of(element: Element) -> list[Element]:
    """An element's children, in the order they render."""
    return list(element._children.values())


def child_named(parent: Element, name: str) -> Element:
    """The child added to ``parent`` under ``name`` (a rendered script is kept under its element's name)."""
    return parent._children[name]


def replace_child(parent: Element, name: str, child: Element) -> None:
    """Put ``child`` in the place of ``parent``'s child named ``name`` (its order kept)."""
    parent._children[name] = child


def set_id(element: Element, element_id: str) -> None:
    """Fix an element's id (folium draws random ones): the suffix of its variable name."""
    element._id = element_id


def rekey_children(element: Element) -> None:
    """Key an element's children by their current names (templates read the keys as variable names)."""
    element._children = OrderedDict((child.get_name(), child) for child in children_of(element))


def held_elements(element: Element) -> list[tuple[str, Element]]:
    """The elements an element holds as attributes (a popup's ``html``), by attribute name; not its parent."""
    return [(name, value) for name, value in sorted(vars(element).items())
            if isinstance(value, Element) and value is not getattr(element, "_parent", None)]


def macros(element: Element):
    """The compiled template's module: its macros (``html``, ``script``, ``header``) as callables."""
    return element._template.module


def render_own_template(element: Element, **values) -> str:
    """Render the element's own template (not its children) with ``values``."""
    return element._template.render(**values)


class Placed:
    """Lets a template name the element its element was added to: ``{{ this.parent_name() }}``."""

    def parent_name(self) -> str:
        return parent_of(self).get_name()


class _PlainText:
    """What a jinja2 ``Template`` of a text with no template syntax renders: the text, its line ends made
    ``\\n`` and one last line end dropped (jinja2's defaults); compiled after all only if asked for more."""

    def __init__(self, source: str):
        self.source = source

    def render(self, *args, **kwargs) -> str:
        text = self.source.replace("\r\n", "\n").replace("\r", "\n")
        return text[:-1] if text.endswith("\n") else text

    def __getattr__(self, name: str):
        return getattr(_TEMPLATE(self.source), name)


def _lazy_template(source: str):
    """A jinja2 ``Template`` of ``source``, or (no ``{{``, ``{%`` or ``{#`` in it) the plain text it renders."""
    if "{{" in source or "{%" in source or "{#" in source:
        return _TEMPLATE(source)
    return _PlainText(source)


_TEMPLATE = branca_element.Template


@contextmanager
def plain_text_elements() -> Iterator[None]:
    """While the map is made and rendered, an element made of text with no template syntax (branca makes
    one of every rendered piece, and compiles it as a template: a thousandth of a second each) keeps its text
    as the template would render it, uncompiled; and an element's name is made of its kind's name made once
    (branca rewrites the kind character by character each time a template asks an element its name: tens of
    thousands of times a map). The page is the same."""
    previous = branca_element.Template, branca_element._camelify
    branca_element.Template, branca_element._camelify = _lazy_template, _remembered_camelify(previous[1])
    try:
        yield
    finally:
        branca_element.Template, branca_element._camelify = previous


@lru_cache(maxsize=4)
def _remembered_camelify(camelify):
    """branca's ``_camelify`` (a kind's name as a variable's: "GeoJson" -> "geo_json"), each name made once."""
    return lru_cache(maxsize=1024)(camelify)
