"""Many networks: which network a request acts on, and `/chefsnatverket nätverk`."""
