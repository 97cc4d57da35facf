// What the checks share: reading docs/api/openapi.yaml, walking its operations, following
// its local $refs, and compiling its schemas with an independent JSON Schema 2020-12 validator
// (Ajv), so that a response is checked against the document exactly as a client would read it.
import { readFileSync } from 'node:fs';

import Ajv2020 from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parseDocument } from 'yaml';

const addFormats = addFormatsModule.default ?? addFormatsModule;

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

// The $id under which the document's component schemas are registered with Ajv.
const SCHEMAS_ID = 'urn:stellwerk:openapi:schemas';

// Reads a YAML (or JSON) file that holds a mapping. Throws an Error naming the file, line and
// column of every syntax problem, duplicate keys included.
export function loadYaml(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${file}: ${error.message}`);
  }
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const problems = [...document.errors, ...document.warnings];
  if (problems.length > 0) {
    throw new Error(`${file} is not valid YAML:\n` + problems.map((p) => `  ${p.message}`).join('\n'));
  }
  const value = document.toJS({ maxAliasCount: -1 });
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${file} holds no mapping`);
  return value;
}

// Every operation of the document, in document order.
export function operations(doc) {
  const result = [];
  for (const [path, pathItem] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      if (pathItem?.[method]) result.push({ method: method.toUpperCase(), path, pathItem, operation: pathItem[method] });
    }
  }
  return result;
}

// The object a local JSON pointer ("#/components/responses/Unauthorized") points at, or
// undefined.
export function pointer(doc, ref) {
  if (typeof ref !== 'string' || !ref.startsWith('#')) return undefined;
  let node = doc;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(key in node)) return undefined;
    node = node[key];
  }
  return node;
}

// Follows $ref of an OpenAPI object (response, parameter, header, request body) until it is
// no longer a reference. Throws when a reference does not resolve or loops.
export function deref(doc, object) {
  const seen = new Set();
  while (object && typeof object === 'object' && typeof object.$ref === 'string') {
    if (seen.has(object.$ref)) throw new Error(`$ref loop at ${object.$ref}`);
    seen.add(object.$ref);
    const target = pointer(doc, object.$ref);
    if (target === undefined) throw new Error(`$ref ${object.$ref} does not resolve`);
    object = target;
  }
  return object;
}

// The parameters that apply to an operation: the path item's, overridden by the operation's
// (same name and location), with references followed.
export function parametersOf(doc, pathItem, operation) {
  const byKey = new Map();
  for (const list of [pathItem.parameters ?? [], operation.parameters ?? []]) {
    for (const entry of list) {
      const parameter = deref(doc, entry);
      byKey.set(`${parameter.in}:${parameter.name}`, parameter);
    }
  }
  return [...byKey.values()];
}

// A copy of a schema whose "#/components/schemas/X" references point into the schemas
// registered with Ajv.
function absolutise(schema) {
  if (Array.isArray(schema)) return schema.map(absolutise);
  if (schema === null || typeof schema !== 'object') return schema;
  const copy = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
      copy[key] = SCHEMAS_ID + '#/$defs/' + value.slice('#/components/schemas/'.length);
    } else {
      copy[key] = absolutise(value);
    }
  }
  return copy;
}

// An Ajv (JSON Schema 2020-12, strict, all errors, formats checked) that knows the document's
// component schemas. Returns compile(schema) -> validate function; compile throws on a schema
// Ajv refuses (unknown keyword, bad type, unresolvable $ref). With { shallow: true } every
// component schema stands in as `true`, so that compiling a schema checks that schema alone
// (its references must still name existing components).
export function schemaCompiler(doc, { shallow = false } = {}) {
  // strictSchema refuses unknown keywords (a typo such as "requird" would otherwise check
  // nothing); strictTypes stays off because OpenAPI schemas legitimately put "properties" next
  // to a "$ref" without repeating "type".
  const ajv = new Ajv2020({
    strictSchema: true,
    strictNumbers: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    allErrors: true,
    validateFormats: true,
  });
  addFormats(ajv);
  // Keywords the OpenAPI 3.1 dialect adds to JSON Schema; they annotate and never validate.
  for (const keyword of ['discriminator', 'xml', 'externalDocs', 'example']) ajv.addKeyword({ keyword });
  const schemas = doc.components?.schemas ?? {};
  const defs = shallow ? Object.fromEntries(Object.keys(schemas).map((name) => [name, true])) : absolutise(schemas);
  ajv.addSchema({ $id: SCHEMAS_ID, $defs: defs });
  const cache = new WeakMap();
  return (schema) => {
    if (schema && typeof schema === 'object' && cache.has(schema)) return cache.get(schema);
    const validate = ajv.compile(absolutise(schema ?? {}));
    if (schema && typeof schema === 'object') cache.set(schema, validate);
    return validate;
  };
}

// Ajv errors as short lines: "/resources/0/state: must be equal to one of the allowed values
// (free, taken, ...)".
export function describeErrors(errors) {
  const lines = [];
  // Where a value fails several enums (Problem.code and a response's narrower list), the
  // narrowest one says it all.
  const narrowest = new Map();
  for (const error of errors ?? []) {
    if (error.keyword !== 'enum') continue;
    const count = error.params.allowedValues.length;
    narrowest.set(error.instancePath, Math.min(count, narrowest.get(error.instancePath) ?? count));
  }
  for (const error of errors ?? []) {
    // "if"/"then" wrappers repeat what the inner error already said.
    if (error.keyword === 'if') continue;
    if (error.keyword === 'enum' && error.params.allowedValues.length > narrowest.get(error.instancePath)) continue;
    let extra = '';
    if (error.keyword === 'enum') extra = ` (${error.params.allowedValues.map((v) => JSON.stringify(v)).join(', ')})`;
    else if (error.keyword === 'const') extra = ` (${JSON.stringify(error.params.allowedValue)})`;
    else if (error.keyword === 'additionalProperties') extra = ` ("${error.params.additionalProperty}")`;
    else if (error.keyword === 'unevaluatedProperties') extra = ` ("${error.params.unevaluatedProperty}")`;
    const where = error.instancePath === '' ? '(body)' : error.instancePath;
    const line = `${where}: ${error.message}${extra}`;
    if (!lines.includes(line)) lines.push(line);
  }
  return lines;
}

// The media type without parameters, lower case: "application/json; charset=utf-8" ->
// "application/json".
export function bareMediaType(value) {
  return String(value ?? '').split(';')[0].trim().toLowerCase();
}

export function isJsonMediaType(mediaType) {
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

// Checks content type and body of a record ({content_type, body}: a parsed JSON body, a string,
// or null for none) against one OpenAPI response object, with validators from
// schemaCompiler(). Returns the list of problems (empty when the record fits).
export function checkResponse(compile, record, response) {
  const problems = [];
  const content = response.content ?? {};
  const mediaTypes = Object.keys(content);
  const hasBody = !(record.body === null || record.body === undefined || record.body === '');
  if (!hasBody) {
    if (mediaTypes.length > 0) problems.push(`no body, but the document declares ${mediaTypes.join(', ')}`);
    return problems;
  }
  if (mediaTypes.length === 0) {
    problems.push(`has a body (${record.content_type || 'no content type'}), but the document declares no content`);
    return problems;
  }
  const actual = bareMediaType(record.content_type);
  const key = mediaTypes.find((m) => bareMediaType(m) === actual)
    ?? mediaTypes.find((m) => m.endsWith('/*') && actual.startsWith(m.slice(0, -1)))
    ?? mediaTypes.find((m) => m === '*/*');
  if (!key) {
    problems.push(`content type "${record.content_type ?? ''}" is not among the declared ${mediaTypes.join(', ')}`);
    return problems;
  }
  const schema = content[key].schema;
  if (!schema) return problems;
  if (!isJsonMediaType(actual) && typeof record.body !== 'string') {
    problems.push(`a ${actual} body must be recorded as a string`);
    return problems;
  }
  const validate = compile(schema);
  if (!validate(record.body)) problems.push(...describeErrors(validate.errors));
  return problems;
}
