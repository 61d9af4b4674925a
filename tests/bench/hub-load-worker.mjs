/**
 * The simulated tablets of the hub bench, on their own thread: each tablet
 * sends its decisions in order, one request each, after a think time when
 * paced. Run apart from the hub's event loop, as real tablets are, so the
 * hub's figures are the hub's. Posts `{ latencies, seconds, failures,
 * firstFailure, timedOut }` back.
 */
import { parentPort, workerData } from 'node:worker_threads';

const { api, tablets, paced, thinkMs, phaseMs } = workerData;

function seeded(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const latencies = [];
let failures = 0;
let firstFailure;
let timedOut = false;
const start = performance.now();
const deadline = start + phaseMs;
await Promise.all(
  tablets.map(async ({ token, uploads }, t) => {
    const random = seeded(7919 * (t + 1));
    for (const { sessionId, body } of uploads) {
      if (paced) {
        const think = thinkMs[0] + random() * (thinkMs[1] - thinkMs[0]);
        await new Promise((resolve) => setTimeout(resolve, think));
      }
      if (performance.now() > deadline) {
        timedOut = true;
        return;
      }
      const began = performance.now();
      try {
        const response = await fetch(`${api}/device/logs/${sessionId}/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body,
        });
        const text = await response.text();
        if (response.status !== 200) throw new Error(`upload answered ${response.status}: ${text}`);
        latencies.push(performance.now() - began);
      } catch (error) {
        failures++;
        firstFailure ??= error instanceof Error ? error.message : String(error);
        return;
      }
    }
  }),
);
parentPort.postMessage({
  latencies: latencies.sort((a, b) => a - b),
  seconds: (performance.now() - start) / 1000,
  failures,
  firstFailure,
  timedOut,
});
