"""The disclosure core: content model, validation and lifecycle.

Plain Python with no Pelican import, so the CLI's `check`, the tests and the
Pelican adapters all share one definition of every fact.
"""
