"""Server-rendered pages: thin views over selectors, forms and services."""
