"""The review desk of `grievance serve --drafts`: forms over draft stories' front-matter
at /__grievance__/review/, writing the files back in place (never part of a built site)."""
