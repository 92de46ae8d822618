"""Närvaro: who comes, who cannot, who sends an ersättare; the invitations and calendar files."""
