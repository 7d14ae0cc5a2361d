"""Our own phrases for account, policy, contact, pre-sales and conversational intents (team-written)."""

from __future__ import annotations

from evals.nlu.phrase_types import IntentPhrases

# fmt: off
OTHER: dict[str, IntentPhrases] = {
    'account': IntentPhrases(
        verbs=[
            'create an account', 'open a new account', 'sign up', 'register on your site', 'make a {tier} account',
            'delete my account', 'close my account', 'remove my profile', 'cancel my {tier} account',
            'edit my account details', 'update my profile', 'change the email on my account',
            'change my account password', 'reset my password', 'recover my password', 'get into my account',
            'log in to my account', 'switch to a {tier} account', 'upgrade my account to {tier}',
            'change from a {tier} to a {tier2} account', 'move to another account', 'use a different account',
            'unsubscribe from the newsletter', 'sign up for your newsletter', 'stop the marketing emails',
            'fix a problem with my registration', 'finish signing up', 'change my username',
            'update the phone number on my profile', 'merge my two accounts', 'deactivate my {tier} account',
        ],
        nouns=[
            'my account', 'my password', 'registration', 'signing up', 'my login', 'the newsletter',
            'my {tier} account', 'my profile', 'a new account', 'deleting an account', 'account settings',
            'a locked account', 'the sign up form', 'subscriptions to your emails',
        ],
        free=[
            'I forgot my password', "I can't sign in", 'the registration form gives me an error',
            'I never got the verification email', 'my account got locked', 'someone else is using my account',
            'I want a {tier} account', "I don't want an account anymore", "the password reset link doesn't work",
            'it says my email is already registered', 'how do I switch accounts', "I can't remember my login",
            'I signed up twice by mistake', 'stop sending me newsletters', "my {tier} account isn't working",
        ],
    ),
    'invoice': IntentPhrases(
        verbs=[
            'get my invoice', 'download an invoice', 'see the invoice for order {order}', 'get a receipt',
            'check my invoices', 'find my bill', 'get a copy of my invoice', 'view invoice {invoice}',
            'locate the invoices from last month', 'have the invoice sent to me', 'print a receipt for {order}',
            'check the bill for my last purchase', 'get an invoice with my company name',
        ],
        nouns=[
            'my invoice', 'invoice {invoice}', 'a receipt', 'the bill for {order}', 'my invoices', 'a VAT invoice',
            'the invoice for my purchase', 'my billing documents',
        ],
        free=[
            'I need the invoice for {order}', 'where are my invoices', 'send me the receipt please',
            "I didn't get an invoice", 'can I get an invoice for my business', 'the invoice has the wrong name',
            'where can I see my bills', 'invoice please',
        ],
    ),
    'delivery_info': IntentPhrases(
        verbs=[
            'know the shipping options', 'check the delivery methods', 'find out how long shipping takes',
            'know your delivery times', 'get express delivery', 'choose a delivery option',
            'know if you ship to {country}', 'check the shipping cost', 'see the delivery options for {city}',
            'know when an order would arrive if I buy today', 'get next-day delivery', 'pick up my order in store',
            'know how fast you deliver',
        ],
        nouns=[
            'shipping options', 'delivery times', 'the shipping costs', 'express shipping', 'delivery to {country}',
            'international shipping', 'the delivery period', 'standard delivery', 'same day delivery',
            'shipping methods', 'how long delivery takes',
        ],
        free=[
            'how long does shipping take', 'do you deliver on weekends', 'what delivery options do you have',
            'do you ship to {country}', 'how much is express shipping', 'is shipping free over a certain amount',
            'how many days until it arrives if I order now', 'which couriers do you use',
            'can I get it delivered tomorrow', 'when would I receive it if I order today',
        ],
    ),
    'shop_policy': IntentPhrases(
        verbs=[
            'check your refund policy', 'read the return policy', 'know the cancellation fee',
            "check if there's a fee to cancel", 'see which payment methods you accept', 'check the payment options',
            'know the warranty terms', 'know how many days I have to return something', 'pay with {pay}',
            'check whether I can pay by {pay}', 'check the conditions for a refund',
            'know if cancelling costs anything',
        ],
        nouns=[
            'your refund policy', 'the return policy', 'the cancellation fee', 'cancellation charges',
            'payment methods', 'payment options', 'the warranty', 'your privacy policy', 'the refund conditions',
            'paying with {pay}', 'the early cancellation penalty', 'your money back guarantee',
        ],
        free=[
            'what is your refund policy', 'do you charge for cancelling', 'is there a cancellation fee',
            'can I pay with {pay}', 'which payment methods do you accept', 'do you take {pay}',
            'how long do I have to return something', 'are refunds given in cash or credit',
            "what's the penalty if I cancel", 'in which cases do I get my money back', 'do you accept {pay}?',
            'what forms of payment are allowed',
        ],
    ),
    'complaint': IntentPhrases(
        verbs=[
            'make a complaint', 'file a complaint', 'complain about your service', 'lodge a complaint',
            'report bad service', 'complain about the delivery driver', 'raise a complaint about order {order}',
            'express my dissatisfaction', 'submit a claim about your service',
        ],
        nouns=[
            'a complaint', 'your terrible service', 'a complaint about order {order}', 'my bad experience',
            'how rude your staff was',
        ],
        free=[
            'this is unacceptable', "I'm really unhappy with your service", 'worst customer service ever',
            "I'm very disappointed with my order", 'your courier threw my parcel over the fence',
            "nobody answers my emails, I'm fed up", 'I am not satisfied at all', 'I want to complain',
        ],
    ),
    'feedback': IntentPhrases(
        verbs=[
            'leave a review', 'give feedback', 'write a review for the cat food', 'rate my purchase',
            'leave a comment about your service', 'share my opinion about a product', 'send a suggestion',
            'post a review', 'give you some feedback on the website', 'review order {order}',
        ],
        nouns=[
            'feedback', 'a review', 'product reviews', 'a suggestion for the shop', 'my opinion on your service',
        ],
        free=[
            "I'd love to leave a review", 'where do I write a review',
            'I want to tell you what I think of your service', 'great service, I want to leave feedback',
            'how can I rate the product',
        ],
    ),
    'human_agent': IntentPhrases(
        verbs=[
            'talk to a person', 'speak to a human', 'talk to an agent', 'contact customer service',
            'speak with someone from support', 'get a real person', 'call customer support',
            'reach your customer service', 'email customer support', 'talk with a live agent',
            'chat with a representative', 'get in touch with the support team', 'speak to a manager',
            'find your customer service phone number',
        ],
        nouns=[
            'a human', 'a live agent', 'customer service', 'customer support hours', 'a real person',
            'your contact details', 'the support phone number', 'someone from your team',
        ],
        free=[
            'let me talk to a human', 'I want a real person', 'agent please', 'get me a representative',
            'what are your customer service hours', 'how do I contact you', 'is there a phone number I can call',
            'operator', "this bot isn't helping, transfer me", 'I need to speak to someone',
        ],
    ),
    'purchase_help': IntentPhrases(
        verbs=[
            'place an order', 'buy some cat food', 'make a purchase', 'order a few items', 'buy the dog bed',
            'order {n} bags of litter', 'purchase something from your shop', 'complete my purchase',
            'order the salmon kibble', 'buy a gift card', 'order more of what I bought last time',
        ],
        nouns=[
            'placing an order', 'buying something', 'a new purchase', 'ordering online', 'a purchase',
        ],
        free=[
            'I want to buy this', 'how do I order', 'can I order by phone', "I'd like to purchase two bags",
            'add this to my order please, I want to buy it', 'I want to make an order', 'buy it for me',
        ],
    ),
    'bot_identity': IntentPhrases(
        free=[
            'what is your name', 'who made you', 'who built you', 'what should I call you', 'do you have a name',
            'who created this bot', 'what can I ask you', 'what are you able to do', 'what do you know about',
            'are you real', 'am I chatting with a machine', 'who programmed you', 'tell me your name',
            'what company made you', 'what kinds of things can you help with',
        ],
    ),
    'greeting': IntentPhrases(
        free=[
            'how are you', 'how are you doing today', "how's it going", "what's up", 'how have you been',
            'hey, how are things', 'good day', 'hello there, how are you', 'nice to meet you', 'hey bot',
        ],
    ),
    'thanks': IntentPhrases(
        free=[
            'thank you very much', 'thanks for your help', 'many thanks', 'I appreciate it', 'thank you kindly',
            'thanks so much for helping', 'thanks a bunch', "you've been very helpful, thanks",
        ],
    ),
    'goodbye': IntentPhrases(
        free=[
            'goodbye for now', 'bye bye', 'see you later', 'catch you later', 'I have to go now', 'farewell',
            'see you soon', 'talk later', 'that is all for today', 'nothing else, bye', 'have a good one',
        ],
    ),
    'confirm': IntentPhrases(
        free=[
            "yes that's correct", 'yeah go for it', 'that is right', 'affirmative', 'yes, exactly', 'sure thing',
            "that's what I want", 'yes I do', 'ok', 'okay', 'alright', 'definitely', 'right',
            'correct, please continue', 'yes, that one', 'indeed', 'of course', 'certainly',
        ],
    ),
    'deny': IntentPhrases(
        free=[
            'no thanks', 'nope', "no, that's wrong", 'not at all', "no I don't", "that's not right", 'negative',
            'no, stop', "don't do that", 'no, I changed my mind', 'not really', 'absolutely not', 'nah',
        ],
    ),
    'unsure': IntentPhrases(
        free=[
            'maybe', "I'm not sure", 'possibly', 'perhaps', "I don't know", 'not sure yet', 'let me think about it',
            'could be', 'I guess so, maybe', 'hmm, maybe later', "I can't decide", 'it depends',
        ],
    ),
}
# fmt: on
