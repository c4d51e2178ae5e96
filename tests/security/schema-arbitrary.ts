/**
 * Turns the JSON Schemas of our OpenAPI document into fast-check arbitraries: mostly near-valid values
 * (the right shape with hostile contents: empty, huge, unicode, wrong types in places), so fuzzing
 * reaches past the validator into the services.
 */
import fc from 'fast-check';

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  format?: string;
};

const hostileStrings = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '<script>alert(1)</script>',
  "'; drop table units; --",
  '../../etc/passwd',
  '🏠🗳️',
  '业主大会'.repeat(300),
  '2026-02-30T25:61:00Z',
  '1e309',
  '-1',
  '__proto__',
);

function scalar(schema: JsonSchema): fc.Arbitrary<unknown> {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return fc.oneof(
        fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 200) }),
        hostileStrings,
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      );
    case 'integer':
      return fc.oneof(fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 100_000 }), fc.constantFrom(0, -1, 2 ** 31, Number.MAX_SAFE_INTEGER));
    case 'number':
      return fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(0, -0.5, 1e308));
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

export function arbitraryFor(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return fc.jsonValue({ maxDepth: 2 });
  if (schema.enum) return fc.oneof(fc.constantFrom(...schema.enum), scalar({ type: 'string' }));
  if (schema.const !== undefined) return fc.constant(schema.const);
  const union = schema.anyOf ?? schema.oneOf;
  if (union && union.length > 0) return fc.oneof(...union.map((s) => arbitraryFor(s, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'object' || schema.properties) {
    const props = schema.properties ?? {};
    const entries = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, arbitraryFor(v, depth + 1)]));
    return fc.record(entries, { requiredKeys: [] });
  }
  if (type === 'array') return fc.array(arbitraryFor(schema.items, depth + 1), { maxLength: 5 });
  return scalar(schema);
}

/** Either a near-valid value for the schema or something of the wrong shape entirely. */
export function bodyArbitrary(schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 4, arbitrary: arbitraryFor(schema) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) });
}
