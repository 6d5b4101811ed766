"""The one error the CLI turns into exit status 2 with a one-line message."""


class UsageError(Exception):
    """Bad usage or configuration: the message names what to fix."""
