"""Dialogue cues: phrasings that decide what a message does in the conversation, whatever its classified intent."""

from __future__ import annotations

import re

# "can I talk to someone", "pass me to a person", "get me a human": an explicit request for a person.
PERSON = re.compile(
    r"\b(talk|speak|chat)\s+(to|with)\s+(a |an |some |your |one of your )?(real |actual |live )?"
    r"(person|human|someone|somebody|agent|representative|rep|team member|member of (your |the )?(staff|team)|"
    r"manager|people)\b"
    r"|\b(pass|put|transfer|connect|hand)\s+(me\s+)?(through\s+|over\s+)?(to|with)\s+(a |an |some |your )?"
    r"(real |actual |live )?(person|human|someone|agent|representative|team)\b"
    r"|\b(get|give|find)\s+me\s+(a |an |some )?(real |actual |live )?(person|human|someone|agent)\b",
    re.I,
)
_NOT_PERSON = re.compile(r"\b(don'?t|do not|no need to|never)\s+(want\s+to\s+)?(talk|speak|pass|transfer)", re.I)

# A grievance the shop must look at: a double charge, a missing item, an accusation with a demand.
COMPLAINT = re.compile(
    r"\b(charged|billed)\s+(me\s+|my\s+card\s+|my\s+account\s+)?(twice|two times|double)\b|\bdouble[- ]charged\b"
    r"|\b(is|are|was|were)\s+missing\s+from\s+(the|my)\s+(box|parcel|package|order|delivery)\b"
    r"|\bmissing\s+from\s+(the|my)\s+(box|parcel|package)\b",
    re.I,
)

# "nvm, forget the return": the request in progress is dropped; what follows is a new message.
ABANDON = re.compile(
    r"^\W*(?:(?:ok|okay|actually|hmm+|wait|oh|sorry|no)\W+)*"
    r"(?:(?:nvm|never\s?mind|forget\s+(?:it|that|about\s+it|about\s+that|the\s+\w+)|scratch\s+that|"
    r"don'?t\s+bother|skip\s+(?:it|that))\b[\s,.;:!-]*)+",
    re.I,
)

# "did I get my money back?", "was the difference refunded?", "when do I get my refund": a refund question.
REFUND_QUESTION = re.compile(
    r"\b(did|have|has|was|were|when|where|is|will|whens?)\b[^.?!]{0,50}\b(refund(ed|s)?|money\s+back|"
    r"reimburs\w*|credited)\b|\brefund(ed)?\s+(me\s+)?yet\b",
    re.I,
)

# General questions about how the shop works, answered from its policies rather than an order.
GENERAL_QUESTION = re.compile(
    r"\bhow\s+(long|soon|quickly|many\s+days)\b|\bhow\s+do(es)?\s+(i|you|it|a|the|refunds?|returns?)\b"
    r"|^\W*(which|what)\s+(items|products|things|kinds?)\b|\buntil\s+what\b|\bat\s+what\s+age\b"
    r"|\bwhen\s+should\b|\bis\s+(that|this|it)\s+normal\b|\bwhat\s+(are|is|'s)\s+your\b|^\W*what'?s\s+your\b"
    r"|^\W*(can|could)\s+i\b[^?]*\bif\b|\bin\s+general\b",
    re.I,
)
# "do you deliver to Hawaii?", "is there free shipping?": a question about the shop itself.
SHOP_QUESTION = re.compile(
    r"^\W*(?:(?:also|and|plus|btw|oh|by the way)\W+)*(?:do|does|can|will|would|could)\s+(?:you|u|ya)\b"
    r"|^\W*(?:(?:also|and|plus|btw|oh|by the way)\W+)*(?:is|are)\s+there\b",
    re.I,
)
PET = re.compile(r"\b(cats?|kittens?|kitty|dogs?|pupp(y|ies)|pups?)\b", re.I)
# "my order", "order PS-..": a question about this shopper's own order, not about the shop.
OWN_ORDER = re.compile(r"\b(my|this|that|the)\s+(order|parcel|package|delivery|shipment)\b", re.I)

# "update the default address on my account": the customer's address, not an order's.
DEFAULT_ADDRESS = re.compile(
    r"\b(default|account'?s?|profile|saved)\s+address\b|\baddress\s+(on|of|in)\s+(my|the)\s+"
    r"(account|profile|file)\b|\baddress\s+on\s+file\b",
    re.I,
)

# "send it to ...", "ship order X to ...": a new destination for an order.
SEND_TO = re.compile(r"\b(send|ship|deliver|redirect|forward|go)\b[^.?!]{0,60}\bto\b", re.I)
FOREIGN = re.compile(
    r"\b(canada|mexico|united kingdom|england|scotland|ireland|australia|germany|france|spain|italy|japan|china|"
    r"india|brazil|netherlands|toronto|vancouver|montreal|london|berlin|paris|sydney)\b|"
    r"\b[A-Z]\d[A-Z] ?\d[A-Z]\d\b",
    re.I,
)

# "I don't know", "no idea": the shopper cannot answer what the bot asked.
DONT_KNOW = re.compile(
    r"\b(i\s+)?(don'?t|do\s+not|dont)\s+(know|have|remember|recall)\b|\bno\s+idea\b|\bnot\s+sure\b|\bdunno\b|"
    r"\bidk\b|\bcan'?t\s+(find|remember|recall)\b|\bno\s+clue\b",
    re.I,
)


def asks_for_person(text: str) -> bool:
    return bool(PERSON.search(text)) and not _NOT_PERSON.search(text)


def abandoned(text: str) -> str | None:
    """The rest of a message that drops the request in progress ("" when nothing follows), or None."""
    match = ABANDON.match(text)
    if match is None:
        return None
    return text[match.end() :].strip(" ,.;:!-")


def general_question(text: str) -> bool:
    """A question about how the shop works in general, not about the shopper's own order."""
    return bool(GENERAL_QUESTION.search(text)) and not OWN_ORDER.search(text)


# "no, the other order", "I meant PS-100715": a correction of the request in progress, not a new one.
CORRECTION = re.compile(r"\b(no|nope|not that|wrong|other|instead|actually|i meant|sorry)\b", re.I)
CHANGE = re.compile(r"\b(update|change|set|new|moved|move|edit|replace|correct|switch(ed)?)\b", re.I)
