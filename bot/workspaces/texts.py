"""Texts of the install pages (GET /slack/install, /slack/oauth_redirect) and of a workspace
without an installation."""

SV: dict[str, str] = {
    "workspaces.page.title": "Chefsnätverket i Slack",
    "workspaces.done.heading": "Chefsnätverket finns nu i arbetsytan {team}",
    "workspaces.done.body": (
        "Öppna Slack och skriv `/chefsnatverket` för att komma i gång. "
        "Den som installerade appen är samordnare för arbetsytans första nätverk."
    ),
    "workspaces.done.open": "Öppna Slack",
    "workspaces.failed.heading": "Installationen blev inte klar",
    "workspaces.failed.body": "Inget sparades. Börja om från installationssidan – länken gäller i tio minuter.",
    "workspaces.failed.again": "Börja om",
    "workspaces.failed.reason.invalid_state": "Länken har redan använts eller är för gammal.",
    "workspaces.failed.reason.invalid_browser": "Börja och avsluta installationen i samma webbläsare.",
    "workspaces.failed.reason.access_denied": "Du avbröt installationen i Slack.",
    "workspaces.failed.reason.invalid_code": "Slack godtog inte installationen.",
    "workspaces.failed.reason.other": "Något gick fel hos Slack eller hos oss.",
    "workspaces.not_installed": (
        "Chefsnätverket är inte installerat i den här arbetsytan längre. "
        "Be den som administrerar Slack att installera appen igen."
    ),
}

EN: dict[str, str] = {
    "workspaces.page.title": "Chefsnätverket in Slack",
    "workspaces.done.heading": "Chefsnätverket is now in the workspace {team}",
    "workspaces.done.body": (
        "Open Slack and type `/chefsnatverket` to get started. "
        "Whoever installed the app is the samordnare of the workspace's first network."
    ),
    "workspaces.done.open": "Open Slack",
    "workspaces.failed.heading": "The installation did not finish",
    "workspaces.failed.body": "Nothing was saved. Start again from the install page – the link is good for ten minutes.",
    "workspaces.failed.again": "Start again",
    "workspaces.failed.reason.invalid_state": "The link was used already or is too old.",
    "workspaces.failed.reason.invalid_browser": "Start and finish the installation in the same browser.",
    "workspaces.failed.reason.access_denied": "You cancelled the installation in Slack.",
    "workspaces.failed.reason.invalid_code": "Slack did not accept the installation.",
    "workspaces.failed.reason.other": "Something went wrong at Slack or on our side.",
    "workspaces.not_installed": (
        "Chefsnätverket is no longer installed in this workspace. "
        "Ask whoever administers Slack to install the app again."
    ),
}
