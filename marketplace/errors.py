"""Domain exceptions raised by services; views turn them into responses."""


class DomainError(Exception):
    """A use case could not be carried out; the message is safe to show to the user."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotAllowed(DomainError):
    """The acting user may not do this."""


class InvalidTransition(DomainError):
    """The object is not in a state that allows this change."""


class InsufficientCapacity(DomainError):
    """Not enough pooled capacity for the requested quantity."""


class ValidationFailed(DomainError):
    """Input broke a business rule (the field names which input)."""
