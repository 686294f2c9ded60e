"""`grievance import`: blog posts in other formats -> draft stories to review.

read (detect the kind, then wxr / feed / html / text) -> Post values -> guess (company,
outcome, apology, ...) -> story text -> write (atomic, never overwriting). run.py is the
recipe; cli.py prints its report.
"""
