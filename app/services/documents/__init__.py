"""Files from outside, read without trusting them: zips (`safe_zip`), Office files (`office_zip`), strict JSON
(`strict_json`), and the tables inside Word and Excel documents as plain grids (`docx_tables`, `xlsx_tables`, `table_grid`)."""
