import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario, scenarioDigest } from '@defuse/engine';
import {
  firstAdmin,
  KINDS,
  newInstructor,
  shippedScenario,
  shippedText,
  startHub,
  type Instructor,
  type TestHub,
} from './support/hub';

describe.each(KINDS)('publishing scenarios on %s', (kind) => {
  let hub: TestHub;
  let instructor: Instructor;
  beforeAll(async () => {
    hub = await startHub(kind);
    instructor = await newInstructor(hub, await firstAdmin(hub));
  });
  afterAll(() => hub?.close());

  const post = (payload: string) =>
    hub.request({
      method: 'POST',
      url: '/scenarios',
      headers: { ...instructor.headers, 'content-type': 'application/json' },
      payload,
    });

  const oneLine = (body: { message: string }) => {
    expect(body.message).not.toContain('\n');
    expect(body.message).not.toMatch(/\n|at .+\(.*:\d+:\d+\)|node_modules/);
  };

  it('stores a valid scenario with 201, answers 200 for the same again, and serves the exact text', async () => {
    const text = shippedText('welfare-check-confused-elder');
    const scenario = shippedScenario('welfare-check-confused-elder');
    const first = await post(text);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      id: scenario.id,
      version: scenario.version,
      digest: scenarioDigest(scenario),
      title: scenario.title,
      publishedBy: 'Sergeant Reyes',
    });
    const again = await post(text);
    expect(again.statusCode).toBe(200);
    expect(again.json().digest).toBe(first.json().digest);
    const list = await hub.request({
      method: 'GET',
      url: '/scenarios',
      headers: instructor.headers,
    });
    expect(list.json().scenarios.filter((s: { id: string }) => s.id === scenario.id)).toHaveLength(
      1,
    );
    const opened = await hub.request({
      method: 'GET',
      url: `/scenarios/${scenario.id}/${scenario.version}`,
      headers: instructor.headers,
    });
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toBe(text);
    const missing = await hub.request({
      method: 'GET',
      url: `/scenarios/${scenario.id}/99.0.0`,
      headers: instructor.headers,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('refuses the same id and version with another text with 409 that says to raise the version', async () => {
    const doc = JSON.parse(shippedText('domestic-dispute-child'));
    expect((await post(JSON.stringify(doc))).statusCode).toBe(201);
    const edited = { ...doc, title: `${doc.title} (revised)` };
    const refused = await post(JSON.stringify(edited));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toMatch(/raise the version/i);
    oneLine(refused.json());
    const raised = await post(JSON.stringify({ ...edited, version: '99.0.0' }));
    expect(raised.statusCode).toBe(201);
  });

  it("refuses an invalid scenario with 422 and the engine's diagnostics, codes, paths and lines", async () => {
    const text = shippedText('library-agitated-patron').replace(
      /"start":\s*"([^"]+)"/,
      '"start": "no-such-beat"',
    );
    const engine = parseScenario(text, { analyse: true }).diagnostics.filter(
      (d) => d.severity === 'error',
    );
    expect(engine.length).toBeGreaterThan(0);
    const refused = await post(text);
    expect(refused.statusCode).toBe(422);
    const body = refused.json() as {
      message: string;
      diagnostics: { code: string; path: string; line?: number; severity: string }[];
    };
    oneLine(body);
    const errors = body.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.code)).toEqual(engine.map((d) => d.code));
    expect(errors[0]).toMatchObject({
      code: engine[0]!.code,
      path: '/start',
      line: engine[0]!.line,
    });
    expect(errors[0]!.line).toBeGreaterThan(0);
    expect(body.message).toContain(engine[0]!.code);
  });

  it('refuses a scenario sent as anything but JSON with 415, and stores nothing', async () => {
    const doc = JSON.parse(shippedText('library-agitated-patron'));
    const refused = await hub.request({
      method: 'POST',
      url: '/scenarios',
      headers: { ...instructor.headers, 'content-type': 'text/plain' },
      payload: JSON.stringify({ ...doc, version: '7.0.0' }),
    });
    expect(refused.statusCode).toBe(415);
    oneLine(refused.json());
    const listed = await hub.request({
      method: 'GET',
      url: '/scenarios',
      headers: instructor.headers,
    });
    expect(listed.json().scenarios.map((s: { version: string }) => s.version)).not.toContain(
      '7.0.0',
    );
  });

  it('refuses a document over 5 MB with 413 in one line', async () => {
    const doc = JSON.parse(shippedText('library-agitated-patron'));
    const big = JSON.stringify({
      ...doc,
      version: '5.0.0',
      description: 'x'.repeat(5 * 1024 * 1024),
    });
    const refused = await post(big);
    expect(refused.statusCode).toBe(413);
    oneLine(refused.json());
  });

  it('refuses malformed JSON and unknown fields with a one-line 4xx and no stack trace', async () => {
    const doc = JSON.parse(shippedText('library-agitated-patron'));
    const cases = [
      await post('{"format": "defuse/scenario@1", '),
      await post(JSON.stringify({ ...doc, version: '6.0.0', colour: 'red' })),
      await hub.request({
        method: 'POST',
        url: '/classes',
        headers: instructor.headers,
        payload: { name: 'A', mode: 'training', scenarios: [], extra: 1 },
      }),
      await hub.request({
        method: 'POST',
        url: '/classes',
        headers: { ...instructor.headers, 'content-type': 'application/json' },
        payload: '{"name": "A",',
      }),
    ];
    for (const response of cases) {
      expect(response.statusCode, response.body).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, response.body).toBeLessThan(500);
      const body = response.json();
      expect(body).toMatchObject({ statusCode: response.statusCode, error: expect.any(String) });
      oneLine(body);
      expect(response.body).not.toContain('stack');
    }
    expect(
      cases[1]!.json().diagnostics.map((d: { code: string }) => d.code).length,
    ).toBeGreaterThan(0);
    expect(cases[2]!.json().message).toMatch(/unknown field "extra"/);
    const stored = await hub.request({
      method: 'GET',
      url: '/scenarios',
      headers: instructor.headers,
    });
    expect(stored.json().scenarios.map((s: { version: string }) => s.version)).not.toContain(
      '6.0.0',
    );
  });
});
