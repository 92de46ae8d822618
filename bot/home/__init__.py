"""The App Home tab: the next meeting, one's own check-in, Guldlänken, and the organisers' board
with the admin modals its buttons open."""
