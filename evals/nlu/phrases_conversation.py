"""More of our own conversational phrases: greetings, small talk about the bot, thanks, goodbyes, yes/no/maybe."""

from __future__ import annotations

from evals.nlu.phrase_types import IntentPhrases

# fmt: off
CONVERSATION: dict[str, IntentPhrases] = {
    'greeting': IntentPhrases(
        free=[
            'hello, how are you doing', "hi! how's your day going", 'hey, how are you', 'how is your day',
            'good morning, how are things', 'hi, how have you been', 'how are you this evening', "what's going on",
            'hey buddy', 'hello friend', 'greetings', 'hi there!', 'hey hey', 'sup', 'howdy partner',
            'good to see you', 'hey, you there?', 'hello, is anyone available', 'how are things with you',
            "hope you're doing well", 'how do you do', "what's new with you", "how's everything", 'hi, nice to chat',
        ],
    ),
    'bot_identity': IntentPhrases(
        free=[
            'what do people call you', "what's your name?", 'do you have a name I can use', 'who is your creator',
            'which company built you', 'who designed this assistant', 'are you a real human', 'is this a chatbot',
            'am I talking to artificial intelligence', 'are you a computer program',
            'what can you help me with today', 'what are you capable of', 'what things can I ask about',
            'what topics can you handle', 'what is it that you do', 'how can you help me',
            'are you a person or a bot', 'is there a human typing this', 'who owns this bot', 'what should I ask you',
            'tell me what you can do', 'what services do you offer here',
        ],
    ),
    'thanks': IntentPhrases(
        free=[
            'thanks for that', 'thank you for the info', 'cheers mate', 'thanks a ton', 'thank you, that was helpful',
            'appreciate your help', "thanks, you're great", 'ok thanks', 'thank u', 'tysm', 'thanks again',
            'much obliged', 'thank you for your time', 'great help, thanks', 'thanks for sorting that out',
        ],
    ),
    'goodbye': IntentPhrases(
        free=[
            'bye now', 'ok see ya', 'later', 'good night', 'have a great day', "I'm leaving now",
            "that's all I needed", 'until next time', "i'm off", 'bye, take care', 'goodbye and thanks', 'ttyl',
            'see you around', "I'll be going now", "we're done here", 'nothing more, goodbye', 'have a nice evening',
        ],
    ),
    'confirm': IntentPhrases(
        free=[
            'yes please do', 'yes, go ahead', 'sure, why not', "yeah that's fine", 'yep, do it', 'ok, proceed',
            "that's correct, yes", 'yes it is', 'true', 'I agree', 'fine by me', 'please go ahead', 'go on',
            "yes, I'm sure", "right, that's it", 'confirmed', 'yeah sure', 'all good, yes', 'do it',
            'that works for me', "yes that's the one", 'uh huh', "yes, that's right", 'precisely',
        ],
    ),
    'deny': IntentPhrases(
        free=[
            'no', 'no way', "no, please don't", "don't", 'not that one', 'no, cancel that', 'nope, wrong',
            'I said no', "that's incorrect", "no it isn't", 'false', 'no, thank you', 'definitely not',
            'no, leave it', 'not now', "no, that's not what I meant", 'nah, skip it', 'I disagree',
            "please don't do that", 'no, not at all', 'wrong', "that's not it",
        ],
    ),
    'unsure': IntentPhrases(
        free=[
            "maybe, I don't know", 'perhaps later', 'I might', 'possibly, let me check', 'not sure about that',
            "I'll think about it", 'could go either way', 'maybe yes maybe no', 'no idea', "I'm undecided",
            'let me get back to you', 'hard to say', 'probably', 'I suppose', 'kind of', 'sort of',
        ],
    ),
    'purchase_help': IntentPhrases(
        free=[
            'order more cat litter for me', 'buy another bag of the dog food I usually get', 'add kibble to my cart',
            'put an order in for tuna pate', 'reorder my usual treats', 'I want to order the same food again',
            'place an order for two scratching posts', 'get me a new leash', 'buy a bag of bird seed',
        ],
    ),
}
# fmt: on
