"""The Child Protection Conference assistant's own package: set-up, servers, configuration and admin CLI."""
