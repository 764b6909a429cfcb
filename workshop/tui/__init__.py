"""The Textual UI: a thin adapter over the core. Only this package imports Textual.

Importing it means an app is about to start (the commands import it for nothing else):
the cycle collector is kept off from here, through Textual's own imports, until the first
screen is drawn (see collector.py), 20 ms of a start's CPU it spent walking modules' and
widgets' objects that all live on. The app turns it on again then, or after
``collector.AT_THE_LATEST`` seconds.
"""

from workshop.tui import collector

collector.pause()
