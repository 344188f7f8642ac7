"""Site-wide security rules: CSRF, headers, log-in throttling, hostile input, and the matrix of
who may not use an admin endpoint."""
