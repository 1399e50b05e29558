"""The small node tree between the grammar and the XML builder."""
from __future__ import annotations


class Node:
    """One unit of the document, as the grammar saw it.

    ``kind`` is the AKN element the node becomes (``article``, ``point``,
    ``text``, ``note`` ...); ``num`` the number as printed (``5``, ``(a)``,
    ``1.``) and ``clean`` the number used in eIds (``5``, ``a``, ``1``).
    ``text`` is what stands on the marker line after the number; further
    lines are ``text`` children. ``line`` is the 1-based source line.
    """

    __slots__ = ("kind", "num", "clean", "heading", "text", "line", "index", "children",
                 "status", "style", "label", "attrs", "notes", "target")

    def __init__(self, kind: str, num: str = "", clean: str = "", heading: str = "", text: str = "",
                 line: int = 0, index: int = -1, style: str = "", label: str = ""):
        self.kind = kind
        self.num = num
        self.clean = clean
        self.heading = heading
        self.text = text
        self.line = line
        self.index = index
        self.children: list[Node] = []
        self.status = ""
        self.style = style
        self.label = label
        self.attrs: dict[str, str] = {}
        self.notes: list[Node] = []
        self.target: Node | None = None   # for a note: the unit it is about, when not its container

    def __str__(self) -> str:  # lark stores token values as str too
        return self.kind

    def __repr__(self) -> str:
        return f"Node({self.kind!r}, num={self.num!r}, line={self.line})"

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def to_dict(self) -> dict:
        data: dict[str, object] = {"kind": self.kind}
        for key in ("num", "heading", "text", "status", "style"):
            value = getattr(self, key)
            if value:
                data[key] = value
        data["line"] = self.line
        if self.children:
            data["children"] = [c.to_dict() for c in self.children]
        return data
