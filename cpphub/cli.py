"""The ``cpphub`` command: every batch job of CPP Hub, with ``--help`` on each.

``cpphub serve`` starts the product, ``cpphub demo`` loads the demo
partnership; ``cpphub help`` lists every subcommand (the Django management
commands of the project included).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cpphub.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else ["cpphub", *argv])
    args[0] = "cpphub"
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
