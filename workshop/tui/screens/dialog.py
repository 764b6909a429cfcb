"""The base of the small dialogs: a centred box that fits an 80x24 terminal."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    CSS_PATH = "dialog.tcss"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.add_class("dialog-screen")
