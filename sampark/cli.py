"""The `sampark` command: Django's management commands, with one-line errors for bad setup.

`sampark serve`, `sampark worker`, `sampark createadmin`, `sampark token create`, `sampark demo`,
`sampark audit verify`, `sampark backup`, `sampark restore`, `sampark reindex`, and every Django command
(`sampark migrate`, `sampark shell`, …).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sampark.settings")

    import django
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db import DatabaseError

    try:
        django.setup()
        execute_from_command_line(["sampark", *argv[1:]])
    except ImproperlyConfigured as error:
        _fail(str(error))
    except DatabaseError as error:
        _fail(f"the database refused: {_first_line(error)} (check DATABASE_URL).")
    except KeyboardInterrupt:
        sys.exit(130)


def _first_line(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]


def _fail(message: str) -> None:
    sys.stderr.write(f"sampark: {message}\n")
    sys.exit(2)


if __name__ == "__main__":
    main()
