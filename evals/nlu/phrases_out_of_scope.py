"""Our own out-of-scope phrases: what a pet-supplies shop's assistant does not do (team-written, varied domains)."""

from __future__ import annotations

from evals.nlu.phrase_types import IntentPhrases

# fmt: off
OUT_OF_SCOPE = IntentPhrases(
    free=[
        "what's my checking account balance", 'transfer 200 dollars to my savings', 'how do I change my bank pin',
        "what's the interest rate on my savings account", 'when is my credit card bill due',
        'pay my electricity bill', 'what is my credit score', 'how can I raise my credit limit',
        'I lost my debit card', 'freeze my bank account', 'how many reward points do I have on my visa',
        "what's the apr on my card", 'my bank card is cracked, I need a new one',
        'how long does a replacement bank card take', 'show me my recent bank transactions',
        'report fraud on my bank account', "what's the routing number of my bank", 'apply for a loan',
        'how much should I put in my 401k', 'roll over my 401k', 'when is payday', 'how do I set up direct deposit',
        'do I owe taxes this year', "what's my w2", "what's the exchange rate from dollars to yen",
        'how much is 100 euros in pounds', 'invest in index funds', 'book a hotel in Rome', 'is my flight on time',
        'do I need a visa for Japan', 'the airline lost my luggage', 'what can I bring in my carry-on',
        'rent a car at the airport', 'plan a trip to Iceland', 'what vaccines do I need for Kenya',
        'what plug do they use in the UK', "tell my bank I'm travelling abroad", 'any travel alerts for Mexico',
        "what's the time difference with Sydney", 'find me cheap flights to Lisbon', 'how long do I cook a turkey',
        'what can I use instead of eggs in a cake', 'how many calories are in a banana', 'suggest a dinner recipe',
        'book a table at an italian restaurant', 'is the sushi place busy right now',
        'how long does cooked rice last in the fridge', "what's in a caesar salad", 'find a good restaurant nearby',
        'does that restaurant take reservations', 'is chocolate healthy for humans',
        "when should I change my car's oil", "what's the traffic like on my commute", 'call me a taxi',
        'how far is it to Chicago', 'give me directions to the airport', 'what tire pressure should my car have',
        'how do I jump start a car', 'where is the nearest gas station', 'what mpg does my car get',
        'schedule a service for my car', 'turn off the living room lights', 'set a timer for ten minutes',
        'wake me up at 6', 'remind me to call mom', 'add dentist to my calendar', "what's on my schedule tomorrow",
        'play my workout playlist', 'skip this song', 'what song is this', 'turn the volume up',
        'add milk to my shopping list', "what's on my to-do list", 'find my phone', 'share my location with Sam',
        "text my sister I'm late", 'call the office', "what's the weather this weekend", 'will it rain tomorrow',
        "what's the date today", 'what time is it', 'flip a coin', 'roll a dice', "what's 15 percent of 80",
        'how do you spell necessary', 'define serendipity', 'convert 5 miles to kilometers',
        'translate good morning into Spanish', 'sync my smartwatch', 'how many vacation days do I have left',
        'request time off next friday', 'when is the next public holiday', 'schedule a meeting with the team',
        "what's my health insurance plan", 'change my insurance beneficiary', 'talk faster', 'whisper from now on',
        'change your accent to british', 'speak to me in german', 'call me captain from now on',
        'can I give you a new name', 'reset all your settings', 'repeat what you said', "what's the meaning of life",
        'what are your hobbies', 'how old are you', 'where are you from', 'do you have any pets',
        'tell me a fun fact', 'tell me something funny', 'who do you work for', "what's your favorite color",
        'do you dream', 'sing me a song', 'are you married', 'who won the world cup', 'how tall is mount everest',
        "what's the population of Canada", 'who wrote hamlet', 'help me write a cover letter', 'fix my wifi',
        'how do I update windows', "what's a good laptop for gaming", 'do you sell phones', 'I need a plumber',
        'how do I get rid of a cold', "book a doctor's appointment", "what's the stock price of apple",
        'buy concert tickets', 'find an apartment to rent', 'recommend a book', 'how do I learn guitar',
        'cancel my gym membership', 'cancel my netflix subscription', 'stop, undo that', 'cancel that reminder',
        'my phone screen is cracked', "what's the best pizza in town", 'help me with my math homework',
        'how do I make a website', 'the school called about my kid', 'renew my passport', 'how do I vote',
        "what's trending on twitter", 'is the post office open today', 'find a babysitter', "who's playing tonight",
        'get me a cab to the station',
    ],
)
# fmt: on
