#!/usr/bin/env python
"""Django's command-line utility for the Kumamoto city portal."""
import os
import sys


def main():
    """Run administrative tasks with the portal's settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kumamoto_portal.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
