"""The shared words name real things: every element of a family is an element of Akoma Ntoso 3.0."""
from __future__ import annotations

from conftest import SCHEMA_XSD, need
from lxml import etree

from akn import vocab
from akn.render import families

XS = "{http://www.w3.org/2001/XMLSchema}"


def declared_elements() -> set[str]:
    tree = etree.parse(str(need(SCHEMA_XSD)))
    return {el.get("name") for el in tree.iter(XS + "element") if el.get("name")}


def test_every_family_member_is_an_akn_element():
    known = declared_elements()
    for name in ("HIERARCHY", "LIST_ITEMS", "NUMBERED_UNITS", "OTHER_HIERARCHY", "BLOCK_ELEMENTS"):
        family = getattr(vocab, name)
        assert family <= known, f"{name}: {sorted(family - known)}"
    # "list_item" is no AKN element: an old name still listed by the builder and the reference pass
    assert set(vocab.EID_PREFIX) - {"list_item"} <= known, sorted(set(vocab.EID_PREFIX) - known)


def test_families_nest():
    assert vocab.LIST_ITEMS <= vocab.HIERARCHY
    assert vocab.NUMBERED_UNITS < vocab.HIERARCHY
    assert not vocab.HIERARCHY & vocab.OTHER_HIERARCHY
    # every unit the builder writes is rendered as a unit, and every list item as a list item
    assert vocab.HIERARCHY | vocab.OTHER_HIERARCHY <= families.UNITS
    assert families.LIST_ITEMS == vocab.LIST_ITEMS
