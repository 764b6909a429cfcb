"""Full screens and modal dialogs, each with its .tcss beside it."""
