import { lazy, Suspense } from 'react';
import { hasDebrief, LazyDebriefArea } from './debrief-slot';
import { useRoute, type Route } from './router';

// Each screen is its own chunk: a tablet opening a drill loads the drill's code, not the library's.
const HomeScreen = lazy(async () => ({ default: (await import('./home/HomeScreen')).HomeScreen }));
const DrillScreen = lazy(async () => ({
  default: (await import('./drill/DrillScreen')).DrillScreen,
}));
const LogsScreen = lazy(async () => ({ default: (await import('./logs/LogsScreen')).LogsScreen }));

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

/** The player: a top bar with the main navigation, and the screen the URL names. */
export function App() {
  const route = useRoute();
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
            {NAV.map((item) => (
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
        <Suspense fallback={<p className="hint">Loading…</p>}>
          <Screen route={route} />
        </Suspense>
      </main>
    </div>
  );
}

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'home':
      return <HomeScreen />;
    case 'drill':
      return <DrillScreen key={route.sessionId} sessionId={route.sessionId} />;
    case 'logs':
      return <LogsScreen />;
    case 'debrief':
      return LazyDebriefArea ? <LazyDebriefArea /> : <HomeScreen />;
  }
}
