"""The ``cpphub`` command: every batch job of CPP Hub, with ``--help`` on each.

``cpphub serve`` starts the product, ``cpphub demo`` loads the demo
partnership; ``cpphub help`` lists every subcommand (the Django management
commands of the project included).
"""

from __future__ import annotations

import os
import sys

# Subcommands spelt with a hyphen, and the Django management command (a module name, so no hyphen) that runs them.
ALIASES = {
    "import-form": "import_form",
    "import-submissions": "import_submissions",
    "new-location": "new_location",
    "export": "export_data",
    "import": "import_data",
    "rotate-key": "rotate_key",
}


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cpphub.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else ["cpphub", *argv])
    args[0] = "cpphub"
    # The subcommand, or the command asked about in ``cpphub help <command>``.
    for position in (1, 2):
        if len(args) > position and args[position] in ALIASES and (position == 1 or args[1] == "help"):
            args[position] = ALIASES[args[position]]
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
