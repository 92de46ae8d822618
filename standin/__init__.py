"""A local stand-in for Slack: its Web API over real HTTP on loopback, Block Kit's rules, and
correctly signed requests. The tests, the benchmarks and `chefsnatverket demo` all use it."""
