import { useEffect, useReducer, useState } from 'react';
import { hasDebrief } from './debrief-slot';
import { useHubServed } from './hub/instructor/hub-served';
import { useRoute, type Route } from './router';
import { isScreenLoaded, loadScreen, loadedScreen } from './screens';

interface NavItem {
  label: string;
  href: string;
  matches: (route: Route) => boolean;
}

const NAV: NavItem[] = [
  { label: 'Drills', href: '#/', matches: (r) => r.name === 'home' || r.name === 'drill' },
  { label: 'Logs', href: '#/logs', matches: (r) => r.name === 'logs' },
  ...(hasDebrief
    ? [{ label: 'Debrief', href: '#/debrief', matches: (r: Route) => r.name === 'debrief' }]
    : []),
];

/** Offered only when a class hub served the page (see {@link useHubServed}). */
const HUB_NAV: NavItem = { label: 'Class hub', href: '#/hub', matches: (r) => r.name === 'hub' };

/** The player: a top bar with the main navigation, and the screen the URL names. */
export function App() {
  const route = useRoute();
  const nav = useHubServed() ? [...NAV, HUB_NAV] : NAV;
  return (
    <div className={`app route-${route.name}`}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <a className="brand" href="#/" aria-label="Defuse, home">
          <svg viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="7" className="brand-tile" />
            <path d="M8 17.5h5l2.5-6 3 10 2.5-4h3" className="brand-line" />
          </svg>
          <span>Defuse</span>
        </a>
        <nav aria-label="Main">
          <ul>
            {nav.map((item) => (
              <li key={item.href}>
                <a href={item.href} aria-current={item.matches(route) ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Screen route={route} />
      </main>
    </div>
  );
}

function Screen({ route }: { route: Route }) {
  const [, loaded] = useReducer((n: number) => n + 1, 0);
  const [failed, setFailed] = useState<string>();
  const ready = isScreenLoaded(route.name);
  useEffect(() => {
    if (ready) return;
    setFailed(undefined);
    loadScreen(route.name).then(loaded, (e: unknown) =>
      setFailed(e instanceof Error ? e.message : String(e)),
    );
  }, [route.name, ready]);

  if (failed) {
    return (
      <div className="notice error" role="alert">
        <p>This screen could not be loaded ({failed}). Check the connection and reload.</p>
      </div>
    );
  }
  if (!ready) return <p className="hint">Loading…</p>;
  const Component = loadedScreen(route.name);
  if (!Component) {
    return (
      <div className="panel empty">
        <p>This part of Defuse is not in this build.</p>
        <a className="button primary" href="#/">
          Go to the drills
        </a>
      </div>
    );
  }
  return route.name === 'drill' ? (
    <Component key={route.sessionId} sessionId={route.sessionId} />
  ) : (
    <Component sessionId="" />
  );
}
