"""workshop: lead a customer-experience focus group from the terminal."""

__version__ = "0.1.0"
