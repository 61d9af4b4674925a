/**
 * Writes the decision-log corpus in `logs/`: real drills of the lobby
 * scenario (`lobby.scenario.json`) on a fake clock, then tampered with the
 * way a person editing the file would (or a careful forger who recomputes
 * the hash chain). The expectations live in `expected.json`, written by
 * hand; run `npx tsx tests/bad-input/make-logs.ts` after changing a case.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  eventHash,
  parseScenario,
  resumeDrill,
  startDrill,
  verifyLog,
  type Drill,
  type StartDrillOptions,
} from '@defuse/engine';
import type { DecisionLog, LogEvent, OutcomeBeat, Scenario } from '@defuse/schemas';
import {
  deviceKeyFromSecret,
  publicKeyOf,
  signHash,
  type PrivateKeyJwk,
} from '../../engine/src/cli/device-key';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

function load(path: string): Scenario {
  const { scenario, diagnostics } = parseScenario(new Uint8Array(readFileSync(path)));
  if (!scenario) throw new Error(`${path}: ${JSON.stringify(diagnostics)}`);
  return scenario;
}

const lobby = load(join(here, 'lobby.scenario.json'));
const hurtOutcome = (lobby.beats.hurt as OutcomeBeat).outcome;
const library = load(join(root, 'scenarios', 'library-agitated-patron.scenario.json'));

/** A drill on a clock the script moves by hand. */
async function drill(
  scenario: Scenario,
  options: StartDrillOptions,
): Promise<{ d: Drill; at: (ms: number) => void }> {
  let now = 0;
  const d = await startDrill(scenario, {
    clock: () => now,
    startedAt: '2026-11-22T14:03:00.000Z',
    trainee: { id: '4471', name: 'R. Alvarez' },
    ...options,
  });
  return { d, at: (ms) => (now = ms) };
}

const session = (n: number) => `6f1c2a4e-1f3d-4c5b-9a8e-7d6f5e4c3b${String(n).padStart(2, '0')}`;

/** gap, then "You sound frustrated." and the seeded draw calms him. */
async function chanceDrill(): Promise<DecisionLog> {
  const { d, at } = await drill(lobby, { seed: 7, sessionId: session(1) });
  at(1500);
  await d.choose('gap');
  at(4000);
  await d.choose('label');
  return d.log();
}

/** gap, then silence until the timer runs out, then cover. */
async function timeoutDrill(): Promise<DecisionLog> {
  const { d, at } = await drill(lobby, { seed: 11, sessionId: session(2), mode: 'assessment' });
  at(2100);
  await d.choose('gap');
  at(12100);
  await d.expire();
  at(15300);
  await d.choose('cover');
  return d.log();
}

/** An instructor at the console picks "He lunges". */
async function instructorDrill(): Promise<DecisionLog> {
  const { d, at } = await drill(lobby, { seed: 3, sessionId: session(3), instructor: 'present' });
  at(1800);
  await d.choose('gap');
  at(5200);
  await d.choose('order');
  at(9000);
  await d.pick(1);
  at(11000);
  await d.choose('cover');
  return d.log();
}

/** Paused to discuss, the tablet dies, the drill resumes and ends. */
async function resumedDrill(): Promise<DecisionLog> {
  const first = await drill(lobby, { seed: 7, sessionId: session(4) });
  first.at(1200);
  await first.d.choose('gap');
  first.at(3000);
  await first.d.pause();
  first.at(20000);
  await first.d.unpause();
  let now = 500;
  const d = await resumeDrill(lobby, first.d.log(), { clock: () => now, interruptedAt: 22000 });
  now = 2500;
  await d.choose('label');
  return d.log();
}

/**
 * Fixed keys, so the corpus comes out the same each time it is made (ECDSA
 * signing by noble is deterministic, RFC 6979). Test keys only: their
 * secrets are derived from these public phrases. `trusted-keys.json` lists
 * the tablet and the hub, as a hub's registry would; the stranger is the
 * forger's own key, and the spare tablet one the hub never registered.
 */
const testKey = (phrase: string) =>
  deviceKeyFromSecret(new Uint8Array(createHash('sha256').update(phrase).digest()));
const tablet = testKey('defuse bad-input corpus: tablet 3');
const spareTablet = testKey('defuse bad-input corpus: unregistered tablet');
const hubKey = testKey('defuse bad-input corpus: north academy hub');
const stranger = testKey('defuse bad-input corpus: forger');

/** A drill as a player with a device key records it: every event signed. */
async function signedDrill(key: PrivateKeyJwk = tablet): Promise<DecisionLog> {
  const { d, at } = await drill(lobby, {
    seed: 7,
    sessionId: session(20),
    deviceKey: publicKeyOf(key),
    sign: (hash) => signHash(key, hash),
  });
  at(1500);
  await d.choose('gap');
  at(4000);
  await d.choose('label');
  return d.log();
}

/** A signed drill the hub received and countersigned, event by event. */
async function countersignedDrill(): Promise<DecisionLog> {
  const log = await signedDrill(spareTablet);
  log.hub = { key: publicKeyOf(hubKey), name: 'North academy' };
  for (const e of log.events) e.hubSig = signHash(hubKey, e.hash);
  return log;
}

/**
 * The red team's forgery: another trainee, every time divided by 10, the
 * chain rebuilt; re-signed with the forger's own key when `resign`.
 */
function redTeamForgery(log: DecisionLog, resign?: PrivateKeyJwk): DecisionLog {
  log.trainee = { id: '9999', name: 'Someone Else' };
  if (resign) log.deviceKey = publicKeyOf(resign);
  let prev = log.scenario.digest;
  for (const e of log.events) {
    e.at = Math.round(e.at / 10);
    if (e.session) {
      e.session.trainee = log.trainee;
      if (resign) e.session.deviceKey = publicKeyOf(resign);
    }
    e.hash = eventHash(prev, e);
    if (resign) e.sig = signHash(resign, e.hash);
    prev = e.hash;
  }
  return log;
}

/** Recomputes every hash, as someone who knows the format would. */
function rehash(log: DecisionLog): DecisionLog {
  let prev = log.scenario.digest;
  log.events = log.events.map((e) => {
    const { hash: _old, ...rest } = e;
    const event = { ...rest, hash: eventHash(prev, rest) } as LogEvent;
    prev = event.hash;
    return event;
  });
  return log;
}

const renumber = (log: DecisionLog) => {
  log.events.forEach((e, i) => (e.seq = i + 1));
  return log;
};

interface Case {
  file: string;
  make: () => Promise<DecisionLog | string | Uint8Array>;
}

const copy = async (make: () => Promise<DecisionLog>, edit: (log: DecisionLog) => void) => {
  const log = structuredClone(await make());
  edit(log);
  return log;
};

const cases: Case[] = [
  // Intact logs
  { file: 'valid-chance.log.json', make: chanceDrill },
  { file: 'valid-timeout.log.json', make: timeoutDrill },
  { file: 'valid-instructor.log.json', make: instructorDrill },
  { file: 'valid-paused-resumed.log.json', make: resumedDrill },
  {
    // Annotations are outside the chain on purpose.
    file: 'valid-annotated.log.json',
    make: () =>
      copy(chanceDrill, (log) => {
        log.annotations = [{ seq: 2, author: 'Sgt. Ortiz', text: 'Good use of <b>distance</b>.' }];
      }),
  },
  // Signed logs (see trusted-keys.json for who is trusted)
  { file: 'valid-signed.log.json', make: () => signedDrill() },
  {
    // Cut short after its second event: still signed on its last one.
    file: 'valid-signed-cut-short.log.json',
    make: () =>
      copy(signedDrill, (log) => {
        log.events = log.events.slice(0, 2);
      }),
  },
  { file: 'valid-countersigned.log.json', make: countersignedDrill },
  {
    // Intact, but of the forger's key: "anyone could have written it".
    file: 'forged-resigned.log.json',
    make: () => copy(signedDrill, (log) => void redTeamForgery(log, stranger)),
  },
  {
    file: 'forged-rechained-signed.log.json',
    make: () => copy(signedDrill, (log) => void redTeamForgery(log)),
  },
  {
    // Signatures stripped off the newest events, as if someone without the key added them.
    file: 'unsigned-tail.log.json',
    make: () =>
      copy(signedDrill, (log) => {
        delete log.events[3]!.sig;
      }),
  },
  {
    file: 'swapped-device-key.log.json',
    make: () =>
      copy(signedDrill, (log) => {
        log.deviceKey = publicKeyOf(stranger);
      }),
  },
  {
    file: 'signed-without-key.log.json',
    make: () =>
      copy(signedDrill, (log) => {
        delete log.deviceKey;
        delete log.events[0]!.session!.deviceKey;
        rehash(log);
        for (const e of log.events) e.sig = signHash(stranger, e.hash);
      }),
  },
  {
    file: 'bad-hub-signature.log.json',
    make: () =>
      copy(countersignedDrill, (log) => {
        log.events[3]!.hubSig = signHash(stranger, log.events[3]!.hash);
      }),
  },
  {
    file: 'malformed-signature.log.json',
    make: () =>
      copy(signedDrill, (log) => {
        log.events[1]!.sig = log.events[1]!.sig!.slice(0, 64);
      }),
  },
  // Edited by hand: the chain breaks
  {
    file: 'edited-choice.log.json',
    make: () =>
      copy(timeoutDrill, (log) => {
        log.events[1]!.choice = 'rush';
      }),
  },
  {
    file: 'edited-vars.log.json',
    make: () =>
      copy(timeoutDrill, (log) => {
        log.events[2]!.vars!.agitation = 3;
      }),
  },
  {
    file: 'edited-time.log.json',
    make: () =>
      copy(timeoutDrill, (log) => {
        log.events[3]!.at = 4000;
      }),
  },
  {
    file: 'deleted-event.log.json',
    make: () =>
      copy(timeoutDrill, (log) => {
        log.events.splice(2, 1);
      }),
  },
  {
    file: 'reordered-events.log.json',
    make: () =>
      copy(timeoutDrill, (log) => {
        const [a, b] = [log.events[1]!, log.events[2]!];
        log.events[1] = b;
        log.events[2] = a;
      }),
  },
  {
    file: 'inserted-event.log.json',
    make: () =>
      copy(timeoutDrill, (log) => {
        const fake = { ...log.events[1]!, type: 'pause' as const, beat: 'talk', at: 5000 };
        delete fake.choice;
        delete fake.to;
        delete fake.vars;
        log.events.splice(2, 0, fake);
        renumber(log);
      }),
  },
  {
    file: 'duplicated-event.log.json',
    make: () =>
      copy(timeoutDrill, (log) => {
        log.events.splice(2, 0, structuredClone(log.events[1]!));
      }),
  },
  {
    file: 'changed-seq.log.json',
    make: () =>
      copy(timeoutDrill, (log) => {
        log.events[3]!.seq = 9;
      }),
  },
  // Forged: the chain is recomputed, so only replay or the order checks can tell
  {
    file: 'time-backwards.log.json',
    make: () =>
      copy(timeoutDrill, (log) => {
        log.events[3]!.at = 1000;
        rehash(log);
      }),
  },
  {
    // The draw calmed him; the forger says it did not.
    file: 'forged-to.log.json',
    make: () =>
      copy(chanceDrill, (log) => {
        log.events[2]!.to = 'grab';
        log.events.pop();
        log.events.push(
          { seq: 4, at: 6000, type: 'choice', beat: 'grab', choice: 'cover', to: 'hurt', vars: { ...log.events[2]!.vars!, position: 'cover' }, hash: '' },
          { seq: 5, at: 6000, type: 'end', beat: 'hurt', outcome: hurtOutcome, hash: '' },
        );
        rehash(log);
      }),
  },
  {
    file: 'forged-vars.log.json',
    make: () =>
      copy(timeoutDrill, (log) => {
        for (const e of log.events.slice(1)) if (e.vars) e.vars.rapport = 9;
        rehash(log);
      }),
  },
  {
    file: 'forged-outcome.log.json',
    make: () =>
      copy(chanceDrill, (log) => {
        log.events[3]!.outcome = { ...log.events[3]!.outcome!, result: 'referred' };
        rehash(log);
      }),
  },
  {
    file: 'forged-beat.log.json',
    make: () =>
      copy(timeoutDrill, (log) => {
        log.events[3]!.beat = 'talk';
        rehash(log);
      }),
  },
  {
    // A different seed draws differently: the recorded chance outcome no longer follows.
    file: 'forged-seed.log.json',
    make: () =>
      copy(chanceDrill, (log) => {
        log.seed = 8;
      }),
  },
  {
    file: 'unknown-choice.log.json',
    make: () =>
      copy(timeoutDrill, (log) => {
        log.events[1]!.choice = 'negotiate';
        rehash(log);
      }),
  },
  {
    file: 'timeout-without-timer.log.json',
    make: () =>
      copy(timeoutDrill, (log) => {
        log.events[3]!.type = 'timeout';
        delete log.events[3]!.choice;
        rehash(log);
      }),
  },
  {
    file: 'instructor-option-out-of-range.log.json',
    make: () =>
      copy(instructorDrill, (log) => {
        log.events[2]!.option = 5;
        rehash(log);
      }),
  },
  {
    file: 'events-after-end.log.json',
    make: () =>
      copy(chanceDrill, (log) => {
        log.events.push({ ...structuredClone(log.events[1]!), seq: 5, at: 9000 });
        rehash(log);
      }),
  },
  {
    file: 'first-event-not-start.log.json',
    make: () =>
      copy(timeoutDrill, (log) => {
        log.events.shift();
        renumber(log);
        rehash(log);
      }),
  },
  {
    file: 'end-before-outcome.log.json',
    make: () =>
      copy(timeoutDrill, (log) => {
        log.events.splice(2, 3, { ...structuredClone(log.events[4]!), seq: 3, at: 3000 });
        rehash(log);
      }),
  },
  // Another scenario, or another version of this one
  {
    file: 'other-version.log.json',
    make: async () => {
      const revised = structuredClone(lobby);
      revised.version = '1.1.0';
      revised.beats.arrive!.narrative = 'A man shouts at the front desk and waves a library card.';
      const { d, at } = await drill(revised, { seed: 7, sessionId: session(5) });
      at(1500);
      await d.choose('gap');
      return d.log();
    },
  },
  {
    // The header says 9.9.9, the digest is 1.0.0's: the version is outside the chain.
    file: 'claimed-version.log.json',
    make: () =>
      copy(chanceDrill, (log) => {
        log.scenario.version = '9.9.9';
      }),
  },
  {
    file: 'other-scenario.log.json',
    make: async () => {
      const { d, at } = await drill(library, { seed: 5, sessionId: session(6) });
      at(3000);
      const first = d.snapshot().choices[0]!;
      await d.choose(first.id);
      return d.log();
    },
  },
  // Not a readable log
  {
    file: 'truncated.log.json',
    make: async () => {
      const text = JSON.stringify(await timeoutDrill(), null, 2);
      return text.slice(0, Math.floor(text.length * 0.6));
    },
  },
  {
    file: 'missing-hash.log.json',
    make: () =>
      copy(timeoutDrill, (log) => {
        delete (log.events[1] as Partial<LogEvent>).hash;
      }),
  },
  {
    file: 'uppercase-hash.log.json',
    make: () =>
      copy(timeoutDrill, (log) => {
        log.events[1]!.hash = log.events[1]!.hash.toUpperCase().replace('SHA256', 'sha256');
      }),
  },
  {
    file: 'negative-time.log.json',
    make: () =>
      copy(timeoutDrill, (log) => {
        log.events[0]!.at = -20;
      }),
  },
  {
    // A forger's time, rechained: verifies by the chain, but is no date at all.
    file: 'time-far-future.log.json',
    make: () =>
      copy(timeoutDrill, (log) => {
        log.events.at(-1)!.at = 1e300;
        rehash(log);
      }),
  },
  {
    file: 'format-version.log.json',
    make: () =>
      copy(timeoutDrill, (log) => {
        (log as { format: string }).format = 'defuse/decision-log@2';
      }),
  },
  {
    file: 'top-level-array.log.json',
    make: async () => JSON.stringify((await timeoutDrill()).events, null, 2) + '\n',
  },
  { file: 'empty.log.json', make: async () => '' },
  {
    file: 'duplicate-key.log.json',
    make: async () => {
      const text = JSON.stringify(await timeoutDrill(), null, 2);
      return text.replace('"choice": "gap",', '"choice": "gap",\n      "choice": "rush",') + '\n';
    },
  },
  {
    file: 'invalid-utf8.log.json',
    make: async () => {
      const [head, tail] = JSON.stringify(await timeoutDrill(), null, 2).split('R. Alvarez');
      const enc = new TextEncoder();
      const bytes = [enc.encode(head! + 'R. '), new Uint8Array([0xc1, 0x6c]), enc.encode('varez' + tail!)];
      const out = new Uint8Array(bytes.reduce((n, b) => n + b.length, 0));
      let at = 0;
      for (const b of bytes) {
        out.set(b, at);
        at += b.length;
      }
      return out;
    },
  },
];

const out = join(here, 'logs');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const c of cases) {
  const made = await c.make();
  const data = typeof made === 'string' || made instanceof Uint8Array ? made : JSON.stringify(made, null, 2) + '\n';
  writeFileSync(join(out, c.file), data);
}
// The intact drills must verify, or every tampered copy tests nothing.
for (const make of [chanceDrill, timeoutDrill, instructorDrill, resumedDrill]) {
  const check = verifyLog(lobby, await make());
  if (!check.ok) throw new Error(`an intact drill does not verify: ${check.message}`);
}
writeFileSync(
  join(here, 'trusted-keys.json'),
  JSON.stringify(
    {
      keys: [
        { publicKey: publicKeyOf(tablet), kind: 'device', name: 'Tablet 3' },
        { publicKey: publicKeyOf(hubKey), kind: 'hub', name: 'North academy' },
      ],
    },
    null,
    2,
  ) + '\n',
);
console.log(`wrote ${readdirSync(out).length} log files to ${out}`);
