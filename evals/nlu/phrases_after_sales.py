"""Our own phrases for after-sales intents (written by the team, never from test data), for the example composer."""

from __future__ import annotations

from evals.nlu.phrase_types import IntentPhrases

# fmt: off
AFTER_SALES: dict[str, IntentPhrases] = {
    'order_status': IntentPhrases(
        verbs=[
            'track my order', 'check the status of my order', 'find out where my package is', 'track order {order}',
            'see where my parcel is', 'know when my order will arrive', 'check on order {order}',
            'get an update on my delivery', 'locate my order', 'follow my shipment', 'find my tracking number',
            'check if my order has shipped', 'see the status of purchase {order}', 'know where order {order} is',
            'check my order progress', 'find out when {order} gets delivered',
            'track the package I ordered last week',
        ],
        nouns=[
            'the status of my order', 'my order {order}', 'my tracking number', 'the delivery of order {order}',
            'my package', 'my shipment', 'the whereabouts of my order', "my parcel's location", 'order tracking',
        ],
        free=[
            'where is my order {order}', "my order still hasn't arrived", 'has order {order} been shipped yet',
            'when is my package coming', 'is my delivery running late', 'the tracking page says nothing',
            'I ordered dog food 5 days ago and nothing yet', 'order {order} status?', "where's my parcel",
            'how long until my order gets here', 'my package is late', 'is {order} on the way',
            'has my kitten food left your warehouse', 'did my order ship', 'when does my litter arrive',
            "what's happening with my order", 'my order says processing for days', 'track {order}',
        ],
    ),
    'cancel_order': IntentPhrases(
        verbs=[
            'cancel my order', 'cancel order {order}', 'cancel the purchase I made', 'cancel my last order',
            'call off my order', 'cancel an order I placed yesterday', 'cancel purchase {order}',
            'get my order cancelled', 'cancel the order before it ships', 'stop order {order} from shipping',
            'withdraw my order', 'cancel what I just bought', 'cancel the cat food order', 'annul my purchase',
        ],
        nouns=[
            'cancelling my order', 'the cancellation of order {order}', 'an order cancellation',
            'cancelling purchase {order}', 'cancelling a purchase',
        ],
        free=[
            'please cancel {order}', 'I changed my mind, cancel the order', "I don't need order {order} anymore",
            'cancel it please, I ordered the wrong thing', 'I want order {order} cancelled',
            'cancel my purchase asap', 'can you still stop my order', 'i wanna cancel my order',
            'kill the order I placed this morning',
        ],
    ),
    'modify_order': IntentPhrases(
        verbs=[
            'change my order', 'edit order {order}', 'modify the items in my order', 'update my order',
            'add an item to my order', 'remove a product from order {order}', 'change the quantity in my order',
            'swap a product in my order before it ships', 'change the size of something I ordered',
            'make changes to purchase {order}', 'adjust my order', 'correct my order', 'replace an item in my order',
            'change the flavour I picked in my order',
        ],
        nouns=[
            'changing my order', 'an order modification', 'editing order {order}', 'changes to my purchase',
            'updating the items of my order',
        ],
        free=[
            'I need to add one more bag to order {order}', 'can I still edit my order',
            'I ordered the wrong quantity', 'take the toy out of my order', 'I want 3 instead of 2 in my order',
            'put another can in my order', 'I made a mistake in my order, can I fix it',
            'modify purchase {order} please',
        ],
    ),
    'change_address': IntentPhrases(
        verbs=[
            'change my shipping address', 'update the delivery address', 'change the address on order {order}',
            'correct my delivery address', 'set up a new shipping address', 'add a shipping address',
            'edit my address', 'ship to a different address', 'use another address for order {order}',
            'change where my package is sent', 'update my default address', 'set a new delivery address',
            'enter a second shipping address', 'fix the address for my delivery',
        ],
        nouns=[
            'changing my address', 'a new shipping address', 'the delivery address of order {order}',
            'my shipping address', 'setting up a delivery address', 'an address change',
        ],
        free=[
            'I moved, my address is different now', 'the address on {order} is wrong', 'I gave the wrong address',
            'please send it to my new address', 'wrong street on my order', 'my shipping address is outdated',
            'I need my order delivered to {city} instead', 'I have a new address', 'my zip code is wrong',
        ],
    ),
    'return': IntentPhrases(
        verbs=[
            'return an item', 'send back a product', 'return something I bought', 'return order {order}',
            'start a return', 'get a return label', 'return the cat tree', 'send this food back',
            'return a damaged item', 'return part of my order', 'make a return', 'return the wrong item you sent',
            'get a refund for my order', 'get my money back', 'request a refund', 'get a refund for {order}',
            'claim a refund', 'ask for a reimbursement', 'be refunded for a broken item', 'obtain a refund',
        ],
        nouns=[
            'a return', 'returning an item', 'a refund', 'a refund for order {order}', 'getting my money back',
            'a reimbursement', 'returning order {order}', 'refunding my purchase',
        ],
        free=[
            'I want my money back', 'the bag arrived torn, I want to return it', 'refund me please',
            "I'd like a refund for {order}", 'can I get reimbursed', "this harness doesn't fit, I'm sending it back",
            'I want to be refunded', 'give me a refund', 'refund for the damaged bowl please',
            'I deserve a refund for this', 'money back please', 'i want to return this and get a refund',
        ],
    ),
    'refund_status': IntentPhrases(
        verbs=[
            'track my refund', 'check the status of my refund', 'find out if my refund was processed',
            "know when I'll get my money back", 'check on the refund for {order}', 'see my refund status',
            'find out where my refund is', 'check whether you refunded me',
        ],
        nouns=[
            'my refund status', 'the refund for order {order}', 'the status of my reimbursement', 'my pending refund',
            'the progress of my refund',
        ],
        free=[
            "I haven't received my refund yet", 'when will the refund hit my account', 'is my refund on its way',
            "you said you'd refund me, where is it", 'still waiting for my money back', 'refund not received',
            'has the refund for {order} gone through', 'how long does a refund take to arrive',
        ],
    ),
    'exchange': IntentPhrases(
        verbs=[
            'exchange an item', 'swap this for another size', 'exchange the collar for a bigger one',
            'exchange order {order}', 'trade the flavour I got for another', 'get a different size instead',
            'replace the item with another colour', 'exchange a product I bought',
        ],
        nouns=[
            'an exchange', 'exchanging an item', 'a size exchange', 'swapping a product',
        ],
        free=[
            'the bed is too small, can I swap it', "I'd rather have the salmon one instead",
            'can I exchange it rather than return it', 'wrong size, I want the medium instead',
        ],
    ),
    'payment_issue': IntentPhrases(
        verbs=[
            'report a payment problem', 'fix a payment error', 'solve an issue with my payment',
            'report a problem with my card payment', 'sort out a failed payment', 'report a double charge',
            'pay, but my card keeps getting declined', 'complete the payment for my order',
        ],
        nouns=[
            'a payment issue', 'a problem with my payment', 'a payment error', 'a declined card', 'a failed payment',
            'a double charge on my card', 'an error when paying',
        ],
        free=[
            "my payment didn't go through", 'my card got declined', 'I was charged twice for {order}',
            'payment failed at checkout', 'why was my card declined', "the payment won't process",
            'I got an error when I tried to pay', 'you charged my card but the order failed',
            'the app rejected my credit card', 'my transaction keeps failing', "there's an issue with my payment",
        ],
    ),
}
# fmt: on
