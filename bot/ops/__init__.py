"""Running and building the assistant: set-up, training, catalogs, the supervisor, deployment files."""
