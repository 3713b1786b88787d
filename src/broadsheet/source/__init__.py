"""Source files: articles (Markdown with YAML front matter) and page layouts (YAML)."""
