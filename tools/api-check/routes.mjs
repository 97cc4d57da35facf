// Usage: node routes.mjs <openapi.yaml> <routes.txt>
//
// Compares the operations of the API document with the routes the server registers
// (`stellwerk-server --print-routes`: one "METHOD /path/{param}" a line). Prints what only one
// side has and exits 1 when the two sets differ (or a route is listed twice); exits 2 when a
// file cannot be read.
import { readFileSync } from 'node:fs';

import { loadYaml, operations } from './lib.mjs';

const [file, routesFile] = process.argv.slice(2);
if (!file || !routesFile || process.argv.length > 4) {
  console.error('usage: routes.mjs <openapi.yaml> <routes.txt>');
  process.exit(2);
}

let doc;
let routeText;
try {
  doc = loadYaml(file);
  routeText = readFileSync(routesFile, 'utf8');
} catch (error) {
  console.error(`routes: ${error.message}`);
  process.exit(2);
}

const documented = new Set(operations(doc).map((o) => `${o.method} ${o.path}`));
const served = new Set();
const problems = [];
for (const [i, raw] of routeText.split('\n').entries()) {
  const line = raw.trim();
  if (line === '' || line.startsWith('#')) continue;
  const match = /^([A-Z]+)\s+(\/\S*)$/.exec(line);
  if (!match) {
    problems.push(`${routesFile}:${i + 1}: not "METHOD /path": ${line}`);
    continue;
  }
  const route = `${match[1]} ${match[2]}`;
  if (served.has(route)) problems.push(`${routesFile}:${i + 1}: ${route} is registered twice`);
  served.add(route);
}

const onlyDocumented = [...documented].filter((r) => !served.has(r)).sort();
const onlyServed = [...served].filter((r) => !documented.has(r)).sort();
if (onlyDocumented.length > 0) {
  problems.push(`in ${file} but not served by the server:\n` + onlyDocumented.map((r) => `  ${r}`).join('\n'));
}
if (onlyServed.length > 0) {
  problems.push(`served by the server but not in ${file}:\n` + onlyServed.map((r) => `  ${r}`).join('\n'));
}
if (served.size === 0) problems.push(`${routesFile} lists no routes`);

if (problems.length > 0) {
  for (const line of problems) console.error(line);
  process.exit(1);
}
console.log(`routes: the server's ${served.size} routes are exactly the document's operations`);
