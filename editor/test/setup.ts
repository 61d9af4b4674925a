import 'fake-indexeddb/auto';
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';

afterEach(() => cleanup());

// React Flow measures nodes and the viewport with browser APIs jsdom lacks.
class ResizeObserverStub {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element): void {
    // Report one size at once, as a browser does after layout.
    const entry = { target, contentRect: { width: 240, height: 100 } } as ResizeObserverEntry;
    queueMicrotask(() => this.callback([entry], this as unknown as ResizeObserver));
  }
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;

class DOMMatrixReadOnlyStub {
  m22: number;
  constructor(transform?: string) {
    const scale = transform?.match(/scale\(([1-9.])\)/)?.[1];
    this.m22 = scale !== undefined ? Number(scale) : 1;
  }
}
globalThis.DOMMatrixReadOnly ??= DOMMatrixReadOnlyStub as unknown as typeof DOMMatrixReadOnly;
globalThis.DOMMatrix ??= DOMMatrixReadOnlyStub as unknown as typeof DOMMatrix;

Object.defineProperties(globalThis.HTMLElement.prototype, {
  offsetHeight: { configurable: true, get: () => 100 },
  offsetWidth: { configurable: true, get: () => 240 },
});

(globalThis.SVGElement.prototype as unknown as { getBBox: () => DOMRect }).getBBox ??= () =>
  ({ x: 0, y: 0, width: 80, height: 16 }) as DOMRect;

globalThis.URL.createObjectURL ??= () => 'blob:stub';
globalThis.URL.revokeObjectURL ??= () => {};
