"""Commands of this area (filled as the area lands)."""

COMMANDS: list = []
