"""Batch scoring: records in, scored records out (`api.score_records`), the file job the `score` command
runs (`file_job.score_file`), and the backends: process pool, Dask, pipeline recycling."""
