"""The Slack app: Bolt listeners (one module per kind), Block Kit, delivery."""
