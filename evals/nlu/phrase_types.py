"""The shape of our phrase lists, and the request frames they are composed into (all written by the team)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class IntentPhrases(BaseModel):
    """Verb phrases ('cancel my order'), noun phrases ('a refund') and whole sentences for one intent."""

    verbs: list[str] = Field(default_factory=list)
    nouns: list[str] = Field(default_factory=list)
    free: list[str] = Field(default_factory=list)


# How shoppers wrap a request around a verb phrase: plain, polite, casual, indirect, keyword-style.
VERB_FRAMES: tuple[str, ...] = (
    "{v}",
    "I want to {v}",
    "I'd like to {v}",
    "I need to {v}",
    "I need help to {v}",
    "can you help me {v}?",
    "could you help me {v}, please?",
    "how do I {v}?",
    "how can I {v}?",
    "where can I {v}?",
    "is it possible to {v}?",
    "I don't know how to {v}",
    "help me {v}",
    "I'm having trouble trying to {v}",
    "can I {v}?",
    "what do I have to do to {v}?",
    "can u {v}",
    "i wanna {v}",
    "tell me how to {v}",
    "I would like to {v}",
    "I'm trying to {v}",
    "please {v}",
    "could I {v}?",
    "I have to {v}",
    "show me how to {v}",
    "I can't figure out how to {v}",
    "any way to {v}?",
    "what's the procedure to {v}?",
    "i need to {v} asap",
    "hi, I want to {v}",
    "hello, can you {v} for me?",
    "would it be possible to {v}?",
    "I am trying to {v} but I can't",
    "where do I go to {v}",
    "i was wanting to {v}",
    "need to {v}",
    "could you {v}?",
)
NOUN_FRAMES: tuple[str, ...] = (
    "{n}",
    "help with {n}",
    "I have a problem with {n}",
    "question about {n}",
    "I need info about {n}",
    "can you help me with {n}?",
    "I have a question about {n}",
    "issue with {n}",
    "I need assistance with {n}",
    "information about {n}",
    "what about {n}?",
    "I'm contacting you about {n}",
    "need help with {n} please",
    "can I get some help with {n}",
    "problem with {n}",
    "i need help w/ {n}",
)
