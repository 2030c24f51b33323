"""Record files in and out: one registry of file formats (`registry`, a module per format in `formats/`),
the streaming record reader (`reader`), durable output (`durable`: `.partial`, flush, commit, resume),
the output record's fields (`record_fields`) and atomic report files (`report_files`)."""
