"""Every callback_id and action_id in one place, so builders and listeners agree."""

# Check-in (handlers/checkin.py)
CHECKIN_MODAL = "checkin_modal"
CHECKIN_OPEN = "checkin_open"  # button: opens the check-in modal (invitation, reminders, confirmations, home)
CHECKIN_BLOCK_OCCUPYING = "checkin_occupying"
CHECKIN_BLOCK_CHANGES = "checkin_changes"
CHECKIN_BLOCK_SUPPORT = "checkin_support"
CHECKIN_INPUT = "value"  # the action_id of the plain_text_input inside each check-in block

# Admin (handlers/admin.py, handlers/home.py)
ADMIN_PLAN_OPEN = "admin_plan_open"
ADMIN_PLAN_MODAL = "admin_plan_modal"
ADMIN_MEMBERS_OPEN = "admin_members_open"
ADMIN_MEMBERS_MODAL = "admin_members_modal"
ADMIN_SETTINGS_OPEN = "admin_settings_open"
ADMIN_SETTINGS_MODAL = "admin_settings_modal"
ADMIN_POST_SUMMARY = "admin_post_summary"

# After-meeting pulse (handlers/pulse.py)
PULSE_YES = "pulse_yes"
PULSE_NO = "pulse_no"
PULSE_COMMENT_OPEN = "pulse_comment_open"
PULSE_COMMENT_MODAL = "pulse_comment_modal"

# Guldlänken (handlers/guldlanken.py)
AWARD_NOMINATE_OPEN = "award_nominate_open"  # button: opens the nomination modal (announcement, home)
AWARD_MODAL = "award_nomination_modal"
AWARD_EDIT = "award_nomination_edit"
AWARD_WITHDRAW = "award_nomination_withdraw"
