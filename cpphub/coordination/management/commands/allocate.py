"""``cpphub allocate --scenario FILE``: propose who gives what to which actions, with proof of how good it is.

Also ``cpphub allocate --generate spare|tight --actions N --partners M --out FILE`` writes a random
scenario file (the benchmark's kind) to try it on.
"""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cpphub.coordination.allocation import Allocation, Reason, Scenario, ScenarioError, solve
from cpphub.coordination.allocation.generate import KINDS, generate


class Command(BaseCommand):
    help = (
        "Propose the allocation of partners' resources to actions that maximises total expected benefit "
        "within every partner's capacity, each action funded to at least its minimum of every resource it "
        "needs or not at all, with the pins and forbids of the scenario file. Prints the funded actions, "
        "who gives what, why the others are left out, and the proven bound and gap. With --generate, "
        "writes a random scenario file instead."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scenario", metavar="FILE", help="The scenario JSON file (see docs/allocation.md).")
        parser.add_argument(
            "--time-limit", type=float, metavar="S", help="Seconds to spend at most (default: ten LP solves)."
        )
        parser.add_argument("--json", action="store_true", help="Print the allocation as JSON instead of tables.")
        parser.add_argument(
            "--generate", choices=sorted(KINDS), help="Write a random scenario of this kind to --out instead."
        )
        parser.add_argument("--actions", type=int, default=200, metavar="N", help="Actions to generate (200).")
        parser.add_argument("--partners", type=int, default=50, metavar="M", help="Partners to generate (50).")
        parser.add_argument("--seed", type=int, default=0, help="Seed of the generated scenario (0).")
        parser.add_argument("--out", metavar="FILE", help="Where --generate writes the scenario.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options.get("generate"):
            self._generate(options)
            return
        if not options.get("scenario"):
            raise CommandError(_("Say which scenario file to solve with --scenario FILE (or --generate one)."))
        scenario = read_scenario(options["scenario"])
        time_limit = options.get("time_limit")
        if time_limit is not None and time_limit <= 0:
            raise CommandError(_("--time-limit must be a positive number of seconds."))
        allocation = solve(scenario, time_limit=time_limit)
        if options["json"]:
            self.stdout.write(json.dumps(allocation_to_dict(allocation), indent=2, ensure_ascii=False))
            return
        self._print(scenario, allocation)

    def _generate(self, options: dict[str, Any]) -> None:
        if not options.get("out"):
            raise CommandError(_("Say where to write the generated scenario with --out FILE."))
        if options["actions"] < 0 or options["partners"] < 0:
            raise CommandError(_("--actions and --partners must not be negative."))
        scenario = generate(options["generate"], options["actions"], options["partners"], seed=options["seed"])
        try:
            Path(options["out"]).write_text(json.dumps(scenario.to_dict(), indent=1, ensure_ascii=False) + "\n")
        except OSError as exc:
            raise CommandError(
                _("Cannot write {file}: {reason}").format(file=options["out"], reason=exc.strerror)
            ) from exc
        self.stdout.write(
            _("Wrote a {kind} scenario of {actions} actions and {partners} partners to {file}.").format(
                kind=options["generate"], actions=options["actions"], partners=options["partners"], file=options["out"]
            )
        )

    def _print(self, scenario: Scenario, allocation: Allocation) -> None:
        buffer = io.StringIO()
        terminal = self.stdout.isatty()
        width = shutil.get_terminal_size().columns if terminal else 120
        console = Console(file=buffer, width=width, force_terminal=terminal, highlight=False)
        units = {resource.key: resource.unit for resource in scenario.resources}
        if allocation.status == "infeasible":
            console.print(f"[bold red]{escape(_('The pins and forbids cannot all hold:'))}[/bold red]")
            for problem in allocation.problems:
                console.print(f"- {escape(describe(problem, units))}")
            self.stdout.write(buffer.getvalue(), ending="")
            raise CommandError(_("No allocation: the scenario is infeasible (reasons above)."))
        titles = {action.key: action.title for action in scenario.actions}
        benefits = {action.key: action.benefit for action in scenario.actions}
        funded = Table(title=_("Funded actions"))
        for column in (_("Action"), _("Title"), _("Benefit"), _("Why")):
            funded.add_column(column, justify="right" if column == _("Benefit") else "left")
        for key in allocation.funded:
            why = "; ".join(describe(reason, units) for reason in allocation.reasons.get(key, ()))
            funded.add_row(escape(key), escape(titles[key]), f"{benefits[key]:g}", escape(why))
        console.print(funded)
        given = Table(title=_("Who gives what"))
        for column in (_("Partner"), _("Action"), _("Resource"), _("Amount")):
            given.add_column(column, justify="right" if column == _("Amount") else "left")
        for item in allocation.assignments:
            given.add_row(
                escape(item.partner),
                escape(item.action),
                escape(item.resource),
                escape(f"{item.amount:,.1f} {units.get(item.resource, '')}".strip()),
            )
        console.print(given)
        if allocation.unfunded:
            left_out = Table(title=_("Not funded"))
            for column in (_("Action"), _("Title"), _("Benefit"), _("Why not")):
                left_out.add_column(column, justify="right" if column == _("Benefit") else "left")
            for key in allocation.unfunded:
                why = "; ".join(describe(reason, units) for reason in allocation.reasons.get(key, ()))
                left_out.add_row(escape(key), escape(titles[key]), f"{benefits[key]:g}", escape(why))
            console.print(left_out)
        console.print(
            _(
                "Total expected benefit {objective:,.1f} of at most {bound:,.1f} (proven gap {gap:.2%}, "
                "{status}); greedy reaches {greedy:,.1f}. Solved in {seconds:.2f} s."
            ).format(
                objective=allocation.objective,
                bound=allocation.bound,
                gap=allocation.gap,
                status=allocation.status,
                greedy=allocation.greedy_objective,
                seconds=allocation.seconds,
            )
        )
        self.stdout.write(buffer.getvalue(), ending="")


def read_scenario(file: str) -> Scenario:
    """The scenario in ``file``, or a ``CommandError`` naming what is wrong and where."""
    try:
        text = Path(file).read_text(encoding="utf-8")
    except OSError as exc:
        raise CommandError(_("Cannot read {file}: {reason}").format(file=file, reason=exc.strerror)) from exc
    except UnicodeDecodeError as exc:
        raise CommandError(_("{file} is not UTF-8 text.").format(file=file)) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CommandError(
            _("{file} is not valid JSON: {message} at line {line}, column {column}.").format(
                file=file, message=exc.msg, line=exc.lineno, column=exc.colno
            )
        ) from exc
    try:
        return Scenario.from_dict(data)
    except ScenarioError as exc:
        raise CommandError(
            _("{file}: {path}: {message}").format(file=file, path=exc.path or _("top level"), message=exc.message)
        ) from exc


def allocation_to_dict(allocation: Allocation) -> dict[str, Any]:
    """The allocation as JSON-ready data (reasons as code and params)."""
    data = asdict(allocation)
    data["reasons"] = {
        key: [{"code": r.code, "params": _plain(r.params)} for r in reasons]
        for key, reasons in allocation.reasons.items()
    }
    data["problems"] = [{"code": r.code, "params": _plain(r.params)} for r in allocation.problems]
    return data


def _plain(params: Mapping[str, object]) -> dict[str, object]:
    return {key: list(value) if isinstance(value, tuple) else value for key, value in params.items()}


def _amount(value: object, resource: object, units: Mapping[str, str]) -> str:
    number = float(value) if isinstance(value, int | float) else 0.0
    return f"{number:,.1f} {units.get(str(resource), '')}".strip()


def _names(value: object) -> str:
    return ", ".join(str(item) for item in value) if isinstance(value, tuple | list) else str(value)


def describe(reason: Reason, units: Mapping[str, str]) -> str:
    """A reason in plain English (the Django layer has its own translated texts)."""
    p = reason.params
    r = p.get("resource", "")
    unit = units.get(str(r), "") or _("unit")
    texts = {
        "pinned": lambda: _("pinned to {partners}").format(partners=_names(p.get("partners", ()))),
        "covered_by": lambda: _("given by {partners}").format(partners=_names(p.get("partners", ()))),
        "high_benefit_per_scarce_resource": lambda: _(
            "{ratio:.3g} benefit per {unit} of scarce {resource}, above the {threshold:.3g} of the best action left out"
        ).format(ratio=p["ratio"], unit=unit, resource=r, threshold=p["threshold"]),
        "part_of_best_combination": lambda: _("part of the best combination for scarce {resource}").format(resource=r),
        "fits_spare_capacity": lambda: _("fits in spare capacity"),
        "no_eligible_partner": lambda: _("no partner in its region offers {resource}").format(resource=r),
        "forbidden_partners_only": lambda: _(
            "the only partners offering {resource} here are forbidden ({partners})"
        ).format(resource=r, partners=_names(p.get("partners", ()))),
        "short_of_resource": lambda: (
            _("needs {needed} of {resource}, its partners have {available} in all")
            if float(str(p.get("total_available", 0.0))) < float(str(p["needed"]))
            else _("needs {needed} of {resource}, its partners have {available} left")
        ).format(needed=_amount(p["needed"], r, units), resource=r, available=_amount(p["available_to_it"], r, units)),
        "lower_benefit_than_funded": lambda: _(
            "{ratio:.3g} benefit per {unit} of {resource}, below the {threshold:.3g} of every funded action "
            "sharing its partners"
        ).format(ratio=p["ratio"], unit=unit, resource=r, threshold=p["threshold"]),
        "displaced_by_combination": lambda: _(
            "funding it would push out actions worth more in all for {resource}"
        ).format(resource=r),
        "no_benefit": lambda: _("no expected benefit"),
        "not_reached": lambda: _("the search stopped before reaching it"),
        "pin_and_forbid": lambda: _("{partner} is both pinned to and forbidden from {action}").format(**p),
        "pin_partner_lacks_resource": lambda: _("{partner} offers no {resource} for its pin on {action}").format(**p),
        "pin_not_eligible": lambda: _("{partner} does not work in {region}, the region of {action}").format(
            partner=p["partner"], region=p["region"] or _("the whole partnership"), action=p["action"]
        ),
        "pin_exceeds_capacity": lambda: _("{partner} is pinned to give {pinned} but has {capacity}").format(
            partner=p["partner"], pinned=_amount(p["pinned"], r, units), capacity=_amount(p["capacity"], r, units)
        ),
        "pins_exceed_capacity": lambda: _("{partner}'s pins add up to {total} but it has {capacity}").format(
            partner=p["partner"], total=_amount(p["total"], r, units), capacity=_amount(p["capacity"], r, units)
        ),
        "pin_resource_not_needed": lambda: _("{action} does not need the {resource} pinned from {partner}").format(**p),
        "pin_exceeds_need": lambda: _("{partner} is pinned to give {pinned} to {action}, which needs {need}").format(
            partner=p["partner"],
            pinned=_amount(p["pinned"], r, units),
            action=p["action"],
            need=_amount(p["need"], r, units),
        ),
        "pins_exceed_need": lambda: _("the pins on {action} add up to {total}, more than its need of {need}").format(
            action=p["action"], total=_amount(p["total"], r, units), need=_amount(p["need"], r, units)
        ),
        "pinned_action_cannot_reach_minimum": lambda: _(
            "pinned {action} needs at least {needed} but its partners have {available} in all"
        ).format(
            action=p["action"], needed=_amount(p["needed"], r, units), available=_amount(p["available"], r, units)
        ),
        "pinned_actions_exceed_capacity": lambda: _(
            "pinned {actions} need at least {needed} together but their partners ({partners}) have {available}"
        ).format(
            actions=_names(p["actions"]),
            needed=_amount(p["needed"], r, units),
            partners=_names(p["partners"]),
            available=_amount(p["available"], r, units),
        ),
        "pinned_actions_conflict": lambda: _("pinned {actions} cannot all be funded together").format(
            actions=_names(p["actions"])
        ),
    }
    text = texts.get(reason.code)
    return text() if text else f"{reason.code} {dict(p)}"
