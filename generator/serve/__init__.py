"""`grievance serve`: rebuild on change, the HTTP server with live reload."""
