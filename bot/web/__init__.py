"""The public web chat page and the web process that relays it to Rasa's REST channel."""
