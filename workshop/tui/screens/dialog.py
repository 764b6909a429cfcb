"""The base of the small dialogs: a centred box that fits an 80x24 terminal."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from textual.screen import ModalScreen

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    # Absolute: Textual reads a relative CSS_PATH beside the module of the class in use,
    # and a dialog may be defined anywhere (a step panel's technique chooser).
    CSS_PATH = str(Path(__file__).with_name("dialog.tcss"))

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.add_class("dialog-screen")
