"""Which partial template renders which Akoma Ntoso element.

Every element of the AKN 3.0 vocabulary belongs to one *family*; each output
format has one partial template per family (``html/_units.html.j2``,
``md/_inline.md.j2`` …). Inside that partial, the macro named after the
element renders it (``ref`` for ``<ref>``); when there is none, the family's
``default`` macro does. Elements the table does not know (another namespace,
a future AKN version) go to the ``fallback`` family, whose ``default`` macro
renders their children, so no text is ever dropped.

>>> family("article"), family("ref"), family("somethingNew")
('units', 'inline', 'fallback')
"""
from __future__ import annotations

from akn import vocab

#: hierarchical units: num, heading, subheading, then content (the hierarchy of
#: acts, then the units of debates and judgments)
UNITS = vocab.HIERARCHY | vocab.OTHER_HIERARCHY | frozenset("""
    list sublist hcontainer crossHeading
    administrationOfOath rollCall prayers oralStatements writtenStatements personalStatements
    ministerialStatements resolutions nationalInterest declarationOfVote communication
    petitions papers noticesOfMotion questions address proceduralMotions pointOfOrder
    adjournment debateSection
    introduction background arguments remedies motivation decision
""".split())

#: units that open a new level of the document outline (a heading and a
#: table-of-contents entry) even when they carry only a number
MAJOR_UNITS = frozenset("""
    book tome part subpart title subtitle chapter subchapter division subdivision section
    article rule transitional hcontainer debateSection
""".split())

#: units rendered as members of a list (the "points" of a provision)
LIST_ITEMS = vocab.LIST_ITEMS

#: the document itself and its big parts
CONTAINERS = frozenset("""
    akomaNtoso act bill amendment amendmentList debate debateReport doc statement judgment
    portion officialGazette documentCollection
    coverPage preface preamble body mainBody judgmentBody debateBody amendmentBody
    collectionBody portionBody conclusions header attachments attachment components component
    interstitial documentRef recitals recital citations citation formula longTitle container
    blockContainer intro wrapUp content listIntroduction listWrapUp speechGroup speech
    question answer other scene narrative summary div amendmentHeading amendmentContent
    amendmentReference amendmentJustification tblock toc tocItem foreign
""".split())

#: blocks of running text
BLOCKS = vocab.BLOCK_ELEMENTS | frozenset("num heading subheading from".split())

TABLES = frozenset("table caption tr th td".split())

NOTES = frozenset("authorialNote noteRef note".split())

AMENDMENTS = frozenset("""
    mod mmod rmod quotedStructure quotedText embeddedStructure embeddedText ins del
    subFlow
""".split())

INLINE = frozenset("""
    ref mref rref remark recordedTime vote outcome omissis opinion placeholder fillIn
    decoration docType docTitle docNumber docProponent docDate legislature session
    shortTitle docAuthority docPurpose docCommittee docIntroducer docStage docStatus
    docJurisdiction docketNumber courtType neutralCitation party judge lawyer signature
    argument date time person organization concept object event location process role
    term quantity def entity b i a u sub sup abbr span inline marker eol eop img br
    affectedDocument relatedDocument change
""".split())

#: elements whose content is metadata, shown (if at all) through the page header
SKIPPED = frozenset(["meta"])

#: elements that are laid out as blocks; an inline element containing one of
#: these (a <p> holding a quotedStructure) must itself be laid out as a block
BLOCK_LEVEL = (UNITS | LIST_ITEMS | CONTAINERS | TABLES
               | frozenset("p block blockList ul ol li quotedStructure embeddedStructure "
                           "subFlow heading subheading".split())) - frozenset(["documentRef"])

_FAMILY: dict[str, str] = {}
for _names, _family in ((UNITS, "units"), (CONTAINERS, "containers"), (BLOCKS, "blocks"),
                        (TABLES, "tables"), (NOTES, "notes"), (AMENDMENTS, "amendments"),
                        (INLINE, "inline"), (SKIPPED, "skip")):
    for _name in _names:
        _FAMILY.setdefault(_name, _family)

FAMILIES = ("units", "containers", "blocks", "tables", "notes", "amendments", "inline",
            "fallback")


def family(name: str) -> str:
    """The family of the AKN element called *name* (``fallback`` if unknown)."""
    return _FAMILY.get(name, "fallback")
