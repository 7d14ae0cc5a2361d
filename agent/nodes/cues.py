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

# A grievance the shop must look at: a double charge, something missing from a delivery, damage on arrival.
_BOX = r"(box|parcel|package|delivery|shipment|order|bag|carton)"
_PAID = r"(charged|charges|billed|took|taken|deducted|debited|withdrew|withdrawn|paid|collected)"
_TWICE = r"(twice|two times|2 ?x|x ?2|2 times|double|two payments|two charges)"
COMPLAINT = re.compile(
    rf"\b{_PAID}\b[^.?!]{{0,40}}\b{_TWICE}(?!\w)|\bdouble[- ]?(charged|billed|charge|payment|debit)\b"
    rf"|\b(charged|billed)\s+(me\s+)?(for\s+)?(the\s+same|one)\s+(order|thing|item)\s+{_TWICE}\b"
    rf"|\bmissing\s+(from|in|out\s+of)\s+(the|my|this|that)\s+{_BOX}\b"
    rf"|\b(no|without\s+(the|a|any))\s+(\w+\s+){{0,2}}(was\s+|were\s+)?(in|inside)\s+(the|my|this)\s+{_BOX}\b"
    rf"|\b(wasn'?t|weren'?t|was\s+not|were\s+not|isn'?t|aren'?t|not)\s+(in|inside)\s+(the|my|this)\s+{_BOX}\b"
    rf"|\b(item|one|part|piece|half|rest|some)s?\b[^.?!]{{0,25}}\b(is|are|was|were)\s+missing\b"
    rf"|\b(one|some|part|half|rest|two|three)\s+of\s+(the|my)\s+(order|items|things|stuff)\s+"
    rf"(never|didn'?t|did\s+not)\s+(arrive|arrived|come|came|show(ed)?\s+up)\b",
    re.I,
)
# Damage on arrival is a complaint unless the shopper asks for what the shop already offers for it.
DAMAGED = re.compile(
    r"\b(arrived|came|showed up|delivered|turned up|got here)\s+(all\s+)?(damaged|broken|smashed|crushed|cracked|"
    r"shattered|ruined|leaking|torn)\b|\b(damaged|broken|smashed|crushed|cracked|shattered)\s+(on|upon)\s+arrival\b",
    re.I,
)
_REMEDY = re.compile(r"\b(return|exchange|refund|replace|replacement|send\s+(it\s+)?back|swap)\w*", re.I)


# "nvm" or "forget it" at the start: the request in progress is dropped; what follows is a new message.
ABANDON = re.compile(
    r"^\W*(?:(?:ok|okay|actually|hmm+|wait|oh|sorry|no)\W+)*"
    r"(?:(?:nvm|never\s?mind|forget\s+(?:it|that|about\s+it|about\s+that|the\s+\w+)|scratch\s+that|"
    r"don'?t\s+bother|skip\s+(?:it|that))\b[\s,.;:!-]*)+",
    re.I,
)

# A question about whether or when money came back (refunded, reimbursed, credited): a refund question.
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
# A question opening with "do you ...", "can you ..." or "is there ...": a question about the shop itself.
SHOP_QUESTION = re.compile(
    r"^\W*(?:(?:also|and|plus|btw|oh|by the way)\W+)*(?:do|does|can|will|would|could)\s+(?:you|u|ya)\b"
    r"|^\W*(?:(?:also|and|plus|btw|oh|by the way)\W+)*(?:is|are)\s+there\b",
    re.I,
)
# "my order", "order PS-..": a question about this shopper's own order, not about the shop.
OWN_ORDER = re.compile(r"\b(my|this|that|the)\s+(order|parcel|package|delivery|shipment)\b", re.I)

# The default, saved or profile address of the account: the customer's address, not an order's.
DEFAULT_ADDRESS = re.compile(
    r"\b(default|account'?s?|profile|saved)\s+address\b|\baddress\s+(on|of|in)\s+(my|the)\s+"
    r"(account|profile|file)\b|\baddress\s+on\s+file\b",
    re.I,
)

# "send it to ...", "ship order X to ...": a new destination for an order.
SEND_TO = re.compile(r"\b(send|ship|deliver|redirect|forward|go)\b[^.?!]{0,60}\bto\b", re.I)

# "I don't know", "no idea": the shopper cannot answer what the bot asked.
DONT_KNOW = re.compile(
    r"\b(i\s+)?(don'?t|do\s+not|dont)\s+(know|have|remember|recall)\b|\bno\s+idea\b|\bnot\s+sure\b|\bdunno\b|"
    r"\bidk\b|\bcan'?t\s+(find|remember|recall)\b|\bno\s+clue\b",
    re.I,
)


# A yes runs the pending action only when it says nothing else: its words are agreement, politeness, or the
# action's own verb ("yes please cancel it"). Anything more ("yes, no wait", "ok also I'd rather not", "yes, and also
# keep the puzzle balls", "yes jk", a question, a number) asks the proposal again. A false alarm costs the shopper
# one more "yes"; a write they did not mean cannot be taken back.
_AGREEING = frozenset({
    "yes", "yep", "yeah", "yup", "ya", "yah", "y", "sure", "ok", "okay", "k", "alright", "right", "correct", "exactly",
    "absolutely", "definitely", "of", "course", "please", "pls", "plz", "go", "ahead", "proceed", "do", "it", "that's",
    "that", "this", "confirm", "confirmed", "fine", "good", "great", "perfect", "sounds", "looks", "lgtm", "thanks",
    "thank", "you", "ty", "thx", "so", "much", "very", "now", "then", "just", "and", "the", "order",
})  # fmt: skip
_ACTION_WORDS: dict[str, frozenset[str]] = {
    "cancel_order": frozenset({"cancel"}),
    "request_return": frozenset({"return", "send", "back"}),
    "request_exchange": frozenset({"exchange", "swap"}),
    "modify_items": frozenset({"change", "update"}),
    "change_shipping_address": frozenset({"change", "update", "send", "ship"}),
    "change_default_address": frozenset({"change", "update", "save"}),
}


_AGREEING_ZH = re.compile(r"好的|好|是的|是|对的|对|确认|确定|可以|行|嗯|没问题|请|谢谢|吧|啊|呀|哦")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def plain_yes(text: str, op: str) -> bool:
    """Whether a message read as a yes says nothing but yes to the pending action `op`."""
    if "?" in text or "？" in text or re.search(r"\d", text):
        return False
    agreed_zh = bool(_AGREEING_ZH.search(text))
    if _CJK.search(_AGREEING_ZH.sub("", text)):
        return False  # Chinese words beyond agreement
    words = re.findall(r"[a-z']+", text.lower())
    allowed = _AGREEING | _ACTION_WORDS.get(op, frozenset())
    return (bool(words) or agreed_zh) and all(word in allowed for word in words)


def complains(text: str) -> bool:
    """A grievance for a person: a double charge or a missing item, or damage with no remedy asked for."""
    return bool(COMPLAINT.search(text)) or (bool(DAMAGED.search(text)) and not _REMEDY.search(text))


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


# "no", "the other one", "I meant ...": a correction of the request in progress, not a new one.
CORRECTION = re.compile(r"\b(no|nope|not that|wrong|other|instead|actually|i meant|sorry)\b", re.I)
CHANGE = re.compile(r"\b(update|change|set|new|moved|move|edit|replace|correct|switch(ed)?)\b", re.I)
