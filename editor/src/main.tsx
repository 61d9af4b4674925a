import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles/editor.css';
import { EditorApp } from './components/App';
import { startSession } from './session';

const root = createRoot(document.getElementById('root')!);
startSession().then(
  (session) => {
    root.render(
      <StrictMode>
        <EditorApp session={session} />
      </StrictMode>,
    );
  },
  (error: unknown) => {
    root.render(
      <p className="fatal">
        The editor could not start: {error instanceof Error ? error.message : String(error)}
      </p>,
    );
  },
);
