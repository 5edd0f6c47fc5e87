"""The graph page: a view of the graph, its layout, the HTML template; a headless browser to
draw it."""
