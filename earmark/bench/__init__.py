"""`earmark bench ...`: measurements side by side, a table each (one module per bench: api,
browser, frontend, heap, history, hub, pipeline, store). Developer tools: they may use anything
below them, training/ and the hub included; nothing of the appliance imports them."""
