"""The audited state of a JSON field does not depend on the order the database keeps its keys in."""

from __future__ import annotations

from cpphub.audit.services import diff, snapshot
from cpphub.planning.models import PlanningConfig


def test_the_same_weights_in_another_order_are_no_change(world):
    config = PlanningConfig(location=world.locations["chiang_rai"], weights={"severity": 3, "children": 3})
    before = snapshot(config)
    config.weights = {"children": 3, "severity": 3}
    assert diff(before, snapshot(config)) == {}
    config.weights = {"children": 4, "severity": 3}
    assert diff(before, snapshot(config)) == {
        "weights": [{"children": 3, "severity": 3}, {"children": 4, "severity": 3}]
    }
