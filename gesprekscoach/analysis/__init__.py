"""The analysis layer: what a docent's turn does, by the codebook.

``analyser`` segments a turn and codes it with the rule pack (``patterns``,
``words``) and the trained layer (``tagger`` → ``grammar`` → ``features`` →
``classifier``); ``evaluation`` measures it on labelled corpora and
``training`` fits the model. Imports only the values below it."""
