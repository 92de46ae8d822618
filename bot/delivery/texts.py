"""Texts of the delivery package: Slack failures in plain words and the organisers' report."""

SV: dict[str, str] = {
    # A send of a kind no feature names (the "scheduler.kind.<kind>" labels live with the features)
    "scheduler.kind.other": "Utskick",
    # Failures in plain Swedish
    "scheduler.error.user_not_found": "personen finns inte i Slack",
    "scheduler.error.users_not_found": "personen finns inte i Slack",
    "scheduler.error.account_inactive": "kontot är avaktiverat",
    "scheduler.error.user_disabled": "kontot är avaktiverat",
    "scheduler.error.channel_not_found": "kanalen eller personen hittades inte",
    "scheduler.error.not_in_channel": "appen är inte med i kanalen (bjud in den)",
    "scheduler.error.is_archived": "kanalen är arkiverad",
    "scheduler.error.cannot_dm_bot": "mottagaren är en bot",
    "scheduler.error.interrupted": (
        "avbröts mitt i utskicket; kan ha kommit fram (appen kunde inte kontrollera det), fråga mottagaren"
    ),
    "scheduler.error.timeout": (
        "Slack svarade inte i tid; kan ha kommit fram (appen kunde inte kontrollera det), fråga mottagaren"
    ),
    "scheduler.error.not_posted": "Slack svarade inte i tid, flera gånger; kom inte fram",
    "scheduler.error.late": "kunde inte skickas i tid och skickas inte i efterhand",
    "scheduler.error.ratelimited": "Slack begränsade antalet meddelanden; gav upp efter flera försök",
    "scheduler.error.connection_error": "kunde inte nå Slack; gav upp efter flera försök",
    "scheduler.error.invalid_auth": "appens behörighet till Slack fungerar inte (token)",
    "scheduler.error.not_authed": "appens behörighet till Slack fungerar inte (token)",
    "scheduler.error.token_revoked": "appens behörighet till Slack är återkallad",
    "scheduler.error.other": "tekniskt fel ({code})",
    # The report to the organisers' channel
    "scheduler.report.header": "Utskick som inte gick fram",
    "scheduler.report.fallback": "Några utskick gick inte fram: {count} st. Se detaljerna i meddelandet.",
    "scheduler.report.failed": "*{what}*, planerat {due}:\n{lines}",
    "scheduler.report.failed_line": "• {who}: {why}",
    "scheduler.report.expired": (
        "*Missat utskick:* {what}, planerat {due}, till {count} mottagare. Det kunde inte skickas i tid "
        "och skickas inte i efterhand (till exempel för att appen inte var igång, eller för att träffen "
        "planerades eller flyttades med kort varsel)."
    ),
    "scheduler.report.channel": "samordnarkanalen",
}

EN: dict[str, str] = {
    "scheduler.kind.other": "Message",
    "scheduler.error.user_not_found": "the person is not in Slack",
    "scheduler.error.users_not_found": "the person is not in Slack",
    "scheduler.error.account_inactive": "the account is deactivated",
    "scheduler.error.user_disabled": "the account is deactivated",
    "scheduler.error.channel_not_found": "the channel or person was not found",
    "scheduler.error.not_in_channel": "the app is not in the channel (invite it)",
    "scheduler.error.is_archived": "the channel is archived",
    "scheduler.error.cannot_dm_bot": "the recipient is a bot",
    "scheduler.error.interrupted": (
        "interrupted while sending; may have arrived (the app could not check), ask the recipient"
    ),
    "scheduler.error.timeout": (
        "Slack did not answer in time; may have arrived (the app could not check), ask the recipient"
    ),
    "scheduler.error.not_posted": "Slack did not answer in time, several times; did not arrive",
    "scheduler.error.late": "could not be sent in time and is not sent afterwards",
    "scheduler.error.ratelimited": "Slack limited the number of messages; gave up after several tries",
    "scheduler.error.connection_error": "could not reach Slack; gave up after several tries",
    "scheduler.error.invalid_auth": "the app's access to Slack does not work (token)",
    "scheduler.error.not_authed": "the app's access to Slack does not work (token)",
    "scheduler.error.token_revoked": "the app's access to Slack has been revoked",
    "scheduler.error.other": "technical error ({code})",
    "scheduler.report.header": "Messages that did not go out",
    "scheduler.report.fallback": "Some messages did not go out: {count}. See the details in the message.",
    "scheduler.report.failed": "*{what}*, planned {due}:\n{lines}",
    "scheduler.report.failed_line": "• {who}: {why}",
    "scheduler.report.expired": (
        "*Missed message:* {what}, planned {due}, to {count} recipients. It could not be sent in time "
        "and is not sent afterwards (for example because the app was not running, or because the "
        "meeting was planned or moved at short notice)."
    ),
    "scheduler.report.channel": "the organisers' channel",
}
