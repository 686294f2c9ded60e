"""`python -m generator` works the same as `grievance`."""

from generator.cli import main

main(prog_name="grievance")
