"""The pure core: events, the fold into session state, the store, scripts, voting,
analysis. Nothing here imports Textual or python-docx (an import-linter contract in
pyproject.toml keeps it so)."""
