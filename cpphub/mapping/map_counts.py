"""The counts behind the risk map: which keys an answer reports, and keeping ``MapCount`` up to date.

The keys (the contract with the risk map): ``respondents`` for every stored
submission, ``risk:<dimension>:<row>``, ``strength:<code>``, ``ict:<tag>``,
``channel:<code>`` from the tags of questions and choices, and
``item:<question id>:<choice name>`` for every choice chosen. A submission
counts once per key however many of its answers carry it.

A tagged choice reports its codes when it is chosen; a tagged question when
its answer is affirmative: yes to a select one, anything but none/skip in a
select multiple, a number above 0, a text that is not empty.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from cpphub.mapping.models import Answer, Instrument, MapCount, Question, Submission
from cpphub.mapping.models.instruments import Tagged

RESPONDENTS = "respondents"
YES = frozenset({"yes", "sim", "true", "1", "y", "ใช่"})
NOT_ANSWERS = frozenset({"none", "skip"})
NUMERIC = ("integer", "decimal")

# (location id, instrument id, round, perspective, age band, sex, key) -> how many submissions
CountKey = tuple[int, int, int, str, str, str, str]


def tag_keys(item: Tagged) -> tuple[str, ...]:
    keys = []
    if item.risk_dimension:
        keys.append(f"risk:{item.risk_dimension}:{item.risk_row}")
    if item.strength:
        keys.append(f"strength:{item.strength}")
    keys.extend(f"ict:{tag}" for tag in item.ict_tags or [])
    keys.extend(f"channel:{code}" for code in item.channels or [])
    return tuple(keys)


@dataclass(eq=False)
class Item:
    """A question of an instrument, ready to check answers and say which keys they report."""

    question: Question
    pk: int = 0  # the question's id
    counted: bool = False  # whether its answers report any key (a select, or tagged)
    select: str = ""  # "one", "multiple" or ""
    numeric: str = ""  # "integer", "decimal" or ""
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)  # choice name -> its keys
    keys: tuple[str, ...] = ()  # the question's own tag keys
    # a select's value -> every key it reports (filled in as values come)
    cache: dict[str, frozenset[str]] = field(default_factory=dict)
    # values already checked -> the value as stored (a select one's choices to begin with)
    known: dict[str, str] = field(default_factory=dict)

    @property
    def base_type(self) -> str:
        return self.question.type.split(" ", 1)[0]

    def answer_keys(self, value: str) -> frozenset[str]:
        """The keys an answer of this question reports (its value already checked)."""
        cached = self.cache.get(value)
        if cached is not None:
            return cached
        keys: set[str] = set()
        if self.select == "one":
            keys.update(self.choices.get(value, ()))
            affirmative = value.lower() in YES
        elif self.select == "multiple":
            tokens = value.split()
            for token in tokens:
                keys.update(self.choices.get(token, ()))
            affirmative = any(token.lower() not in NOT_ANSWERS for token in tokens)
        elif self.numeric:
            try:
                affirmative = float(value) > 0
            except ValueError:
                affirmative = False
        else:
            affirmative = bool(value.strip())
        if affirmative:
            keys.update(self.keys)
        result = frozenset(keys)
        if self.select and len(self.cache) < 10_000:
            self.cache[value] = result
        return result


def instrument_items(instrument: Instrument) -> dict[int, Item]:
    """The instrument's questions (not groups or repeats) by id, with their choices and tags."""
    items: dict[int, Item] = {}
    for question in instrument.questions.filter(kind=Question.Kind.QUESTION).prefetch_related("choices"):
        base = question.type.split(" ", 1)[0]
        item = Item(question=question, keys=tag_keys(question))
        if base in ("select_one", "select_multiple"):
            item.select = "one" if base == "select_one" else "multiple"
            item.choices = {
                choice.name: (f"item:{question.pk}:{choice.name}", *tag_keys(choice))
                for choice in sorted(question.choices.all(), key=lambda choice: choice.order)
            }
        elif base in NUMERIC:
            item.numeric = base
        if item.select == "one":
            item.known = {name: name for name in item.choices}
        item.pk = question.pk
        item.counted = bool(item.keys or item.select)
        items[question.pk] = item
    return items


def _quoted_table() -> tuple[str, str]:
    quote = connection.ops.quote_name
    columns = ["location_id", "instrument_id", "round", "perspective", "age_band", "sex", "key"]
    return quote(MapCount._meta.db_table), ", ".join(quote(column) for column in columns)


def counts_add(counts: Counter[CountKey], *, sign: int = 1) -> None:
    """Add (or with ``sign=-1`` take away) ``counts`` to the stored counts, in one statement per batch.

    An upsert (``INSERT ... ON CONFLICT DO UPDATE``), which SQLite and PostgreSQL
    both understand; cells that fall to zero are removed.
    """
    if not counts:
        return
    table, columns = _quoted_table()
    n = connection.ops.quote_name("n")
    sql = (
        f"INSERT INTO {table} ({columns}, {n}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) "  # noqa: S608 - names quoted
        f"ON CONFLICT ({columns}) DO UPDATE SET {n} = {table}.{n} + excluded.{n}"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(*cell, sign * number) for cell, number in counts.items() if number])
        if sign < 0:
            instruments = sorted({cell[1] for cell in counts})
            MapCount.objects.filter(instrument_id__in=instruments, n__lte=0).delete()


def stored_counts(submissions: QuerySet[Submission], items: dict[int, Item]) -> Counter[CountKey]:
    """Count the keys of stored submissions from their answers (for withdrawal and rebuilding)."""
    cells: dict[int, tuple[int, int, int, str, str, str]] = {
        pk: (location, instrument, round_, perspective, age_band, sex)
        for pk, location, instrument, round_, perspective, age_band, sex in submissions.values_list(
            "pk", "location_id", "instrument_id", "round", "perspective", "age_band", "sex"
        ).iterator(chunk_size=5000)
    }
    counts: Counter[CountKey] = Counter()
    for cell in cells.values():
        counts[(*cell, RESPONDENTS)] += 1
    for submission_id, keys in _submission_keys(submissions, items):
        cell = cells[submission_id]
        for key in keys:
            counts[(*cell, key)] += 1
    return counts


def _submission_keys(submissions: Any, items: dict[int, Item]) -> Iterator[tuple[int, set[str]]]:
    answers = (
        Answer.objects.filter(submission__in=submissions)
        .order_by("submission_id")
        .values_list("submission_id", "question_id", "value")
        .iterator(chunk_size=20_000)
    )
    current: int | None = None
    keys: set[str] = set()
    for submission_id, question_id, value in answers:
        if submission_id != current:
            if current is not None:
                yield current, keys
            current, keys = submission_id, set()
        item = items.get(question_id)
        if item is not None:
            keys.update(item.answer_keys(value))
    if current is not None:
        yield current, keys
