"""The built-in stages, imported in the order they run (each registers itself)."""

from . import sources, figures  # noqa: F401
