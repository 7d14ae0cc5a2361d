"""Texting shorthand ('cn u', 'pls', 'thx', 'lol') spelled out, so casual messages read like the examples."""

from __future__ import annotations

import re

_SLASHED = re.compile(r"(?<![\w/])w/o(?![\w/])|(?<![\w/])w/(?![\w/])", re.I)

# Common English chat abbreviations -> the words they stand for; "" drops a word that carries no request.
# Only forms that are not ordinary words themselves (never "us", "no", "ok"), and none a shop would use for
# anything else: "ps" stays (order prefix), "id" stays (order id), "ya" stays (yes or you), single letters other
# than u/r/k stay ("a", "i", a size "m").
SHORTHAND: dict[str, str] = {
    "u": "you",
    "yu": "you",
    "ur": "your",
    "urs": "yours",
    "r": "are",
    "cn": "can",
    "cld": "could",
    "cud": "could",
    "wud": "would",
    "shud": "should",
    "hv": "have",
    "pls": "please",
    "plz": "please",
    "plss": "please",
    "pleez": "please",
    "thx": "thanks",
    "thnx": "thanks",
    "thanx": "thanks",
    "tks": "thanks",
    "ty": "thank you",
    "tysm": "thank you so much",
    "wanna": "want to",
    "wana": "want to",
    "gonna": "going to",
    "gotta": "have to",
    "gimme": "give me",
    "lemme": "let me",
    "dunno": "don't know",
    "idk": "i don't know",
    "im": "i'm",
    "ive": "i've",
    "dont": "don't",
    "doesnt": "doesn't",
    "didnt": "didn't",
    "cant": "can't",
    "wont": "won't",
    "isnt": "isn't",
    "wasnt": "wasn't",
    "arent": "aren't",
    "havent": "haven't",
    "hasnt": "hasn't",
    "couldnt": "couldn't",
    "wouldnt": "wouldn't",
    "shouldnt": "shouldn't",
    "youre": "you're",
    "thats": "that's",
    "wat": "what",
    "wut": "what",
    "whats": "what's",
    "wheres": "where's",
    "hows": "how's",
    "abt": "about",
    "bc": "because",
    "cuz": "because",
    "coz": "because",
    "b4": "before",
    "rn": "right now",
    "atm": "at the moment",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "2day": "today",
    "2moro": "tomorrow",
    "msg": "message",
    "acct": "account",
    "acc": "account",
    "addr": "address",
    "pkg": "package",
    "qty": "quantity",
    "k": "ok",
    "kk": "ok",
    "okey": "ok",
    "sth": "something",
    "smth": "something",
    "pic": "picture",
    "lol": "",
    "lmao": "",
    "haha": "",
    "hahaha": "",
    "omg": "",
    "ugh": "",
    "tbh": "",
    "smh": "",
    "w": "with",
    "hes": "he's",
    "shes": "she's",
    "theyre": "they're",
    "btw": "by the way",
}


def unslash(text: str) -> str:
    """'w/' and 'w/o' as words: 'pay w/ paypal' -> 'pay with paypal'."""
    return _SLASHED.sub(lambda m: "without" if m.group(0).lower() == "w/o" else "with", text)


def expand(word: str) -> str | None:
    """The spelled-out form of a shorthand word (lower case), or None when `word` is not shorthand."""
    return SHORTHAND.get(word.lower())
