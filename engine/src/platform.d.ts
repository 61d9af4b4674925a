/**
 * The few host facilities the engine uses, present alike in Node, browsers
 * and workers. Declared here because the engine compiles without the DOM
 * library (which keeps DOM use out of it).
 */
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare const performance: { now(): number };
declare const crypto: { randomUUID(): string };
