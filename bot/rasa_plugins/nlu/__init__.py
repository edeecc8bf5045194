"""NLU pieces that run inside Rasa: the spaCy pipeline builder and custom components."""
