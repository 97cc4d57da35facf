// Usage: node lint.mjs <openapi.yaml>
//
// Checks the API document: that it is a valid OpenAPI 3.1 document (against the official
// OpenAPI JSON Schema, with every local $ref resolving), that every schema in it is one a JSON
// Schema 2020-12 validator accepts in strict mode, and the house rules of the Stellwerk API:
// the server URL has no path part, every operation has a unique operationId, every path is
// /healthz, /metrics or under /api/v1/, path parameters match the template, errors are problem+json,
// authenticated operations declare 401, body-taking ones 400/413/422, mutating ones the
// Idempotency-Key header, operations with parameters 400, lists limit, cursor and Next-Cursor; names are snake_case, one spelling
// of each word, no component schema repeats another. When docs/api/README.md lies beside the document, its table of calls
// and its table of error codes must agree with the document too.
// Prints every problem and exits 1 when there is any; exits 2 when the file cannot be read.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { Validator } from '@seriousme/openapi-schema-validator';

import { deref, describeErrors, loadYaml, operations, parametersOf, schemaCompiler } from './lib.mjs';

const file = process.argv[2];
if (!file || process.argv.length > 3) {
  console.error('usage: lint.mjs <openapi.yaml>');
  process.exit(2);
}

let doc;
try {
  doc = loadYaml(file);
} catch (error) {
  console.error(`lint: ${error.message}`);
  process.exit(2);
}

const problems = [];
// The media types of images: a floor's drawing travels as one, both ways.
const IMAGE_TYPES = ['image/png', 'image/jpeg'];
const problem = (where, message) => problems.push(`${where}: ${message}`);

// A problem response narrows Problem to its status and codes: the status must be the
// response's own and every code one of Problem.code.
const problemCodes = new Set(doc?.components?.schemas?.Problem?.properties?.code?.enum ?? []);
function checkProblemSchema(at, status, schema) {
  const parts = [schema, ...(schema.allOf ?? [])];
  if (!parts.some((p) => p.$ref === '#/components/schemas/Problem')) {
    problem(at, 'a problem+json schema is (or is allOf) #/components/schemas/Problem');
  }
  for (const part of parts) {
    const code = part.properties?.code;
    for (const value of code ? [...(code.enum ?? []), ...('const' in code ? [code.const] : [])] : []) {
      if (!problemCodes.has(value)) problem(at, `code "${value}" is not one of Problem.code`);
    }
    const statusSchema = part.properties?.status;
    if (statusSchema && /^\d{3}$/.test(status)) {
      const values = [...(statusSchema.enum ?? []), ...('const' in statusSchema ? [statusSchema.const] : [])];
      if (values.length > 0 && !values.every((v) => v === Number(status))) {
        problem(at, `status member ${JSON.stringify(values)} does not match the response ${status}`);
      }
    }
  }
}

// 1. The OpenAPI schema and the $refs.
if (typeof doc?.openapi !== 'string' || !doc.openapi.startsWith('3.1.')) {
  problem('openapi', `expected version 3.1.x, found ${JSON.stringify(doc?.openapi)}`);
}
const validator = new Validator();
const result = await validator.validate(structuredClone(doc));
if (!result.valid) {
  if (typeof result.errors === 'string') {
    problem('document', result.errors);
  } else {
    // The official schema branches a lot (oneOf of $ref or object); the first errors with the
    // deepest instance path are the ones that name the real mistake.
    const errors = [...(result.errors ?? [])].sort((a, b) => b.instancePath.length - a.instancePath.length);
    for (const error of errors.slice(0, 15)) {
      problem(`document${error.instancePath || ''}`, `${error.message} (${error.schemaPath})`);
    }
    if (errors.length > 15) problem('document', `... and ${errors.length - 15} more schema errors`);
  }
}

// 2. Servers: a URL with no path part, so that the paths below are the whole story.
for (const [i, server] of (doc.servers ?? []).entries()) {
  const url = String(server?.url ?? '');
  const rest = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  if (rest !== '' || rest === url) problem(`servers[${i}].url`, `"${url}" must be scheme://host[:port] with no path`);
}
if (!doc.servers?.length) problem('servers', 'no server is given');

// 3. Paths and operations.
const operationIds = new Map();
const templates = new Map();
const compileShallow = schemaCompiler(doc, { shallow: true });
const schemaChecks = []; // [where, schema]

for (const path of Object.keys(doc.paths ?? {})) {
  // The probes of operations (readiness, Prometheus) live where their tools look for them.
  if (path !== '/healthz' && path !== '/metrics' && !path.startsWith('/api/v1/')) {
    problem(path, 'paths are /healthz, /metrics or start with /api/v1/');
  }
  if (path.length > 1 && path.endsWith('/')) problem(path, 'a path does not end with /');
  const shape = path.replace(/\{[^}]*\}/g, '{}');
  if (templates.has(shape)) problem(path, `the same template as ${templates.get(shape)}`);
  templates.set(shape, path);
}

for (const { method, path, pathItem, operation } of operations(doc)) {
  const where = `${method} ${path}`;
  try {
    // operationId: present and unique.
    if (typeof operation.operationId !== 'string' || operation.operationId === '') {
      problem(where, 'has no operationId');
    } else if (operationIds.has(operation.operationId)) {
      problem(where, `operationId "${operation.operationId}" is also used by ${operationIds.get(operation.operationId)}`);
    } else {
      operationIds.set(operation.operationId, where);
    }

    // Path parameters: exactly the template's, each required.
    const parameters = parametersOf(doc, pathItem, operation);
    const inTemplate = [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
    const declared = parameters.filter((p) => p.in === 'path').map((p) => p.name);
    for (const name of inTemplate) {
      if (!declared.includes(name)) problem(where, `path parameter {${name}} is not declared`);
    }
    for (const p of parameters.filter((p) => p.in === 'path')) {
      if (!inTemplate.includes(p.name)) problem(where, `path parameter "${p.name}" is not in the path`);
      if (p.required !== true) problem(where, `path parameter "${p.name}" must be required: true`);
    }
    const headerNames = parameters.filter((p) => p.in === 'header').map((p) => p.name.toLowerCase());
    if (!headerNames.includes('accept-language')) problem(where, 'does not document the Accept-Language header');
    if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(method) && !headerNames.includes('idempotency-key')) {
      problem(where, 'mutating operation without the Idempotency-Key header parameter');
    }
    for (const p of parameters) {
      schemaChecks.push([`${where} parameter ${p.name}`, p.schema]);
    }

    // Responses.
    const responses = operation.responses ?? {};
    const statuses = Object.keys(responses);
    if (!statuses.some((s) => /^2\d\d$/.test(s))) problem(where, 'declares no 2xx response');
    const security = operation.security ?? doc.security ?? [];
    const authenticated = security.length > 0 && !security.some((s) => Object.keys(s).length === 0);
    if (authenticated && !statuses.includes('401')) problem(where, 'authenticated but declares no 401');
    // Every list is paged: an operation answering with an array (other than a top list of at
    // most 10) takes `limit` and `cursor` and names the next page in Next-Cursor.
    const ok = responses['200'] ? deref(doc, responses['200']) : undefined;
    const list = ok?.content?.['application/json']?.schema;
    if (method === 'GET' && list?.type === 'array' && !(list.maxItems <= 10)) {
      const query = parameters.filter((p) => p.in === 'query').map((p) => p.name);
      for (const name of ['limit', 'cursor']) {
        if (!query.includes(name)) problem(where, `a list that does not take "${name}" (every list is paged)`);
      }
      if (!ok.headers?.['Next-Cursor']) problem(where, 'a list whose 200 does not declare the Next-Cursor header');
    }
    // The server refuses an unreadable parameter (an Idempotency-Key too long, too) with 400.
    const readable = parameters.filter((p) => p.in !== 'header' || p.name.toLowerCase() === 'idempotency-key');
    if (readable.length > 0 && !statuses.includes('400')) problem(where, `takes ${readable[0].name} but declares no 400`);
    if (operation.requestBody) {
      for (const status of ['400', '413', '422']) {
        if (!statuses.includes(status)) problem(where, `takes a body but declares no ${status}`);
      }
      const body = deref(doc, operation.requestBody);
      for (const [mediaType, media] of Object.entries(body.content ?? {})) {
        // text/csv: a file as spreadsheets export it (the import), beside its JSON form; images:
        // a floor's drawing.
        if (!['application/json', 'text/csv', ...IMAGE_TYPES].includes(mediaType)) {
          problem(where, `request body media type ${mediaType} (expected application/json, text/csv or an image)`);
        }
        if (mediaType === 'text/csv' && !body.content['application/json']) {
          problem(where, 'a text/csv request body must be offered beside application/json');
        }
        schemaChecks.push([`${where} request body`, media.schema]);
      }
    }
    for (const status of statuses) {
      const response = deref(doc, responses[status]);
      const content = Object.keys(response.content ?? {});
      const at = `${where} ${status}`;
      if (status === 'default' || /^[45]/.test(status)) {
        if (content.length !== 1 || content[0] !== 'application/problem+json') {
          problem(at, 'error responses have exactly the content application/problem+json');
        }
      } else if (status === '204') {
        if (content.length > 0) problem(at, '204 has no content');
      } else {
        for (const mediaType of content) {
          if (!['application/json', 'text/plain', ...IMAGE_TYPES].includes(mediaType)) {
            problem(at, `success media type ${mediaType} (expected application/json, text/plain or an image)`);
          }
        }
        if (content.length === 0) problem(at, 'a success other than 204 declares its content');
      }
      if (response.content?.['application/problem+json']?.schema) {
        checkProblemSchema(at, status, response.content['application/problem+json'].schema);
      }
      for (const [mediaType, media] of Object.entries(response.content ?? {})) {
        if (!media.schema) problem(`${at} ${mediaType}`, 'has no schema');
        schemaChecks.push([`${at} ${mediaType}`, media.schema]);
      }
      for (const [name, header] of Object.entries(response.headers ?? {})) {
        schemaChecks.push([`${at} header ${name}`, deref(doc, header).schema]);
      }
    }
  } catch (error) {
    problem(where, error.message);
  }
}

// 4. Every schema compiles in strict mode, each checked on its own: references to components
// stand in as `true` (they must still name an existing component), and the components are
// checked one by one too, so that a mistake is reported once, where it is. "required" names
// only members an object declares.
for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
  schemaChecks.push([`components.schemas.${name}`, schema]);
}
for (const [where, schema] of schemaChecks) {
  if (schema === undefined) continue;
  try {
    compileShallow(schema);
  } catch (error) {
    problem(where, `schema refused: ${error.message}`);
  }
}
(function walk(node, where) {
  if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${where}[${i}]`));
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node.required) && node.properties && !node.$ref && !node.allOf && !node.oneOf && !node.anyOf) {
    for (const name of node.required) {
      if (!(name in node.properties)) problem(where, `requires "${name}", which is not among its properties`);
    }
  }
  for (const [key, value] of Object.entries(node)) walk(value, `${where}.${key}`);
})(doc.components?.schemas ?? {}, 'components.schemas');

// 4b. One style and one spelling: every member, query and path parameter name is snake_case,
// and the document never mixes the British and the American spelling of a word it uses.
(function walk(node, where) {
  if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${where}[${i}]`));
  if (node === null || typeof node !== 'object') return;
  for (const name of Object.keys(node.properties ?? {})) {
    if (!/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(name)) problem(`${where}.properties`, `member "${name}" is not snake_case`);
  }
  if ((node.in === 'query' || node.in === 'path') && typeof node.name === 'string' && !/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(node.name)) {
    problem(where, `parameter "${node.name}" is not snake_case`);
  }
  for (const [key, value] of Object.entries(node)) walk(value, `${where}.${key}`);
})(doc, 'document');
const documentText = JSON.stringify(doc).toLowerCase();
for (const [british, american] of [['enrolment', 'enrollment'], ['favourite', 'favorite'], ['cancelled', 'canceled'],
  ['licence', 'license'], ['centre', 'center'], ['colour', 'color']]) {
  if (documentText.includes(british) && documentText.includes(american)) {
    problem('document', `uses both "${british}" and "${american}"; choose one spelling`);
  }
}

// 4c. One schema per thing: no two component schemas declare the same members (a copy of a
// schema that should be a $ref, or an allOf that extends it).
const memberSets = new Map();
for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
  const members = Object.keys(schema?.properties ?? {}).sort();
  if (members.length < 3) continue;
  const key = members.join(',');
  for (const [other, otherKey] of memberSets) {
    const otherMembers = otherKey.split(',');
    const shared = members.filter((m) => otherMembers.includes(m));
    // The same entity twice: one repeats all members of the other (besides at most two).
    if (shared.length >= Math.min(members.length, otherMembers.length) - 2 && shared.length >= 4) {
      problem(`components.schemas.${name}`, `repeats the members of ${other} (${shared.join(', ')}); $ref or allOf it`);
    }
  }
  memberSets.set(name, key);
}

// 4d. Every object schema shows an example, and the example is valid: tests/wire decodes each
// one with the C++ codec, so a wrong example would hide a wrong type there.
{
  const compileFull = schemaCompiler(doc);
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
    if (schema?.type !== 'object' && !schema?.properties) continue;
    if (!('example' in schema)) {
      problem(`components.schemas.${name}`, 'an object schema without an example');
      continue;
    }
    try {
      const validate = compileFull(schema);
      if (!validate(schema.example)) {
        problem(`components.schemas.${name}.example`, describeErrors(validate.errors).join('; '));
      }
    } catch (error) {
      problem(`components.schemas.${name}`, `schema refused: ${error.message}`);
    }
  }
}

// 5. The README beside the document: same calls, same error codes.
const readme = join(dirname(file), 'README.md');
if (existsSync(readme)) {
  const text = readFileSync(readme, 'utf8');
  const calls = new Set();
  for (const m of text.matchAll(/^\|\s*`(GET|PUT|POST|DELETE|PATCH) (\/[^`?\s]*)[^`]*`/gm)) calls.add(`${m[1]} ${m[2]}`);
  const documented = new Set(operations(doc).map((o) => `${o.method} ${o.path}`));
  if (calls.size === 0) {
    problem(readme, 'no table of calls found ("| `METHOD /path` | ...")');
  } else {
    for (const call of calls) if (!documented.has(call)) problem(readme, `lists ${call}, which the document lacks`);
    for (const call of documented) if (!calls.has(call)) problem(readme, `does not list ${call} from the document`);
  }
  const codes = new Set();
  for (const m of text.matchAll(/^\|\s*\d{3}(?:\/\d{3})?\s*\|[^|]*\|([^|]*)\|\s*$/gm)) {
    for (const c of m[1].matchAll(/`([a-z_]+)`/g)) codes.add(c[1]);
  }
  const enumCodes = new Set(doc.components?.schemas?.Problem?.properties?.code?.enum ?? []);
  if (codes.size === 0) {
    problem(readme, 'no table of error codes found ("| status | when | codes |")');
  } else {
    for (const code of codes) if (!enumCodes.has(code)) problem('components.schemas.Problem.code', `lacks "${code}" from ${readme}`);
    for (const code of enumCodes) if (!codes.has(code)) problem(readme, `error table lacks "${code}" from Problem.code`);
  }
}

if (problems.length > 0) {
  for (const line of problems) console.error(line);
  console.error(`lint: ${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  process.exit(1);
}
console.log(`lint: ${file}: OpenAPI ${doc.openapi}, ${operations(doc).length} operations, ${Object.keys(doc.components?.schemas ?? {}).length} schemas, no problems`);
