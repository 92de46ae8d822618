"""Chefsnätverket: the product (domain services, Slack output, scheduler, CLI)."""
