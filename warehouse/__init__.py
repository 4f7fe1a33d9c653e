"""The DuckDB warehouse: schema, loading, views and reports."""
