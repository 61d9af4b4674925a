import { useSyncExternalStore } from 'react';

/** The screens of the player, addressed by the URL hash so a reload lands in the same place. */
export type Route =
  | { name: 'home' }
  | { name: 'drill'; sessionId: string }
  | { name: 'logs' }
  | { name: 'debrief'; rest: string }
  | { name: 'hub'; rest: string }
  | { name: 'join'; code: string };

/** Reads a route from a hash such as `#/drill/4f0c...`. Unknown hashes go home. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'drill' && parts[1])
    return { name: 'drill', sessionId: decodeURIComponent(parts[1]) };
  if (parts[0] === 'logs') return { name: 'logs' };
  if (parts[0] === 'debrief') return { name: 'debrief', rest: parts.slice(1).join('/') };
  if (parts[0] === 'hub') return { name: 'hub', rest: parts.slice(1).join('/') };
  if (parts[0] === 'join') return { name: 'join', code: decodeURIComponent(parts[1] ?? '') };
  return { name: 'home' };
}

/** The hash that addresses a route. */
export function routeHash(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'drill':
      return `#/drill/${encodeURIComponent(route.sessionId)}`;
    case 'logs':
      return '#/logs';
    case 'debrief':
      return route.rest ? `#/debrief/${route.rest}` : '#/debrief';
    case 'hub':
      return route.rest ? `#/hub/${route.rest}` : '#/hub';
    case 'join':
      return route.code ? `#/join/${encodeURIComponent(route.code)}` : '#/join';
  }
}

/** Goes to a route (adds a history entry, so the back button works). */
export function navigate(route: Route): void {
  const hash = routeHash(route);
  if (window.location.hash !== hash) window.location.hash = hash;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current route, re-rendering on every hash change. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
