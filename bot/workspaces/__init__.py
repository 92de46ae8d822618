"""Many workspaces (OAuth mode): installations kept with their bot tokens encrypted, each
workspace's token looked up per request and per send, the install and uninstall rules."""
