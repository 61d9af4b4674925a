import { describe, expect, it } from 'vitest';
import { canonicalJson, scenarioDigest } from '../src/index';
import { lobby } from './helpers';

describe('canonical JSON and digests', () => {
  it('follows RFC 8785: sorted keys, shortest numbers, no whitespace', () => {
    // From RFC 8785 section 3.2.2 and appendix B.
    expect(canonicalJson({ b: 1, a: [1e21, 1e-7, 0.000001, -0], c: 'é\u2028' })).toBe(
      '{"a":[1e+21,1e-7,0.000001,0],"b":1,"c":"é\u2028"}',
    );
  });

  it('gives the same digest whatever the key order of the file', () => {
    const s = lobby();
    const reordered = Object.fromEntries(Object.entries(s).reverse()) as typeof s;
    expect(scenarioDigest(reordered)).toBe(scenarioDigest(s));
    expect(scenarioDigest(s)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('changes the digest when any text changes', () => {
    const s = lobby();
    const t = lobby();
    t.beats.arrive!.narrative += ' ';
    expect(scenarioDigest(t)).not.toBe(scenarioDigest(s));
  });
});

describe('the digest and the editor layout', () => {
  it('ignores where beats sit on the editor canvas, so moving a node keeps logs attributed', () => {
    const s = lobby();
    const laidOut = { ...lobby(), 'x-editor': { positions: { arrive: { x: 10, y: 20 } } } };
    expect(scenarioDigest(laidOut)).toBe(scenarioDigest(s));
    const tagged = { ...lobby(), 'x-callType': 'Disturbance' };
    expect(scenarioDigest(tagged)).not.toBe(scenarioDigest(s));
  });
});
