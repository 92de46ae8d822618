"""Test support: the Slack stand-in, signed requests, the WSGI client."""
