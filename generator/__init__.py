"""grievance: consumer complaint stories -> a static site of structured case histories."""

__version__ = "0.1.0"
