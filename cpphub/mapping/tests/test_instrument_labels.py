from __future__ import annotations

from cpphub.mapping.selectors.instruments import instrument_labels
from cpphub.mapping.services.instruments import instrument_import
from cpphub.mapping.tests.forms import xlsx


def test_it_labels_the_form_in_thai_and_falls_back_on_the_default_language(world):
    instrument = instrument_import(file_name="form.xlsx", content=xlsx(), location=None, acting_user=None)
    items = {item.path: item for item in instrument_labels(instrument, "ไทย (th)")}
    assert [(path, item.depth) for path, item in items.items()] == [
        ("about", 0),
        ("about/age", 1),
        ("about/online", 1),
        ("devices", 0),
        ("devices/channel", 1),
    ]
    assert items["about/age"].label == "คุณอายุเท่าไร"
    assert [choice.label for choice in items["about/online"].choices] == ["ใช่", "ไม่"]
    assert items["about/online"].label == "Do you go online?"  # no Thai translation: the default language


def test_it_labels_the_form_in_portuguese(world):
    instrument = instrument_import(file_name="form.xlsx", content=xlsx(), location=None, acting_user=None)
    items = instrument_labels(instrument, "Português (pt)")
    assert items[0].label == "Sobre você"
    assert [choice.label for choice in items[4].choices] == ["Webcam", "Lan house"]


def test_an_unknown_language_gets_the_default_language(world):
    instrument = instrument_import(file_name="form.xlsx", content=xlsx(), location=None, acting_user=None)
    assert instrument_labels(instrument, "Deutsch (de)")[1].label == "How old are you?"
