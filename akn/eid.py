"""eIds per the Akoma Ntoso naming convention.

An eId is the path of a unit from the top of the document, each step being
the element's short name and its cleaned number joined by ``_``, steps
joined by ``__``::

    chapter II > article 5 > paragraph 1 > point (a)
    -> chp_II__art_5__para_1__point_a

Units without a number are counted among their unnumbered siblings of the
same element (``hcontainer_1``, ``indent_2``). When a number repeats among
siblings (two ``Article 7``), the later ones get ``_2``, ``_3``... so that
every eId stays unique, and the parser warns.

>>> ids = EidMaker()
>>> ids.make("", "chapter", "II"), ids.make("chp_II", "article", "5")
('chp_II', 'chp_II__art_5')
>>> ids.make("chp_II__art_5", "paragraph", "1"), ids.make("chp_II__art_5__para_1", "point", "a")
('chp_II__art_5__para_1', 'chp_II__art_5__para_1__point_a')
>>> ids.make("", "article", "7"), ids.make("", "article", "7")
('art_7', 'art_7_2')
>>> ids.make("art_7", "indent", ""), ids.make("art_7", "indent", "")
('art_7__indent_1', 'art_7__indent_2')
"""
from __future__ import annotations

from akn.vocab import EID_PREFIX

#: element -> eId prefix (AKN naming convention, section 5.7)
PREFIX = EID_PREFIX


class EidMaker:
    """Makes unique eIds for one document."""

    def __init__(self):
        self.seen: dict[str, int] = {}
        self.unnumbered: dict[tuple[str, str], int] = {}
        self.duplicates: list[tuple[str, str]] = []   # (eId the number asked for, eId given)

    def make(self, parent: str, element: str, num: str) -> str:
        prefix = PREFIX.get(element, element)
        if num:
            eid = f"{parent}__{prefix}_{num}" if parent else f"{prefix}_{num}"
            if eid not in self.seen:
                self.seen[eid] = 1
                return eid
        else:
            key = (parent, prefix)
            count = self.unnumbered.get(key, 0) + 1
            self.unnumbered[key] = count
            num = str(count)
        own = f"{prefix}_{num}"
        eid = f"{parent}__{own}" if parent else own
        if eid in self.seen:
            self.seen[eid] += 1
            wanted = eid
            eid = f"{eid}_{self.seen[eid]}"
            while eid in self.seen:
                eid += "_"
            self.duplicates.append((wanted, eid))
        self.seen[eid] = 1
        return eid
