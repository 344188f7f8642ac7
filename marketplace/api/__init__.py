"""JSON API (OpenAPI 3.1) for buyers', offtakers' and cooperatives' own systems, reached with
personal API tokens. The views call the same services as the web pages."""
