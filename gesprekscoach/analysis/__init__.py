"""The analyser's parts that read grammar and weigh evidence: a compact Dutch
tagger, the grammar read from its tags, and the trained layer over both."""
