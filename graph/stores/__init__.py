"""Triple stores: loading the graph into one (gsp), serving it (serve, guard)."""

#: The store products `kg1571 load --store` knows (endpoint layouts in kg1571.stores.gsp). Here, so that
#: building the CLI parser does not import the HTTP client.
STORES = ("oxigraph", "virtuoso", "fuseki", "graphdb", "generic")
