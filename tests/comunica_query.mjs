// Runs SPARQL queries through Comunica against one SPARQL endpoint, for tests/test_clients.py.
// Reads {"endpoint": URL, "queries": [TEXT, ...]} on stdin; writes one JSON array per query, of
// rows mapping each bound variable to {"type", "value"}, one per line on stdout.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(new URL("./.npm/", import.meta.url));
const { QueryEngine } = require("@comunica/query-sparql");

const { endpoint, queries } = JSON.parse(readFileSync(0, "utf8"));
const engine = new QueryEngine();
for (const query of queries) {
  const bindings = await engine.queryBindings(query, { sources: [{ type: "sparql", value: endpoint }] });
  const rows = (await bindings.toArray()).map((row) => {
    const out = {};
    for (const [variable, term] of row) {
      out[variable.value] = { type: term.termType, value: term.value };
    }
    return out;
  });
  process.stdout.write(JSON.stringify(rows) + "\n");
}
