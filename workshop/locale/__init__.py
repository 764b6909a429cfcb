"""Translation tables: one module per language and area (``es_cli.py``, ``es_tui.py``…).

Each defines ``MESSAGES = {english: translated}``. English needs no table.
"""
