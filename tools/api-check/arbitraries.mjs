// fast-check arbitraries derived from the JSON schemas of docs/api/openapi.yaml: values a schema
// accepts (valid) and values it refuses (invalid), for request bodies and for path, query and
// header parameters. property-test.mjs sends them to a running server. The mapper knows the
// schema keywords the document uses and throws on any other, so that a new keyword in the
// document cannot silently go untested. Every generated value is checked with Ajv against its
// schema before use: a valid value that Ajv refuses (or an invalid one it accepts) is a bug here,
// and is filtered out rather than sent under the wrong label.
import fc from 'fast-check';

import { pointer } from './lib.mjs';

// Keywords that only annotate.
const ANNOTATIONS = new Set(['description', 'default', 'example', 'examples', 'title', 'deprecated', '$comment']);
// Keywords the mapper understands.
const HANDLED = new Set([
  '$ref', 'type', 'enum', 'const', 'minLength', 'maxLength', 'format', 'pattern', 'minimum', 'maximum',
  'properties', 'required', 'additionalProperties', 'items', 'minItems', 'maxItems', 'allOf', 'oneOf', 'anyOf',
]);

// Formats whose values the mapper writes itself; a pattern is only allowed beside one of them
// (the document's Date and DateTime patterns say what the format says).
const FORMATS = new Set(['date', 'date-time']);
// Patterns the mapper knows without a format: the document's WallTime ("HH:MM", 24:00 the end of
// the day), written as whole quarters and odd minutes.
const WALL_TIME = '^(([01]\\d|2[0-3]):[0-5]\\d|24:00)$';
// The document's Month ("YYYY-MM"), written as the months around today.
const MONTH = '^\\d{4}-(0[1-9]|1[0-2])$';
const KNOWN_PATTERNS = new Set([WALL_TIME, MONTH]);
const BAD_MONTHS = ['2026-13', '2026-00', '2026-1', '26-12', '2026-12-01', 'december', ' 2026-12'];
const BAD_WALL_TIMES = ['8:00', '24:01', '25:00', '12:60', '12.30', '1230', ' 08:00', '08:00 ', 'noon'];

const DAY_MS = 86_400_000;

// One schema with $ref and allOf resolved into a single object (allOf parts are merged: their
// properties and required lists joined, their other keywords taken together).
export function flatten(doc, schema, seen = new Set()) {
  if (schema === true || schema === undefined) return {};
  if (schema === null || typeof schema !== 'object') throw new Error(`not a schema: ${JSON.stringify(schema)}`);
  let merged = {};
  const { $ref, allOf, ...rest } = schema;
  if ($ref !== undefined) {
    if (seen.has($ref)) throw new Error(`$ref loop at ${$ref}`);
    const target = pointer(doc, $ref);
    if (target === undefined) throw new Error(`$ref ${$ref} does not resolve`);
    merged = flatten(doc, target, new Set([...seen, $ref]));
  }
  for (const part of [...(allOf ?? []).map((p) => flatten(doc, p, seen)), rest]) merged = merge(merged, part);
  for (const key of Object.keys(merged)) {
    if (!ANNOTATIONS.has(key) && !HANDLED.has(key)) throw new Error(`no arbitrary for the schema keyword "${key}"`);
  }
  if (merged.pattern !== undefined && !FORMATS.has(merged.format) && !KNOWN_PATTERNS.has(merged.pattern)) {
    throw new Error(`no arbitrary for a pattern without a known format: ${merged.pattern}`);
  }
  return merged;
}

function merge(a, b) {
  const result = { ...a, ...b };
  if (a.properties && b.properties) result.properties = { ...a.properties, ...b.properties };
  if (a.required && b.required) result.required = [...new Set([...a.required, ...b.required])];
  return result;
}

function types(schema) {
  if (schema.type === undefined) return undefined;
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

function pad(n, width = 2) {
  return String(n).padStart(width, '0');
}

// Days near `today` most of the time (where the rules of the server have something to say),
// any day of four centuries otherwise.
function dayArbitrary(today) {
  const near = fc.integer({ min: -14, max: 70 }).map((offset) => new Date(today.getTime() + offset * DAY_MS));
  const far = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2299-12-31T00:00:00Z'), noInvalidDate: true });
  return fc.oneof({ weight: 4, arbitrary: near }, { weight: 1, arbitrary: far });
}

function formatDay(date) {
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function dateTimeArbitrary(today) {
  return fc
    .tuple(dayArbitrary(today), fc.integer({ min: 0, max: 95 }), fc.constantFrom('Z', '+01:00', '+02:00', '-05:00'))
    .map(([day, quarter, offset]) => `${formatDay(day)}T${pad(Math.floor(quarter / 4))}:${pad((quarter % 4) * 15)}:00${offset}`);
}

function stringArbitrary(schema, today) {
  if (schema.format === 'date') return dayArbitrary(today).map(formatDay);
  if (schema.format === 'date-time') return dateTimeArbitrary(today);
  if (schema.format !== undefined) throw new Error(`no arbitrary for the string format "${schema.format}"`);
  if (schema.pattern === MONTH) {
    return dayArbitrary(today).map((day) => formatDay(day).slice(0, 7));
  }
  if (schema.pattern === WALL_TIME) {
    return fc.oneof(
      fc.integer({ min: 0, max: 96 }).map((quarter) => `${pad(Math.floor(quarter / 4))}:${pad((quarter % 4) * 15)}`),
      fc.integer({ min: 0, max: 1439 }).map((minute) => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`),
    );
  }
  const minLength = schema.minLength ?? 0;
  const maxLength = schema.maxLength ?? Math.max(minLength, 40);
  // Also strings right at the limit in characters of two, three and four UTF-8 bytes: maxLength
  // counts characters, and a server that counts bytes refuses them.
  const wide = fc
    .tuple(fc.constantFrom('ä', '€', '𝄞'), fc.integer({ min: Math.max(minLength, 1), max: maxLength }))
    .map(([character, count]) => character.repeat(count));
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ minLength, maxLength }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength, maxLength }) },
    { weight: 1, arbitrary: wide },
  );
}

// Values `schema` accepts. `context.today` anchors dates; `context.ids` (an array that may grow
// while the test runs) offers ids the server handed out, so that ids are not only random.
export function valid(doc, schema, context) {
  const s = flatten(doc, schema);
  if ('const' in s) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.oneOf || s.anyOf) return fc.oneof(...(s.oneOf ?? s.anyOf).map((part) => valid(doc, merge(omitAlternatives(s), flatten(doc, part)), context)));
  const list = types(s);
  if (!list) throw new Error(`no arbitrary for a schema without type: ${JSON.stringify(schema)}`);
  return fc.oneof(...list.map((type) => validOfType(doc, s, type, context)));
}

function omitAlternatives(schema) {
  const { oneOf, anyOf, ...rest } = schema;
  return rest;
}

function validOfType(doc, s, type, context) {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: s.minimum ?? -1_000_000, max: s.maximum ?? 1_000_000 });
    case 'number':
      return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true });
    case 'string': {
      const text = stringArbitrary(s, context.today);
      // An id-like string (no format, no enum) is often one the server knows.
      if (s.format === undefined && context.ids.length > 0) {
        const known = fc.nat().map((i) => context.ids[i % context.ids.length]).filter((id) => fitsLength(s, id));
        return fc.oneof({ weight: 2, arbitrary: known }, { weight: 1, arbitrary: text });
      }
      return text;
    }
    case 'array':
      return fc.array(valid(doc, s.items ?? {}, context), { minLength: s.minItems ?? 0, maxLength: s.maxItems ?? 5 });
    case 'object': {
      const properties = s.properties ?? {};
      const model = Object.fromEntries(Object.entries(properties).map(([name, p]) => [name, valid(doc, p, context)]));
      return fc.record(model, { requiredKeys: (s.required ?? []).filter((name) => name in properties) });
    }
    default:
      throw new Error(`no arbitrary for the type "${type}"`);
  }
}

function fitsLength(s, text) {
  const length = [...text].length;
  return length >= (s.minLength ?? 0) && length <= (s.maxLength ?? Infinity);
}

const BAD_DATES = ['2026-02-30', '2026-13-01', '2026-00-10', '26-12-01', '2026/12/01', '2026-12-1', 'today', '2026-12-01T08:00:00Z', ' 2026-12-01'];
const BAD_TIMES = ['2026-12-01T25:00:00Z', '2026-12-01 08:00:00+01:00', '2026-12-01T08:00:00', '2026-12-01T08:00+01:00',
  '2026-02-30T08:00:00Z', '2026-12-01T08:00:00+1:00', '08:00', '2026-12-01'];
const OTHER_TYPES = [42, -1, 1.5, true, false, 'text', null, [], ['x'], {}, { a: 1 }];

// Values `schema` refuses: a wrong type or null, a string too short or too long, an impossible
// date or time, a word outside the enum, a number out of range, an object without a required
// member, with an unknown member, or with one member invalid.
export function invalid(doc, schema, context) {
  const s = flatten(doc, schema);
  const candidates = [fc.constantFrom(...OTHER_TYPES)];
  const list = types(s) ?? [];
  if (s.enum || 'const' in s) candidates.push(fc.string({ minLength: 1, maxLength: 12 }));
  if (list.includes('string')) {
    if ((s.minLength ?? 0) > 0) candidates.push(fc.constant(''));
    if (s.maxLength !== undefined) {
      candidates.push(fc.integer({ min: 1, max: 40 }).map((extra) => 'x'.repeat(s.maxLength + extra)));
    }
    if (s.format === 'date') candidates.push(fc.constantFrom(...BAD_DATES));
    if (s.format === 'date-time') candidates.push(fc.constantFrom(...BAD_TIMES));
    if (s.pattern === WALL_TIME) candidates.push(fc.constantFrom(...BAD_WALL_TIMES));
    if (s.pattern === MONTH) candidates.push(fc.constantFrom(...BAD_MONTHS));
  }
  if (list.includes('integer') || list.includes('number')) {
    if (s.minimum !== undefined) candidates.push(fc.integer({ min: s.minimum - 1000, max: s.minimum - 1 }));
    if (s.maximum !== undefined) candidates.push(fc.integer({ min: s.maximum + 1, max: s.maximum + 1000 }));
    if (list.includes('integer')) candidates.push(fc.constantFrom(0.5, 2.25));
  }
  if (list.includes('object')) {
    const properties = s.properties ?? {};
    const whole = valid(doc, s, context);
    for (const name of s.required ?? []) {
      candidates.push(whole.map((value) => {
        const copy = { ...value };
        delete copy[name];
        return copy;
      }));
    }
    if (s.additionalProperties === false) {
      candidates.push(fc.tuple(whole, fc.string({ minLength: 1, maxLength: 12 })).map(([value, name]) => ({ ...value, [`x_${name}`]: 1 })));
    }
    for (const [name, property] of Object.entries(properties)) {
      candidates.push(fc.tuple(whole, invalid(doc, property, context)).map(([value, bad]) => ({ ...value, [name]: bad })));
    }
  }
  return fc.oneof(...candidates);
}

// A parameter's schema seen as text: how a value of it is written in a path, query or header,
// and the value a text stands for when checked against the schema (query "5" is the integer 5).
export function parameterText(value) {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function parameterValue(doc, schema, text) {
  const list = types(flatten(doc, schema)) ?? [];
  if ((list.includes('integer') || list.includes('number')) && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

// Texts a parameter of `schema` refuses (see invalid()), written as they would be sent.
export function invalidParameter(doc, schema, context) {
  const s = flatten(doc, schema);
  const list = types(s) ?? [];
  const texts = [invalid(doc, schema, context).filter((v) => typeof v === 'string' || typeof v === 'number').map(parameterText)];
  if (list.includes('integer')) texts.push(fc.constantFrom('abc', '1.5', '', '1e3', '0x10', ' 2', '99999999999999999999'));
  return fc.oneof(...texts);
}
