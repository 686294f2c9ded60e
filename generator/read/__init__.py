"""Reading: site files -> bytes -> YAML with lines -> checked values -> Story, Company, SiteConfig."""
