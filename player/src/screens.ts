import type { ComponentType } from 'react';
import { loadDebriefArea } from './debrief-slot';
import type { Route } from './router';

/** The screen components, each its own chunk, loaded once and then kept. */
export type ScreenComponent = ComponentType<{ sessionId: string }>;

const loaders: Record<Route['name'], () => Promise<ScreenComponent | undefined>> = {
  home: async () => (await import('./home/HomeScreen')).HomeScreen,
  drill: async () => (await import('./drill/DrillScreen')).DrillScreen,
  logs: async () => (await import('./logs/LogsScreen')).LogsScreen,
  debrief: async () => (await loadDebriefArea()) as ScreenComponent | undefined,
  hub: async () => (await import('./hub/instructor/HubArea')).HubArea,
  join: async () => (await import('./hub/JoinScreen')).JoinScreen,
};

const loaded = new Map<Route['name'], ScreenComponent | undefined>();
const pending = new Map<Route['name'], Promise<ScreenComponent | undefined>>();

/**
 * Loads a screen's code. The app waits for the first screen before its first
 * render and renders later screens once they are here, so no loading
 * placeholder flashes (and React does not hold back a screen that is ready).
 */
export function loadScreen(name: Route['name']): Promise<ScreenComponent | undefined> {
  let promise = pending.get(name);
  if (!promise) {
    promise = loaders[name]().then((component) => {
      loaded.set(name, component);
      return component;
    });
    pending.set(name, promise);
    promise.catch(() => pending.delete(name));
  }
  return promise;
}

/** The screen's component when its code is already here. */
export function loadedScreen(name: Route['name']): ScreenComponent | undefined {
  return loaded.get(name);
}

/** True once a screen's code has been loaded (even if the screen is absent from this build). */
export function isScreenLoaded(name: Route['name']): boolean {
  return loaded.has(name);
}
