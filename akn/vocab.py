"""The words the toolkit shares: namespaces, families of AKN elements, eId prefixes.

One place for what several stages must agree on. Names of elements are the
local names of Akoma Ntoso 3.0; a module that needs a narrower or wider set
builds it from these families, so the reason for the difference shows.

>>> AKN_NS in AKN_NAMESPACES and AKN_2_NS in AKN_NAMESPACES
True
>>> sorted(LIST_ITEMS), "article" in HIERARCHY, "indent" in NUMBERED_UNITS
(['indent', 'item', 'point'], True, False)
>>> EID_PREFIX["article"], EID_PREFIX["paragraph"]
('art', 'para')
"""
from __future__ import annotations

# -- namespaces ----------------------------------------------------------------------

#: Akoma Ntoso 3.0 (OASIS LegalDocML), the namespace the toolkit writes
AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
#: working drafts of 3.0 still found in published documents
AKN_3_DRAFT_NAMESPACES = ("http://docs.oasis-open.org/legaldocml/ns/akn/3.0/WD17",
                          "http://docs.oasis-open.org/legaldocml/ns/akn/3.0/CSD13")
#: the earlier releases (read for rendering; the graph and the schema need 3.0)
AKN_2_NS = "http://www.akomantoso.org/2.0"
AKN_1_NS = "http://www.akomantoso.org/1.0"
#: every namespace an Akoma Ntoso document may be written in
AKN_NAMESPACES = frozenset({AKN_NS, *AKN_3_DRAFT_NAMESPACES, AKN_2_NS, AKN_1_NS})

#: the ELI ontology (European Legislation Identifier)
ELI_NS = "http://data.europa.eu/eli/ontology#"
#: the toolkit's own vocabulary, concept scheme and type lists
AKV_NS = "https://w3id.org/akn-toolkit/vocab#"
CONCEPT_SCHEME = "https://w3id.org/akn-toolkit/concepts"
CONCEPT_NS = CONCEPT_SCHEME + "/"
SUBDIVISION_TYPE_NS = "https://w3id.org/akn-toolkit/subdivision-type/"
RESOURCE_TYPE_NS = "https://w3id.org/akn-toolkit/resource-type/"

# -- families of elements --------------------------------------------------------------

#: the hierarchical units the builder writes (AKN's hierarchy content model:
#: num, heading, then intro/children/wrapUp or content)
HIERARCHY = frozenset("""
    book tome part subpart title subtitle chapter subchapter division subdivision
    section subsection article paragraph subparagraph rule subrule clause subclause
    point indent item
""".split())

#: the hierarchical units above a provision: they divide an act, their text is in the provisions
DIVISIONS = frozenset("""
    book tome part subpart title subtitle chapter subchapter division subdivision
""".split())

#: the units whose members are list items (the "points" of a provision)
LIST_ITEMS = frozenset({"point", "indent", "item"})

#: units that carry a number (an indent is a list member without one)
NUMBERED_UNITS = HIERARCHY - {"indent"}

#: AKN hierarchy elements the toolkit reads in other people's documents but
#: does not write itself
OTHER_HIERARCHY = frozenset({"alinea", "level", "proviso", "transitional"})

#: elements of running text laid out as blocks
BLOCK_ELEMENTS = frozenset({"p", "block", "blockList", "ul", "ol", "li"})

# -- eIds ------------------------------------------------------------------------------

#: element -> eId prefix (AKN naming convention, section 5.7)
EID_PREFIX = {
    "alinea": "al", "article": "art", "attachment": "att", "blockList": "list", "chapter": "chp",
    "citation": "cit", "citations": "cits", "clause": "cl", "component": "cmp", "componentRef": "cref",
    "crossHeading": "crossheading", "division": "dvs", "hcontainer": "hcontainer", "indent": "indent",
    "intro": "intro", "list": "list", "listIntroduction": "intro", "listWrapUp": "wrap", "note": "note",
    "paragraph": "para", "part": "part", "point": "point", "preamble": "preamble", "preface": "preface",
    "proviso": "proviso", "quotedStructure": "qstr", "quotedText": "qtext", "recital": "rec",
    "recitals": "recs", "section": "sec", "subchapter": "subchp", "subclause": "subcl",
    "subdivision": "subdvs", "subparagraph": "subpara", "subpart": "subpart", "subsection": "subsec",
    "subtitle": "subtitle", "title": "title", "tome": "tome", "wrapUp": "wrapup", "book": "book",
    "level": "lvl", "list_item": "item", "rule": "rule", "subrule": "subrule", "table": "table",
}


#: what the FRBR identification holds when the text does not give the act's date or number: the schema
#: needs a date (``FRBRdate/@date``, named "unknown"), a URI needs both; no rendering or graph shows them
UNKNOWN_DATE = "0001-01-01"
UNKNOWN_NUMBER = "nn"
