"""Every callback_id and action_id in one place, so builders and listeners agree."""

# Check-in (handlers/checkin.py)
CHECKIN_MODAL = "checkin_modal"
CHECKIN_OPEN = "checkin_open"  # button: opens the check-in modal (invitation, reminders, confirmations, home)
CHECKIN_BLOCK_OCCUPYING = "checkin_occupying"
CHECKIN_BLOCK_CHANGES = "checkin_changes"
CHECKIN_BLOCK_SUPPORT = "checkin_support"
CHECKIN_INPUT = "value"  # the action_id of the plain_text_input inside each check-in block
# Who reads each answer: a radio input under each question (its element's action_id is CHECKIN_INPUT).
CHECKIN_BLOCK_OCCUPYING_VISIBILITY = "checkin_occupying_visibility"
CHECKIN_BLOCK_CHANGES_VISIBILITY = "checkin_changes_visibility"
CHECKIN_BLOCK_SUPPORT_VISIBILITY = "checkin_support_visibility"
# button (confirmation, App Home): withdraw one's own check-in; its value is the check-in's id.
CHECKIN_WITHDRAW = "checkin_withdraw"
# Buttons asking what to do with a DM reply when the member had already answered differently.
CHECKIN_PENDING_REPLACE = "checkin_pending_replace"
CHECKIN_PENDING_APPEND = "checkin_pending_append"
CHECKIN_PENDING_KEEP = "checkin_pending_keep"

# Admin (handlers/admin.py, handlers/home.py)
ADMIN_PLAN_OPEN = "admin_plan_open"
ADMIN_PLAN_MODAL = "admin_plan_modal"
ADMIN_MEMBERS_OPEN = "admin_members_open"
ADMIN_MEMBERS_MODAL = "admin_members_modal"
ADMIN_SETTINGS_OPEN = "admin_settings_open"
ADMIN_SETTINGS_MODAL = "admin_settings_modal"
ADMIN_POST_SUMMARY = "admin_post_summary"
# Blocks of the admin modals (handlers/home.py); the element inside each block has action_id ADMIN_INPUT.
ADMIN_INPUT = "value"
ADMIN_PLAN_DATE = "admin_plan_date"
ADMIN_PLAN_TIME = "admin_plan_time"
ADMIN_PLAN_PLACE = "admin_plan_place"
ADMIN_MEMBER_USER = "admin_member_user"
ADMIN_MEMBER_ORGANISATION = "admin_member_organisation"
ADMIN_MEMBER_MODE = "admin_member_mode"
ADMIN_SETTINGS_CHANNEL = "admin_settings_channel"
ADMIN_SETTINGS_ORGANISERS = "admin_settings_organisers"

# After-meeting pulse (handlers/pulse.py)
PULSE_YES = "pulse_yes"
PULSE_NO = "pulse_no"
PULSE_COMMENT_OPEN = "pulse_comment_open"
PULSE_COMMENT_MODAL = "pulse_comment_modal"

# Guldlänken (handlers/award.py)
AWARD_NOMINATE_OPEN = "award_nominate_open"  # button: opens the nomination modal (announcement, home)
AWARD_MODAL = "award_nomination_modal"
AWARD_EDIT = "award_nomination_edit"
AWARD_WITHDRAW = "award_nomination_withdraw"
# Blocks of the nomination modal; each input's element has action_id AWARD_INPUT.
AWARD_BLOCK_NOMINEE_USER = "award_nominee_user"
AWARD_BLOCK_NOMINEE_NAME = "award_nominee_name"
AWARD_BLOCK_NOMINEE_ORG = "award_nominee_org"
AWARD_BLOCK_PARTNER = "award_partner"
AWARD_BLOCK_MOTIVATION = "award_motivation"
AWARD_INPUT = "value"

# Trust (handlers/privacy.py)
PRIVACY_OWN_EXTRACT = "privacy_own_extract"  # button on App Home: "Mina uppgifter"
PRIVACY_ERASE_MODAL = "privacy_erase_modal"
PRIVACY_INPUT = "value"
# The jury's decision (handlers/award_decision.py); each input's element has action_id AWARD_INPUT.
AWARD_DECIDE_OPEN = "award_decide_open"  # button: jury summary (value: round id) and Home (value: "home")
AWARD_DECIDE_MODAL = "award_decide_modal"
AWARD_BLOCK_WINNERS = "award_winners"
AWARD_BLOCK_CITATION = "award_citation"
AWARD_BLOCK_ANNOUNCE_DATE = "award_announce_date"
AWARD_BLOCK_ANNOUNCE_TIME = "award_announce_time"

# Närvaro (handlers/attendance.py): the invitation's answers and the ersättare modal.
RSVP_COMING = "rsvp_coming"  # value: the meeting id
RSVP_NOT_COMING = "rsvp_not_coming"
RSVP_DEPUTY = "rsvp_deputy"  # opens the ersättare modal
RSVP_DEPUTY_MODAL = "rsvp_deputy_modal"
RSVP_DEPUTY_USER = "rsvp_deputy_user"  # the users_select block
RSVP_INPUT = "value"

# Networks (handlers/networks.py): the question "which network?" when a command fits several.
NETWORK_CHOOSE = "network_choose"  # static_select; its block_id is NETWORK_CHOOSE_BLOCK + the command
NETWORK_CHOOSE_BLOCK = "network_choose|"
NETWORK_TEXT_BLOCK = "network_text"  # the command's text, kept in the question (editable)
NETWORK_TEXT = "value"
