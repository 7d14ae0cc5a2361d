"""More of our own phrases, merged into the others by the composer: wider wording for the busiest intents."""

from __future__ import annotations

from evals.nlu.phrase_types import IntentPhrases

# fmt: off
EXTRA: dict[str, IntentPhrases] = {
    'order_status': IntentPhrases(
        verbs=[
            'see if my order is out for delivery', 'check the shipping status of {order}', "get my order's eta",
            'check when my delivery is due', 'find the current location of my parcel',
        ],
        free=[
            "it says delivered but I don't have it", 'no updates on my tracking since monday',
            'my order was supposed to arrive yesterday', 'has my order been dispatched',
            'shipping status of my order?',
        ],
    ),
    'cancel_order': IntentPhrases(
        verbs=[
            'cancel an order I made by mistake', 'cancel one of my orders', 'cancel the order I placed for {n} bags',
            'get rid of an order I placed', 'revoke my order',
        ],
        nouns=[
            'order cancellation', 'cancelling the order I placed today', 'a cancellation request',
        ],
        free=[
            'I placed an order by accident, cancel it', "don't ship my order, I want to cancel",
            'cancel everything I ordered', 'cancellation of order {order} please',
        ],
    ),
    'modify_order': IntentPhrases(
        verbs=[
            'change an item in my order', 'change the colour of an item in order {order}',
            'update the quantity of my order', 'change a product I ordered', 'amend my order',
        ],
        free=[
            'can I change what I ordered', 'I want to change something in my order', 'order edit please',
        ],
    ),
    'change_address': IntentPhrases(
        verbs=[
            'modify my shipping address', 'switch the delivery address', 'add a new address to my account',
            'change the address where my order is going', 'save a different shipping address',
        ],
        free=[
            'my delivery address needs updating', "I'll be at a different address next week, can you change it",
            'please update the address on {order}',
        ],
    ),
    'return': IntentPhrases(
        verbs=[
            "return a product I don't want", 'send an order back', 'get reimbursed for order {order}',
            'request my money back', 'return a faulty item', 'process a return', 'return my purchase',
        ],
        nouns=[
            'a refund request', 'the return of my order', 'a refund for a damaged product', 'a money back request',
        ],
        free=[
            'the product is broken, I want a refund', 'I want to return this item', 'I need a refund',
            'how do I get reimbursed', 'I want to send it back', 'refund my order please',
        ],
    ),
    'refund_status': IntentPhrases(
        verbs=[
            'check if my refund has been issued', 'see if you processed my refund', 'follow up on my refund',
            'find out when my refund will be credited',
        ],
        free=[
            "my refund still isn't in my account", "what's the status of my reimbursement",
            'you approved my refund a week ago but nothing', 'refund status?',
        ],
    ),
    'payment_issue': IntentPhrases(
        verbs=[
            'report an unauthorised charge', 'fix my payment', 'resolve a billing problem',
            "get help with a card that won't go through",
        ],
        nouns=[
            'a billing problem', 'an issue paying for my order', 'an overcharge', 'a payment that failed',
        ],
        free=[
            "I can't pay for my order", 'my payment was rejected', 'I paid but the order shows unpaid',
            'the payment page keeps giving an error',
        ],
    ),
    'account': IntentPhrases(
        verbs=[
            'set up an account', 'open an account with you', 'remove my account', 'terminate my account',
            'modify my personal information', 'update my account information', 'restore access to my account',
            'retrieve my password', 'change my account type', 'register a new user',
        ],
        nouns=[
            'account creation', 'account deletion', 'a problem with my account', 'a password reset',
            'my account details', 'changing account type',
        ],
        free=[
            "I can't access my account", "I'd like to open an account", 'please delete my account and data',
            "my password doesn't work", 'how do I change my details', 'I need a new password',
        ],
    ),
    'delivery_info': IntentPhrases(
        verbs=[
            'check delivery options', 'see what shipping methods there are', 'find out the delivery period',
            'know how long it takes to receive an order', 'know the shipping time to {city}',
        ],
        nouns=[
            'the delivery options', 'shipping times', 'delivery costs', 'shipping to {country}',
            'the estimated delivery time',
        ],
        free=[
            'how soon can I get it', 'what are the shipping options', 'how long will delivery take',
            'do you offer express delivery', 'when will it arrive if I order today',
        ],
    ),
    'shop_policy': IntentPhrases(
        verbs=[
            'read your terms and conditions', 'understand your refund rules', 'check the cancellation policy',
            'know what payment types you support', "find out if there's a charge for cancelling",
        ],
        nouns=[
            'the cancellation policy', 'your payment methods', 'the money back policy', 'the refund rules',
            'fees for cancelling an order',
        ],
        free=[
            'what are the payment options', 'how does your refund policy work', 'what does it cost to cancel',
            'can I get a refund on opened food', 'do you have a cancellation fee?',
        ],
    ),
    'complaint': IntentPhrases(
        verbs=[
            'complain about a product', 'report a problem with your staff', 'make a formal complaint',
            'send a complaint to your manager',
        ],
        nouns=[
            'a formal complaint', 'bad customer service', 'a claim against your company',
        ],
        free=[
            "I'm angry about how my order was handled", 'your service is awful', "I've been treated badly",
            "this is the third time my order is wrong, I'm furious",
        ],
    ),
    'human_agent': IntentPhrases(
        verbs=[
            'get transferred to a human', 'speak with customer service', 'chat with a real agent',
            'contact an operator', 'talk to somebody in person',
        ],
        nouns=[
            'a customer service agent', 'human assistance', 'live chat with a person', 'your phone support',
        ],
        free=[
            "I'd rather talk to a person", 'can a human help me', 'connect me to an agent',
            'how can I reach customer support', 'representative please',
        ],
    ),
    'purchase_help': IntentPhrases(
        verbs=[
            'buy a few things from your store', 'order some dog food', 'get some items from you',
            'make an order for cat litter', 'purchase the harness',
        ],
        nouns=[
            'buying some products', 'making an order', 'an order for dog treats',
        ],
        free=[
            'I want to order some products', 'help me order', "I'd like to buy something",
            'order me two bags of kibble',
        ],
    ),
    'invoice': IntentPhrases(
        verbs=[
            'get the invoice for my last order', 'request an invoice', 'see my past invoices',
            'find invoice {invoice}',
        ],
        free=[
            'I need a copy of my invoice', 'can you email me the invoice', "where's the receipt for my order",
        ],
    ),
}
# fmt: on
