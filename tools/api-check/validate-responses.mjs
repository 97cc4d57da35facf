// Usage: node validate-responses.mjs <openapi.yaml> <file.jsonl | folder>...
//
// Checks responses that the server's integration tests recorded against the API document.
// Each line of a .jsonl file (a folder stands for the .jsonl files in it) is one response:
//   {"method":"POST","path":"/api/v1/bookings/bk_1/check-in","status":200,
//    "content_type":"application/json","body":<JSON value, string or null>}
// For each: the concrete path is matched against the document's path templates ({param} is one
// segment; where several templates match, the one with literal segments first wins), then the
// operation, then the response for the status (else "default"); the content type must be one
// the response declares (parameters such as charset ignored), a response without body must
// declare no content, and the body must validate against the schema.
// A documented path called with an undocumented method must have been answered 405
// method_not_allowed, an undocumented path 404 not_found, both as problem+json.
// Prints every failure and "N responses checked, M failed"; lists the documented statuses that
// no record exercised (for information). Exits 1 when any record failed or none was found,
// 2 when a file cannot be read.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { HTTP_METHODS, checkResponse, deref, loadYaml, operations, schemaCompiler } from './lib.mjs';

const [file, ...inputs] = process.argv.slice(2);
if (!file || inputs.length === 0) {
  console.error('usage: validate-responses.mjs <openapi.yaml> <file.jsonl | folder>...');
  process.exit(2);
}

let doc;
try {
  doc = loadYaml(file);
} catch (error) {
  console.error(`validate-responses: ${error.message}`);
  process.exit(2);
}
const compile = schemaCompiler(doc);

// The path templates, most literal first: at the first segment where two differ, a literal
// segment beats a parameter.
const templates = Object.keys(doc.paths ?? {}).map((path) => {
  const segments = path.split('/').slice(1);
  const pattern = segments
    .map((s) => (/^\{[^}]+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return { path, segments, regex: new RegExp(`^/${pattern}$`) };
});
const isParam = (segment) => segment.startsWith('{');
templates.sort((a, b) => {
  for (let i = 0; i < Math.min(a.segments.length, b.segments.length); i++) {
    if (isParam(a.segments[i]) !== isParam(b.segments[i])) return isParam(a.segments[i]) ? 1 : -1;
  }
  return 0;
});

// Documented (operation, status) pairs, to report the ones never exercised.
const exercised = new Set();
const declared = [];
for (const { method, path, operation } of operations(doc)) {
  for (const status of Object.keys(operation.responses ?? {})) declared.push(`${method} ${path} ${status}`);
}

// What the router answers outside every operation: an unknown path, a known one with another
// method.
const problemResponse = (status, code) => ({
  content: {
    'application/problem+json': {
      schema: {
        allOf: [
          { $ref: '#/components/schemas/Problem' },
          { properties: { status: { const: status }, code: { const: code } } },
        ],
      },
    },
  },
});
const UNKNOWN_PATH = problemResponse(404, 'not_found');
const METHOD_NOT_ALLOWED = problemResponse(405, 'method_not_allowed');

function truncate(body) {
  const text = typeof body === 'string' ? JSON.stringify(body) : JSON.stringify(body) ?? String(body);
  return text.length > 400 ? text.slice(0, 400) + ` ... (${text.length} characters)` : text;
}

function checkRecord(record) {
  if (record === null || typeof record !== 'object' || typeof record.method !== 'string'
      || typeof record.path !== 'string' || !Number.isInteger(record.status)) {
    return { where: 'record', problems: ['not {"method", "path", "status", "content_type", "body"}'] };
  }
  const method = record.method.toUpperCase();
  const path = record.path.split(/[?#]/)[0];
  const where = `${method} ${record.path} -> ${record.status}`;
  const matching = templates.filter((t) => t.regex.test(path));
  if (matching.length === 0) {
    if (record.status !== 404) return { where, problems: ['the path matches no path of the document'] };
    return { where, problems: checkResponse(compile, record, UNKNOWN_PATH).map((p) => `unknown path: ${p}`) };
  }
  const documented = (t, m) => HTTP_METHODS.includes(m) && Object.hasOwn(doc.paths[t.path], m);
  const template = matching.find((t) => documented(t, method.toLowerCase()));
  if (!template) {
    const allowed = matching.flatMap((t) => HTTP_METHODS.filter((m) => documented(t, m)));
    if (record.status !== 405) {
      return { where, problems: [`${method} is not documented for ${matching[0].path} (only ${allowed.join(', ').toUpperCase()})`] };
    }
    return { where, problems: checkResponse(compile, record, METHOD_NOT_ALLOWED).map((p) => `method not allowed: ${p}`) };
  }
  const operation = doc.paths[template.path][method.toLowerCase()];
  const responses = operation.responses ?? {};
  const status = String(record.status);
  const key = [status, `${status[0]}XX`, `${status[0]}xx`, 'default'].find((k) => k in responses);
  const label = `${method} ${template.path}`;
  if (!key) {
    return { where, problems: [`${label} declares no ${status} and no default (declared: ${Object.keys(responses).join(', ')})`] };
  }
  exercised.add(`${label} ${key}`);
  let response;
  try {
    response = deref(doc, responses[key]);
  } catch (error) {
    return { where, problems: [error.message] };
  }
  const against = key === status ? `${label} ${key}` : `${label} ${key} (no ${status} is declared)`;
  return { where, problems: checkResponse(compile, record, response).map((p) => `${against}: ${p}`) };
}

// The .jsonl files named, or found in the folders named, in order.
const files = [];
for (const input of inputs) {
  let stat;
  try {
    stat = statSync(input);
  } catch {
    console.error(`validate-responses: ${input} does not exist (did the integration tests run?)`);
    continue;
  }
  if (stat.isDirectory()) {
    for (const name of readdirSync(input).filter((n) => n.endsWith('.jsonl')).sort()) files.push(join(input, name));
  } else {
    files.push(input);
  }
}

let checked = 0;
let failed = 0;
for (const jsonl of files) {
  let text;
  try {
    text = readFileSync(jsonl, 'utf8');
  } catch (error) {
    console.error(`validate-responses: cannot read ${jsonl}: ${error.message}`);
    process.exit(2);
  }
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    checked++;
    let result;
    try {
      result = checkRecord(JSON.parse(line));
    } catch (error) {
      result = { where: 'record', problems: [`not JSON: ${error.message}`] };
    }
    if (result.problems.length === 0) continue;
    failed++;
    let record;
    try {
      record = JSON.parse(line);
    } catch {
      record = { body: line };
    }
    console.error(`FAIL ${result.where}  (${jsonl}:${i + 1})`);
    for (const p of result.problems) console.error(`  ${p}`);
    console.error(`  content type: ${record?.content_type ?? '(none)'}`);
    console.error(`  body: ${truncate(record?.body ?? null)}`);
  }
}

// For information: the documented statuses no record exercised, one operation a line.
const missing = new Map();
let documentedCount = 0;
for (const entry of declared) {
  if (entry.endsWith(' default')) continue;
  documentedCount++;
  if (exercised.has(entry)) continue;
  const cut = entry.lastIndexOf(' ');
  const operation = entry.slice(0, cut);
  missing.set(operation, [...(missing.get(operation) ?? []), entry.slice(cut + 1)]);
}
if (missing.size > 0 && checked > 0) {
  const count = [...missing.values()].reduce((n, list) => n + list.length, 0);
  console.log(`not exercised by any record (${count} of ${documentedCount} documented responses):`);
  for (const [operation, statuses] of missing) console.log(`  ${operation}: ${statuses.join(' ')}`);
}
console.log(`${checked} responses checked, ${failed} failed`);
if (checked === 0) {
  console.error(`validate-responses: no records in ${inputs.join(' ')}`);
  process.exit(1);
}
process.exit(failed > 0 ? 1 : 0);
