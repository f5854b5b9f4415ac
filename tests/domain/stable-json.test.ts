/**
 * The canonical event text feeds every event hash on the desk, the server and in sync: the faster `stableJson`
 * (issue 6, the import) must write exactly the bytes the first version wrote, or existing chains stop verifying.
 * The first version is kept here as the reference.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalEventText, stableJson } from '../../shared/domain/events';
import { importDatasetLines } from '../import/import-dataset';
import { importContextOf, newImportNonce } from '../../server/import/prepare-line';
import { importLineSchema } from '../../server/import/import-format';
import { lineToEvents } from '../../server/import/line-to-events';
import { seedProcedures } from '../../shared/catalog/seed-procedures';

function referenceStableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return value === undefined ? 'null' : JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : referenceStableJson(v))).join(',')}]`;
  const entries = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${referenceStableJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

function referenceCanonical(event: object): string {
  const hashed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (!['hash', 'serverSeq', 'serverTime'].includes(key)) hashed[key] = value;
  }
  return referenceStableJson(hashed);
}

/** Text that stresses escaping and key order: Vietnamese, astral characters, lone surrogates, controls, quotes. */
const text = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', 'Đức', 'Nguyễn Văn A', 'a"b\\c', '\n\t\u0000', '\ud800', '😀', '__proto__', 'constructor', '10', '2', '-1', 'Z', 'a', 'ä'),
);
const leaf = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, 1e21, 1e-7, Number.MAX_SAFE_INTEGER, NaN, Infinity, true, false, null, undefined),
);
const tree = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('node'), { maxLength: 6 }),
  object: fc.dictionary(text, tie('node'), { maxKeys: 8 }),
})).node;

const hex64 = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 });

const envelope = fc.record({
  id: fc.uuid(),
  dossierId: fc.uuid(),
  deviceId: text,
  deviceSeq: fc.nat(),
  type: text,
  payload: tree,
  baseVersion: fc.nat(),
  actor: fc.record({ userId: text, name: text, role: text }),
  deviceTime: text,
  prevHash: fc.option(hex64),
  hash: hex64,
  serverSeq: fc.option(fc.nat(), { nil: undefined }),
  serverTime: fc.option(text, { nil: undefined }),
});

describe('stableJson', () => {
  it('writes the same bytes as the first version for nested objects, arrays, unicode, numbers, null and undefined', () => {
    fc.assert(fc.property(tree, (value) => stableJson(value) === referenceStableJson(value)), { numRuns: 3000 });
  });

  it('sorts keys and drops undefined fields at every depth', () => {
    expect(stableJson({ b: 1, a: [{ d: 2, c: undefined }, undefined], e: 'Đức', 10: 'x', 2: 'y' })).toBe(
      '{"10":"x","2":"y","a":[{"d":2},null],"b":1,"e":"Đức"}',
    );
  });

  it('keeps the first version even where JSON has no answer (holes, functions, dates)', () => {
    const holes = [1, , 3]; // eslint-disable-line no-sparse-arrays
    const odd = { f: () => 1, d: new Date(0), a: [() => 1, 2], h: holes };
    expect(stableJson(odd)).toBe(referenceStableJson(odd));
  });
});

describe('canonicalEventText', () => {
  it('writes the same bytes as the first version for generated envelopes, with or without the server fields', () => {
    fc.assert(fc.property(envelope, (event) => canonicalEventText(event as never) === referenceCanonical(event)), { numRuns: 2000 });
  });

  it('writes the same bytes as the first version for the events of imported dossiers', () => {
    const ctx = importContextOf({ procedures: seedProcedures, calendar: null, serverTime: '2024-01-02T08:00:00+07:00', nonce: newImportNonce() });
    let events = 0;
    for (const raw of importDatasetLines(400)) {
      const line = importLineSchema.parse(JSON.parse(raw));
      const converted = lineToEvents(line, ctx);
      if (!converted.ok) throw new Error(converted.error.message.en);
      converted.value.events.forEach((e, i) => {
        const event = { ...e, deviceSeq: i + 1, prevHash: i === 0 ? null : 'b'.repeat(64), hash: 'c'.repeat(64), serverSeq: 7, serverTime: 'x' };
        expect(canonicalEventText(event as never)).toBe(referenceCanonical(event));
        events += 1;
      });
    }
    expect(events).toBeGreaterThan(1000);
  });
});
