import request from 'supertest';
import { type RunningSim, startPveSim } from '@proxdeck/server-testing';
import type { LoginResponse } from '@proxdeck/shared-contracts';
import { bearer, type GatewayHarness, startGateway } from '../test/gateway-harness';

/**
 * Malformed input to every operation of the OpenAPI document, as an attacker sends it: wrong
 * types, nulls, huge and deeply nested values, unicode and control characters, forged ids and
 * cursors. Seeded and bounded (FUZZ_SEED, FUZZ_CASES), so a failure is reproduced exactly. No
 * answer may be a 5xx: bad input gets a 4xx naming what is wrong.
 */
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261208);
const CASES_PER_OPERATION = Number(process.env['FUZZ_CASES'] ?? 20);
/** Never fuzzed: the event stream answers 200 and stays open. */
const SKIPPED = new Set(['GET /api/v1/events']);

type Schema = { type?: string; properties?: Record<string, Schema>; items?: Schema; $ref?: string; enum?: unknown[] };
interface Operation { method: string; path: string; params: Array<{ name: string; in: string }>; body: Schema | null }

/** mulberry32: a small seeded generator, so every run sends the same cases. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const deep = (levels: number): unknown => (levels === 0 ? 'x' : { a: deep(levels - 1) });
const cursor = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/** Hostile scalars and structures, each a thing some handler once mishandled somewhere. */
const NASTY: unknown[] = [
  null, '', ' ', 0, -1, 1e308, -0, 3.5, Number.MAX_SAFE_INTEGER + 2, true, [], {}, [null], ['x'],
  'x'.repeat(20_000), 'a\u0000b', 'line\nbreak\r\n', '\u202e\u2066', '☃💥', '../../etc/passwd', '%ZZ', '{{secret.x}}',
  '<script>alert(1)</script>', "' OR 1=1 --", '0b7c5f1e-8a2d-4c3b-9e1f-2a3b4c5d6e7f', '00000000-0000-0000-0000-000000000000',
  { __proto__: { admin: true } }, { constructor: { prototype: { x: 1 } } }, deep(40), [[[[[[[[[['x']]]]]]]]]],
];
const NASTY_PATH = ['%ZZ', 'x'.repeat(300), '..%2F..%2Fetc', '0', '-1', '%E2%98%83', '%00', '0b7c5f1e-8a2d-4c3b-9e1f-2a3b4c5d6e7f', 'not-a-uuid', '1e999'];
const NASTY_QUERY = ['%ZZ', 'x'.repeat(3000), '-1', '1e999', 'null', '\u0000', cursor({ t: 1e20, i: '0b7c5f1e-8a2d-4c3b-9e1f-2a3b4c5d6e7f' }), cursor({ t: 1, i: '0b7c5f1e-8a2d-4c3b-9e1f-2a3b4c5d6e7f' }), '[]', '☃'];

describe('every API operation with malformed input answers 4xx, never 5xx (integration, seeded)', () => {
  let sim: RunningSim;
  let gw: GatewayHarness;
  let admin: LoginResponse;
  let operations: Operation[] = [];

  beforeAll(async () => {
    sim = await startPveSim({ nodes: 1 });
    gw = await startGateway({ sim, loginRateLimit: { limit: 100_000, ttlMs: 60_000 } });
    admin = await gw.loginAs('admin');
    const doc = (await request(gw.http).get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }>; requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
      components?: { schemas?: Record<string, Schema> };
    };
    const resolve = (s: Schema | undefined): Schema | null => {
      if (!s) return null;
      if (s.$ref) return doc.components?.schemas?.[s.$ref.split('/').pop() ?? ''] ?? null;
      return s;
    };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        params: op.parameters ?? [],
        body: resolve(op.requestBody?.content?.['application/json']?.schema),
      })),
    ).filter((op) => !SKIPPED.has(`${op.method} ${op.path}`));
  });

  afterAll(async () => {
    await gw?.close();
    await sim?.stop();
  });

  it(`sends ${CASES_PER_OPERATION} cases to each operation (seed ${SEED}) and gets no 5xx`, async () => {
    expect(operations.length).toBeGreaterThan(40);
    const random = generator(SEED);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    const bodyFor = (schema: Schema | null): unknown => {
      const roll = random();
      if (!schema?.properties || roll < 0.15) return pick(NASTY);
      const fields = Object.keys(schema.properties);
      const body: Record<string, unknown> = {};
      for (const field of fields) if (random() < 0.7) body[field] = pick(NASTY);
      if (roll > 0.9) body[`unknown_${Math.floor(random() * 100)}`] = pick(NASTY);
      return body;
    };
    const failures: string[] = [];
    let sent = 0;
    for (const op of operations) {
      for (let i = 0; i < CASES_PER_OPERATION; i++) {
        // Hostile path and query values in turn, so each reaches each operation; bodies are drawn.
        const path = op.path.replace(/\{[^}]+\}/g, () => NASTY_PATH[i % NASTY_PATH.length]);
        const query: Record<string, string> = {};
        // One query parameter at a time, so another one's refusal does not hide how this one is handled.
        const queryParams = op.params.filter((p) => p.in === 'query');
        if (queryParams.length > 0) query[queryParams[i % queryParams.length].name] = NASTY_QUERY[Math.floor(i / queryParams.length) % NASTY_QUERY.length];
        const body = op.method === 'GET' || op.method === 'DELETE' ? undefined : bodyFor(op.body);
        let req = request(gw.http)[op.method.toLowerCase() as 'get'](path).query(query).set(bearer(admin));
        if (body !== undefined) req = req.set('Content-Type', 'application/json').send(JSON.stringify(body));
        const res = await req;
        sent++;
        if (res.status >= 500) failures.push(`${op.method} ${path.slice(0, 80)} ${JSON.stringify(query).slice(0, 80)} ${JSON.stringify(body)?.slice(0, 120)} -> ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      }
    }
    expect({ sent, failures }).toEqual({ sent: operations.length * CASES_PER_OPERATION, failures: [] });
  });
});
