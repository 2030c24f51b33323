"""Why a label: token attributions (`explain`), records and files explained through batch scoring, and the
HTML pages that show them (`render_html`, the error page)."""
