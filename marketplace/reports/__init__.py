"""Reports for a cooperative's admins: what needs doing now, and how the business goes over a
chosen period (sales, fulfilment, quality, buyers), each with a chart and CSV/XLSX export.

Every figure is aggregated in SQL (queries.py, dashboard.py, performance.py); periods are
pure (periods.py); tables are plain data shared by pages and exports (tables.py, export.py).
"""
