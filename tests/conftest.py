"""Shared test fixtures.

Real legislation from other people lives outside the repository, in the
read-only ``shared`` folder beside the checkout (``../shared``). Point
``AKN_SHARED`` elsewhere to use another copy; tests that need it are
skipped with a clear message where it is absent.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = Path(os.environ.get("AKN_SHARED", REPO.parent / "shared")).resolve()
CORPUS = SHARED / "corpus"
SCHEMA_XSD = SHARED / "akn-schema" / "akomantoso30.xsd"


def need(path: Path) -> Path:
    """Return *path*, or skip the calling test when it is missing."""
    if not path.exists():
        pytest.skip(f"{path} is absent (set AKN_SHARED to the folder holding corpus/ and akn-schema/)")
    return path


@pytest.fixture(scope="session")
def corpus() -> Path:
    return need(CORPUS)


@pytest.fixture(scope="session")
def official_schema():
    """The official OASIS XSD from ../shared/akn-schema, compiled once."""
    from lxml import etree
    return etree.XMLSchema(etree.parse(str(need(SCHEMA_XSD))))
