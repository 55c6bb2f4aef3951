"""Tools for the staff who publish: new entries, live preview, build progress.

Plain Python on top of the disclosure core; build.py only wires them to its
subcommands.
"""
