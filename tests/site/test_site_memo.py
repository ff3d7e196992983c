"""The site's one-pass lookups (site/memo.py) answer what the graph answers, so a page built
from the index says what the `show` card says."""

from __future__ import annotations

import pytest

from stagegraph.network import build as network
from stagegraph.network import card
from stagegraph.site import memo


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_attributes_equal_the_cards_attributes(universe, lang):
    properties = card.attribute_properties(universe)
    memo.fresh_index(universe.graph)
    listed = 0
    for character in sorted(network.characters(universe.graph, universe.ontology.graph)):
        expected = [(a["label"], a["value"], [s["statement"] for s in a["statements"]])
                    for a in card.attributes(universe, character, lang)]
        found = [(name, value, [str(s) for s in statements])
                 for name, value, statements in memo.attributes(universe.graph, character, properties, lang)]
        assert found == expected, character
        listed += len(found)
    assert listed > 10
