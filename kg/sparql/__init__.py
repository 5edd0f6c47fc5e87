"""SPARQL over the graph: named queries with bound parameters, the embedded store and remote
SPARQL 1.1 endpoints, result formats; loading a build into a remote store."""
