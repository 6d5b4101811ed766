"""The chat layer: a message from a user in, a reply out.

One module per capability; the same functions serve Slack and the console.
"""
