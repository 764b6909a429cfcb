"""The translation catalogs, one folder per language: ``<lang>/LC_MESSAGES/workshop.po``
(our messages; English is the message id), ``click.po`` (click's own messages) and
``<lang>/glossary.toml`` (the method's terms). No code: see ``workshop/i18n.py``.
"""
