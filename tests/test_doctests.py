"""The worked examples in the docstrings (eIds, numbering, normalisation, metadata ...) are run."""
import doctest
import importlib

import pytest

MODULES = ["akn", "akn.errors", "akn.normalise", "akn.numbering", "akn.classify", "akn.eid", "akn.metadata",
           "akn.profiles", "akn.align", "akn.xmlio", "akn.schema"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
    assert result.attempted > 0, f"{name} has no worked example"
