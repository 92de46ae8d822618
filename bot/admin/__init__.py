"""The organisers' `/chefsnatverket` grammar, their services and the status board."""
