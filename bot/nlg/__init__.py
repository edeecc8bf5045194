"""The NLG server: renders every response in the conversation's language."""
