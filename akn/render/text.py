"""Plain text in the act's own drafting layout (see docs/render.md)."""
from __future__ import annotations


def render_text(root, *, standalone: bool = True, template_dir=None) -> str:
    from akn.render import RenderError
    raise RenderError("plain-text rendering is not available yet")
