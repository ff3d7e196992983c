"""The static site: pages a reader opens from disk or any static host, no server needed."""
