"""The built-in stages, imported in the order they run (each registers itself)."""

from . import sources, figures  # noqa: F401
from . import disagreements  # noqa: F401  (runs last: reads sources and figures)
