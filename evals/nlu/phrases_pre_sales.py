"""Our own phrases for pre-sales intents: product questions, comparisons, recommendations (team-written)."""

from __future__ import annotations

from evals.nlu.phrase_types import IntentPhrases

# fmt: off
PRE_SALES: dict[str, IntentPhrases] = {
    'product_question': IntentPhrases(
        verbs=[
            'know the ingredients of the salmon kibble', 'check if the duck treats are grain free',
            'find out the size of the large dog bed', 'know if the tofu litter is flushable',
            'check whether the chicken pate is in stock', 'know how much the 4 kg bag costs',
            'find out if the fountain is dishwasher safe', 'check the protein content of the kitten food',
            'know what the harness is made of', 'check if the scratching post is stable for big cats',
            'know the expiry date on the wet food', 'find out if the collar is adjustable',
        ],
        nouns=[
            'the ingredients of the senior formula', 'the price of the cat tree', 'the dimensions of the carrier',
            'stock of the lamb recipe', 'the calories in the dental chews', 'the material of the chew toy',
            'the sizes of the harness', 'the salmon kibble', 'the flavours of the wet food',
        ],
        free=[
            'is the puppy food suitable for small breeds', 'does the litter clump well', 'is this bed washable',
            'how big is the medium crate', 'when will the turkey pate be back in stock', 'does it contain chicken',
            'is the toy safe for puppies', 'how long does a 2 kg bag last for one cat', 'is this made in the usa',
            'does the fountain make noise', "what's the weight of the travel carrier", 'are these treats vegan',
            'does the senior food help with joints', 'is the kibble small enough for a kitten',
        ],
    ),
    'recommend': IntentPhrases(
        verbs=[
            'find a good food for my kitten', 'choose a litter for two cats', 'pick a toy for a bored dog',
            'find treats for a dog with allergies', 'choose a bed for a large dog', 'get something for a picky cat',
            'find a harness for a puppy', 'pick a gift for a cat lover', 'find food for an overweight cat',
        ],
        nouns=[
            'a recommendation for dog food', 'suggestions for cat toys', 'the best food for a senior dog',
            'a good litter for odour control', 'ideas for a puppy starter kit', 'your best-selling treats',
        ],
        free=[
            'what would you suggest for a hyper dog', 'which food is best for an indoor cat',
            'I have a new kitten, what do I need', 'what do you recommend for dry skin',
            'my dog chews everything, which toy lasts', 'which litter do you recommend for a small apartment',
            "what's good for a cat that keeps getting hairballs", 'suggest something under 20 dollars for my dog',
            "what's your most popular cat food", 'any recommendations for a nervous dog',
        ],
    ),
    'compare_products': IntentPhrases(
        verbs=[
            'compare the salmon and chicken kibble', 'compare the clay litter with the tofu one',
            'see the difference between the two harnesses', 'compare prices of the dog beds',
            'compare the kitten food and the adult formula', 'weigh the small crate against the medium one',
        ],
        nouns=[
            'a comparison of the two litters', 'the difference between the wet and dry food',
            'the pros and cons of each bed', 'salmon vs chicken', 'the two fountains side by side',
        ],
        free=[
            'which one is better', "what's the difference between them",
            'is the grain free one worth the extra money',
            'which has fewer calories, the dental chews or the biscuits', 'which of the two lasts longer',
            'how do these two foods differ', 'the first or the second, which is better for a senior cat',
            'tofu or clay litter, which clumps better',
        ],
    ),
}
# fmt: on
