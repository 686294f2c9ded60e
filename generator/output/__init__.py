"""Making files: pages (Jinja2), feeds, open data, the search index, the atomic write."""
