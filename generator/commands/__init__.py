"""The `grievance` commands by noun, registered on the group in cli.py; with cli.py the
only modules that print or exit."""
