"""Texts for choosing a network and for `/chefsnatverket nätverk`."""

SV: dict[str, str] = {
    "networks.ask": "Du finns i flera nätverk. Vilket nätverk gäller `{command}`?",
    "networks.ask.checkin": "Du har en träff att checka in till i flera nätverk. Vilken träff gäller det?",
    "networks.ask.placeholder": "Välj nätverk",
    "networks.ask.text": "Din text",
    "networks.chosen": "Nätverket {name} är valt.",
    "networks.list": "*Nätverken i arbetsytan:*\n{lines}",
    "networks.list.none": "Arbetsytan har inga nätverk ännu. Skapa ett med `/chefsnatverket nätverk ny Namn`.",
    "networks.list.mine": "{name} – du är med",
    "networks.list.hint": "Skapa ett nytt nätverk med `/chefsnatverket nätverk ny Namn`.",
    "networks.created": "Nätverket {name} finns nu. Du är samordnare för det.",
    "networks.error.exists": "Det finns redan ett nätverk som heter {name}. Välj ett annat namn.",
    "networks.error.name": "Skriv nätverkets namn efter `nätverk ny`, högst 80 tecken. Till exempel: `nätverk ny Guldlänken`.",
    "networks.error.unknown": "Det nätverket finns inte i arbetsytan. Skriv kommandot igen.",
    "networks.error.dm": (
        "Du finns i flera nätverk, så vi vet inte vilken träff svaret gäller. "
        "Skriv `/incheckning` följt av ditt svar, så frågar vi vilket nätverk det gäller."
    ),
}

EN: dict[str, str] = {
    "networks.ask": "You are in several networks. Which network is `{command}` for?",
    "networks.ask.checkin": "You have a meeting to check in for in several networks. Which meeting is it?",
    "networks.ask.placeholder": "Choose a network",
    "networks.ask.text": "Your text",
    "networks.chosen": "The network {name} is chosen.",
    "networks.list": "*The workspace's networks:*\n{lines}",
    "networks.list.none": "The workspace has no networks yet. Create one with `/chefsnatverket nätverk ny Name`.",
    "networks.list.mine": "{name} – you are in it",
    "networks.list.hint": "Create a new network with `/chefsnatverket nätverk ny Name`.",
    "networks.created": "The network {name} now exists. You are its organiser.",
    "networks.error.exists": "A network called {name} exists already. Choose another name.",
    "networks.error.name": "Write the network's name after `nätverk ny`, at most 80 characters. For example: `nätverk ny Guldlänken`.",
    "networks.error.unknown": "That network is not in this workspace. Type the command again.",
    "networks.error.dm": (
        "You are in several networks, so we cannot tell which meeting this answer is for. "
        "Type `/incheckning` followed by your answer, and we will ask which network it is for."
    ),
}
