import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { parseRoute } from './router';
import { loadScreen } from './screens';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
const render = () =>
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );

// The first screen's code comes before the first render, so the app opens on it directly.
loadScreen(parseRoute(window.location.hash).name).then(render, render);

// Class drills' logs still waiting for the hub go out now, and after each new event.
void import('./hub/outbox').then(({ startOutbox }) => startOutbox());
