// Usage: node property-test.mjs <openapi.yaml> <stellwerk-server> [--seed N] [--runs N]
//
// A property-based test of the whole API document against a running server. It starts
// stellwerk-server --demo on a free loopback port with a fresh data folder, signs in the demo
// users it needs, and then, for every operation of the document, sends requests generated from
// the operation's parameters and request body schemas (arbitraries.mjs, with fast-check):
//   valid     every parameter and the body as the document allows them;
//   invalid   the same with exactly one thing broken: a parameter refused by its schema or a
//             required one left out, an empty or overlong Idempotency-Key, a body that breaks
//             its schema, or a body that is not JSON (or not an object).
// Properties: no answer is a server error (5xx); every answer (status, content type, body)
// is one the document declares for that operation (checked with Ajv, as validate-responses.mjs
// does); no valid request is refused as if it broke a schema (invalid_json, invalid_body,
// invalid_field, missing_field, unknown_field); every invalid request is refused with a 4xx
// within one second. Besides, for every
// operation, two requests fetch cannot send: without Content-Length (no body) and with a method
// HTTP does not define (501 not_implemented), both answered within one second.
// The seed is fixed (--seed, default 20261204) so a failure can be replayed; fast-check prints
// the counterexample it shrank to. Prints the seed, the counts and the slowest answers; exits 1
// when any property failed, 2 when the server cannot be started.
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import fc from 'fast-check';

import { invalid, invalidParameter, parameterText, parameterValue, valid, flatten } from './arbitraries.mjs';
import { bareMediaType, checkResponse, deref, isJsonMediaType, loadYaml, operations, parametersOf, schemaCompiler } from './lib.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(args.splice(at, 2)[1]);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`property-test: ${name} takes a whole number`);
    process.exit(2);
  }
  return value;
};
const seed = option('--seed', 20261204);
const runs = option('--runs', 30);
const [file, serverBinary] = args;
if (!file || !serverBinary || args.length !== 2) {
  console.error('usage: property-test.mjs <openapi.yaml> <stellwerk-server> [--seed N] [--runs N]');
  process.exit(2);
}

const MALFORMED_DEADLINE_MS = 1000;
// How long one request may take before the test gives up on it (a hung server must fail the
// test, not stall it).
const REQUEST_TIMEOUT_MS = 10_000;

const doc = loadYaml(file);
const compile = schemaCompiler(doc);

// --- The server ---------------------------------------------------------------------------------

const dataDir = mkdtempSync(join(tmpdir(), 'stellwerk-property-'));
const server = spawn(serverBinary, ['--data', dataDir, '--demo', '--listen', '127.0.0.1:0'], {
  stdio: ['ignore', 'pipe', 'pipe'],
});
const serverLog = [];
const keepLog = (chunk) => {
  serverLog.push(...String(chunk).split('\n').filter(Boolean));
  serverLog.splice(0, Math.max(0, serverLog.length - 40));
};
server.stderr.on('data', keepLog);
let stopping = false;
const cleanUp = () => {
  stopping = true;
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
};

function giveUp(message) {
  console.error(`property-test: ${message}`);
  for (const line of serverLog) console.error(`  server: ${line}`);
  cleanUp();
  process.exit(2);
}

const base = await new Promise((resolve) => {
  const timer = setTimeout(() => giveUp('the server did not say where it listens within 60 s'), 60_000);
  let text = '';
  server.stdout.on('data', (chunk) => {
    keepLog(chunk);
    text += chunk;
    const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
    if (match) {
      clearTimeout(timer);
      resolve(match[1]);
    }
  });
  server.on('exit', (code) => {
    if (!stopping) giveUp(`the server exited (${code}) before it listened`);
  });
});

async function send(method, path, { token, headers = {}, body } = {}) {
  const all = { 'Accept-Language': 'en', ...headers };
  if (token) all.Authorization = `Bearer ${token}`;
  if (body !== undefined) all['Content-Type'] = 'application/json';
  const started = performance.now();
  const response = await fetch(base + path, { method, headers: all, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const text = await response.text();
  const ms = performance.now() - started;
  const contentType = response.headers.get('content-type') ?? '';
  let parsed = text === '' ? null : text;
  if (text !== '' && isJsonMediaType(bareMediaType(contentType))) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: response.status, content_type: contentType, body: parsed, ms };
}

for (const deadline = Date.now() + 60_000; ;) {
  const health = await send('GET', '/healthz').catch(() => null);
  if (health?.status === 200) break;
  if (Date.now() > deadline) giveUp('/healthz did not answer 200 within 60 s');
  await new Promise((r) => setTimeout(r, 100));
}

async function signIn(username) {
  const response = await send('POST', '/api/v1/session', { body: JSON.stringify({ username, password: 'demo' }) });
  if (response.status !== 201) giveUp(`cannot sign in as ${username}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.token;
}
const tokens = { demo: await signIn('demo'), facility: await signIn('facility'), manager: await signIn('manager') };
const KIOSK_DEVICE_TOKEN = 'demo-kiosk-token';

// Ids the server hands out, offered to the generators beside random strings: every "id" and
// "*_id" member of the answers seen so far.
const ids = [];
function harvest(value) {
  if (Array.isArray(value)) value.forEach(harvest);
  else if (value && typeof value === 'object') {
    for (const [key, member] of Object.entries(value)) {
      if ((key === 'id' || key.endsWith('_id')) && typeof member === 'string' && !ids.includes(member)) ids.push(member);
      else harvest(member);
    }
  }
}
const today = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
for (const path of ['/api/v1/buildings', '/api/v1/courses', '/api/v1/me/favourites']) {
  harvest((await send('GET', path, { token: tokens.demo })).body);
}
const context = { today, ids };

// --- Requests from the document -----------------------------------------------------------------

// Whose token an operation is called with: the demo users hold the roles the operations need.
async function tokenFor(method, path, operation) {
  if (Array.isArray(operation.security) && operation.security.length === 0) return undefined;
  if (path === '/api/v1/session/kiosk' || path.startsWith('/api/v1/kiosk/')) return KIOSK_DEVICE_TOKEN;
  if (path === '/api/v1/session' && method === 'DELETE') return signIn('employee0001');  // signs out
  // Facility admins' calls. The document lists the kiosk registry after the kiosk's own calls,
  // so a revocation of the demo kiosk here comes after those have been tried.
  if (path.includes('/closures') || path.startsWith('/api/v1/kiosks')) return tokens.facility;
  if (path.startsWith('/api/v1/approvals')) return tokens.manager;
  return tokens.demo;
}

// What one operation takes, with validators for its parameters and body.
function describe({ method, path, pathItem, operation }) {
  const parameters = parametersOf(doc, pathItem, operation).filter(
    (p) => p.in === 'path' || p.in === 'query' || (p.in === 'header' && p.name === 'Idempotency-Key'),
  );
  for (const p of parameters) p.check = compile(p.schema);
  const requestBody = operation.requestBody ? deref(doc, operation.requestBody) : undefined;
  const bodySchema = requestBody?.content?.['application/json']?.schema;
  // An image body (a floor's drawing) is not generated: the operation is still sent, without one,
  // and must refuse that as the document says.
  const imageBody = Object.keys(requestBody?.content ?? {}).every((type) => type.startsWith('image/'));
  if (requestBody && !bodySchema && !imageBody) throw new Error(`${method} ${path}: a request body other than application/json`);
  return {
    method,
    path,
    operation,
    parameters,
    bodySchema,
    bodyRequired: requestBody?.required === true,
    checkBody: bodySchema ? compile(bodySchema) : undefined,
  };
}

// A header carries visible ASCII; spaces around it are not part of the value (RFC 9110).
const HEADER_VALUE = /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/;
const parameterArbitrary = (p) =>
  valid(doc, p.schema, context).map(parameterText).filter((text) => p.in !== 'header' || HEADER_VALUE.test(text));
const parameterFits = (p, text) => p.check(parameterValue(doc, p.schema, text));

// A valid request: { params: {name: text}, body: value or undefined }.
function validRequest(op) {
  const model = {};
  const required = [];
  for (const p of op.parameters) {
    model[p.name] = parameterArbitrary(p).filter((text) => parameterFits(p, text) && (p.in !== 'path' || text !== ''));
    if (p.required) required.push(p.name);
  }
  let body = fc.constant(undefined);
  if (op.bodySchema) {
    const value = valid(doc, op.bodySchema, context).filter((v) => op.checkBody(v)).map((v) => JSON.stringify(v));
    body = op.bodyRequired ? value : fc.option(value, { nil: undefined });
  }
  return fc.record({ params: fc.record(model, { requiredKeys: required }), body });
}

// The same with one thing broken; `broken` says what, for the report.
function invalidRequest(op) {
  const mutations = [];
  for (const p of op.parameters) {
    const s = flatten(doc, p.schema);
    // A path segment can only be broken where its schema says more than "a non-empty string"
    // (an empty segment is another path, not a bad parameter).
    if (p.in === 'path' && s.format === undefined && s.enum === undefined && s.maxLength === undefined) continue;
    // Nor can a header be sent empty: an empty field value arrives as no header at all.
    const bad = invalidParameter(doc, p.schema, context).filter(
      (text) => !parameterFits(p, text) && (p.in === 'query' || text !== ''),
    );
    mutations.push(bad.map((text) => (request) => ({ ...request, params: { ...request.params, [p.name]: text }, broken: `${p.in} ${p.name}` })));
    if (p.required && p.in !== 'path') {
      mutations.push(fc.constant((request) => {
        const params = { ...request.params };
        delete params[p.name];
        return { ...request, params, broken: `${p.in} ${p.name} left out` };
      }));
    }
  }
  if (op.bodySchema) {
    const bad = invalid(doc, op.bodySchema, context).filter((v) => !op.checkBody(v));
    mutations.push(bad.map((v) => (request) => ({ ...request, body: JSON.stringify(v), broken: 'body' })));
    const malformed = ['{', '{"a":', 'not json', '{"a": 1}}', '[]', 'null', '"text"', '42', '{"a": NaN}', '\u00ff'];
    if (op.bodyRequired) malformed.push('');
    mutations.push(fc.constantFrom(...malformed).map((text) => (request) => ({ ...request, body: text, broken: `body ${JSON.stringify(text)}` })));
  }
  if (mutations.length === 0) return undefined;
  return fc.tuple(validRequest(op), fc.oneof(...mutations)).map(([request, mutate]) => mutate(request));
}

function url(op, params) {
  let path = op.path;
  const query = new URLSearchParams();
  for (const p of op.parameters) {
    if (!(p.name in params)) continue;
    if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(params[p.name]));
    if (p.in === 'query') query.append(p.name, params[p.name]);
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

// What the document says about this answer: [] when it fits.
function problemsWith(op, answer) {
  const responses = op.operation.responses ?? {};
  const status = String(answer.status);
  const key = [status, `${status[0]}XX`, `${status[0]}xx`, 'default'].find((k) => k in responses);
  if (!key) return [`${answer.status} is not declared (declared: ${Object.keys(responses).join(', ')})`];
  return checkResponse(compile, answer, deref(doc, responses[key])).map((p) => `${key}: ${p}`);
}

const stats = { requests: 0, valid: 0, invalid: 0, raw: 0, slowest: { ms: 0, what: '' }, slowestMalformed: { ms: 0, what: '' } };

async function exchange(op, request) {
  const target = url(op, request.params);
  const headers = {};
  if ('Idempotency-Key' in request.params) headers['Idempotency-Key'] = request.params['Idempotency-Key'];
  const token = await tokenFor(op.method, op.path, op.operation);
  const answer = await send(op.method, target, { token, headers, body: request.body });
  stats.requests++;
  const what = `${op.method} ${target}${request.broken ? ` (${request.broken})` : ''} -> ${answer.status}`;
  if (answer.ms > stats.slowest.ms) stats.slowest = { ms: answer.ms, what };
  if (answer.body && typeof answer.body === 'object') harvest(answer.body);
  return { answer, what };
}

function fail(what, answer, reasons) {
  const body = JSON.stringify(answer.body) ?? '';
  throw new Error(`${what}\n    ${reasons.join('\n    ')}\n    ${answer.content_type} ${body.slice(0, 300)}`);
}

const SCHEMA_REFUSALS = ['invalid_json', 'invalid_body', 'invalid_field', 'missing_field', 'unknown_field'];

async function checkValid(op, request) {
  const { answer, what } = await exchange(op, request);
  stats.valid++;
  const reasons = [];
  if (answer.status >= 500) reasons.push('a server error');
  // Declared or not, these say the request broke the document's schemas, which it did not.
  if (SCHEMA_REFUSALS.includes(answer.body?.code)) reasons.push(`a valid request refused as ${answer.body.code}`);
  reasons.push(...problemsWith(op, answer));
  if (reasons.length > 0) fail(what, answer, reasons);
}

async function checkInvalid(op, request) {
  const { answer, what } = await exchange(op, request);
  stats.invalid++;
  if (answer.ms > stats.slowestMalformed.ms) stats.slowestMalformed = { ms: answer.ms, what };
  const reasons = [];
  if (answer.status < 400 || answer.status >= 500) reasons.push('not refused with a 4xx');
  if (answer.ms > MALFORMED_DEADLINE_MS) reasons.push(`answered after ${Math.round(answer.ms)} ms (more than ${MALFORMED_DEADLINE_MS})`);
  reasons.push(...problemsWith(op, answer));
  if (reasons.length > 0) fail(what, answer, reasons);
}

// --- Raw HTTP: what fetch never sends -----------------------------------------------------------

// Sends `text` as it is on a new connection and reads one response; status 0 when none came
// within RAW_TIMEOUT_MS (three times the promised second: a server that waits for a body that
// never comes fails fast).
const RAW_TIMEOUT_MS = 3 * MALFORMED_DEADLINE_MS;
function raw(text) {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect(new URL(base).port, '127.0.0.1');
    let received = Buffer.alloc(0);
    const done = (answer) => {
      socket.destroy();
      resolve({ ...answer, ms: performance.now() - started });
    };
    socket.setTimeout(RAW_TIMEOUT_MS, () => done({ status: 0, content_type: '', body: null }));
    socket.on('error', () => done({ status: 0, content_type: '', body: null }));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = received.subarray(0, end).toString('latin1');
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
      if (received.length < end + 4 + length) return;
      const text = received.subarray(end + 4, end + 4 + length).toString('utf8');
      const contentType = /\r\ncontent-type: *([^\r]*)/i.exec(head)?.[1] ?? '';
      let body = text === '' ? null : text;
      try {
        if (text !== '' && isJsonMediaType(bareMediaType(contentType))) body = JSON.parse(text);
      } catch {
        // left as text: the check against the document reports it
      }
      done({ status: Number(head.slice(9, 12)), content_type: contentType, body });
    });
    socket.write(text);
  });
}

// Per operation: the request without Content-Length (no body, RFC 9112) must be answered at
// once and as documented; the same path with a method HTTP does not define is 501.
async function checkRawHttp(op) {
  const [request] = fc.sample(validRequest(op), { seed, numRuns: 1 });
  const target = url(op, request.params);
  const token = await tokenFor(op.method, op.path, op.operation);
  const headers = `Host: 127.0.0.1\r\nAccept-Language: en\r\n${token ? `Authorization: Bearer ${token}\r\n` : ''}`;
  const problems = [];
  const checks = [[`${op.method} ${target} without Content-Length`, `${op.method} ${target} HTTP/1.1\r\n${headers}\r\n`],
    [`FOO ${target}`, `FOO ${target} HTTP/1.1\r\n${headers}\r\n`]];
  for (const [what, text] of checks) {
    const answer = await raw(text);
    stats.requests++;
    stats.raw++;
    if (answer.ms > stats.slowestMalformed.ms) stats.slowestMalformed = { ms: answer.ms, what };
    const reasons = [];
    if (answer.status === 0) reasons.push('no answer');
    else if (answer.ms > MALFORMED_DEADLINE_MS) reasons.push(`answered after ${Math.round(answer.ms)} ms`);
    if (what.startsWith('FOO')) {
      if (answer.status !== 501 || answer.body?.code !== 'not_implemented') reasons.push('not 501 not_implemented');
      if (bareMediaType(answer.content_type) !== 'application/problem+json') reasons.push('not problem+json');
    } else {
      if (answer.status >= 500) reasons.push('a server error');
      if (op.bodyRequired && (answer.status < 400 || answer.status >= 500)) reasons.push('a required body is missing, yet not refused');
      if (answer.status !== 0) reasons.push(...problemsWith(op, answer));
    }
    if (reasons.length > 0) problems.push(`${what} -> ${answer.status}: ${reasons.join('; ')}`);
  }
  return problems;
}

// --- Run ----------------------------------------------------------------------------------------

console.log(`property-test: seed ${seed}, ${runs} runs per operation for valid and for invalid requests, server ${base}`);
const started = performance.now();
const failures = [];
const ops = operations(doc).map(describe);
for (const op of ops) {
  const label = `${op.method} ${op.path}`;
  const kinds = [['valid', validRequest(op), checkValid], ['invalid', invalidRequest(op), checkInvalid]];
  for (const problem of await checkRawHttp(op)) failures.push(`${label}, raw HTTP: ${problem}`);
  for (const [kind, arbitrary, check] of kinds) {
    if (!arbitrary) continue;
    try {
      await fc.assert(fc.asyncProperty(arbitrary, (request) => check(op, request)), { seed, numRuns: runs });
    } catch (error) {
      // fast-check keeps what the property threw as the cause of its own report.
      const cause = error.cause instanceof Error ? `\n  ${error.cause.message}` : '';
      failures.push(`${label}, ${kind} requests: ${error.message}${cause}`);
    }
  }
}
cleanUp();

for (const failure of failures) console.error(`FAIL ${failure}\n`);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`property-test: ${ops.length} operations, ${stats.requests} requests (${stats.valid} valid, ${stats.invalid} invalid, ${stats.raw} raw HTTP) in ${seconds} s`);
console.log(`  slowest answer: ${Math.round(stats.slowest.ms)} ms, ${stats.slowest.what}`);
console.log(`  slowest answer to an invalid request: ${Math.round(stats.slowestMalformed.ms)} ms, ${stats.slowestMalformed.what}`);
console.log(`property-test: ${failures.length} failures in ${ops.length * 2} properties and ${stats.raw} raw HTTP checks (seed ${seed})`);
process.exit(failures.length > 0 ? 1 : 0);
