"""`dateline serve`: a web app and JSON API over a Dateline ledger."""
