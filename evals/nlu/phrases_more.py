"""More of our own phrases (team-written from each intent's meaning, never from test data): money amounts in
refund requests, account tiers and sign-up trouble, complaint wording, delivery choices, items taken out of or
added to a numbered order."""

from __future__ import annotations

from evals.nlu.phrase_types import IntentPhrases

# Shoppers name sums, plans and places; without them in our in-scope examples, an amount or the word "account"
# was evidence only for the out-of-scope class (whose examples talk about banks and bills).
# fmt: off
MORE: dict[str, IntentPhrases] = {
    'return': IntentPhrases(
        verbs=[
            'get back the {amount} I paid', 'have the {amount} put back on my card', 'be reimbursed {amount}',
            'recover the money I spent on order {order}', 'get a refund of {amount}', 'have my purchase refunded',
            'ask for my {amount} back', 'get the money for the broken item returned to me',
        ],
        nouns=['my {amount} back', 'a refund of {amount}', 'the money I paid for order {order}'],
        free=[
            'you owe me {amount} for the bowl that never worked', 'I paid {amount} and want every cent back',
            'refund the {amount} to my visa please', "the toy fell apart, I'd like my {amount} returned",
            'I am asking for a full refund of {amount}', 'put the money back on my card, I am returning it',
            'can the {amount} go back to my paypal', 'I expect to be reimbursed for this',
            'how do I go about getting reimbursed', 'is a refund possible for the food my dog refused',
            'I would like to be compensated with a refund', 'return the money for order {order}',
            'the parcel was damaged so I want the {amount} refunded',
        ],
    ),
    'modify_order': IntentPhrases(
        verbs=[
            'take an item off order {order}', 'drop the treats from order {order}', 'remove one product from {order}',
            'add another bag to order {order}', 'lower the quantity on {order}',
            'increase the number of cans in {order}',
        ],
        free=[
            'take the chew sticks out of {order}', 'please leave the collar out of order {order}',
            'I no longer want the brush in {order}, the rest is fine', 'pop an extra tin into {order}',
            'can the catnip be removed from {order}', 'make it two bags instead of one on {order}',
            'just take the shampoo off {order}, keep everything else',
        ],
    ),
    'refund_status': IntentPhrases(
        free=[
            'the {amount} refund still is not on my statement', 'has the {amount} been sent back to my card yet',
            'when will I see the {amount} you refunded', 'you approved my refund, when does the money land',
            'my bank shows nothing from you yet, where is the refund', 'is the reimbursement for {order} done',
            'how many days until the refunded {amount} shows up',
            'I sent the harness back last week, where is my money', 'I returned order {order}, when am I refunded',
            'your warehouse got my return days ago, has the refund gone out',
            'the courier picked up my return, so where is the refund', 'I already returned it and still no money',
        ],
    ),
    'account': IntentPhrases(
        verbs=[
            'upgrade to the {tier} plan', 'move my profile to a {tier} membership', 'sign up as a new customer',
            'register on your shop', 'open a {tier2} account', 'remove my profile for good', 'close my {tier} account',
            'get back into my profile', 'recover my login', 'change the name on my profile',
            'switch from a {tier2} to a {tier} account', 'downgrade my membership', 'set a new password',
            'update the phone number on my profile',
        ],
        nouns=[
            'the {tier} membership', 'my customer profile', 'my login details', 'signing up', 'my {tier2} account',
            'a forgotten password', 'the registration form',
        ],
        free=[
            'the sign-up form keeps giving me an error', "I never got the email to confirm my registration",
            'it says my email is already registered', 'I forgot my password and the reset link expired',
            'I want out of your shop, erase my profile and data', 'please switch me to the {tier} tier',
            "what's the difference between a {tier2} and a {tier} account", 'I cannot finish registering',
            'my login stopped working', 'change my username please', 'I want to become a member',
            'delete the {tier} profile I made by mistake', 'how do I edit my personal details in my profile',
        ],
    ),
    'complaint': IntentPhrases(
        verbs=[
            'report how badly I was treated', 'tell someone how unhappy I am with your shop',
            'put in a formal grievance', 'object to the way my order was handled', 'register my dissatisfaction',
        ],
        nouns=['a formal grievance', 'my dissatisfaction with your shop', 'the awful way I was treated'],
        free=[
            'I am appalled by how my order was handled', 'nobody has apologised for the mix-up with my parcel',
            'your staff were rude and I want it on record', 'I feel cheated by your shop',
            'my emails to your support team go unanswered and I want that noted',
            'who do I complain to about the driver', 'I am really upset with how this was dealt with',
            'I want my complaint about order {order} escalated', 'shocking service, honestly',
        ],
    ),
    'delivery_info': IntentPhrases(
        verbs=[
            'see which ways you can ship to me', 'pick a faster shipping method', 'know what delivery speeds exist',
            'compare standard and express shipping', 'find out which carriers you use to {country}',
            'choose between home delivery and a pickup point', 'learn the shipping choices for {city}',
        ],
        nouns=[
            'the ways you can ship', 'the shipping choices', 'delivery speeds', 'pickup points',
            'overnight shipping', 'shipping to {city}',
        ],
        free=[
            'what are my choices for getting it shipped', 'is there a quicker way to get things delivered',
            'can I have it sent to a locker', 'what delivery services do you offer in {city}',
            'do you have economy and express options', 'which shipping speeds can I pick at checkout',
            'what ways of delivery are there for big items',
        ],
    ),
}
# fmt: on
