"""The one kind of error an editor sees: a single line naming the place and the problem."""


class HandbookError(Exception):
    """A mistake in data or content. Its message is one line, ready to show as it is."""
