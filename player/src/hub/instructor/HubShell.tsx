import { useMemo } from 'react';
import type { HubAccount } from '../api';
import { useRoute } from '../../router';
import { AccountsPage } from './AccountsPage';
import { AdminPage } from './AdminPage';
import { ClassesPage } from './ClassesPage';
import { ClassPage } from './ClassPage';
import { ErrorNotice } from './ErrorNotice';
import { parseHubPage, type HubPage } from './hub-pages';
import { NewClassPage } from './NewClassPage';
import { HubSessionContext } from './session-context';

/** Props of {@link HubShell}. */
export interface HubShellProps {
  account: HubAccount;
  sessionEnded: () => void;
  onSignOut: () => void;
  /** Why the last sign-out failed, if it did. */
  signOutError?: unknown;
}

interface Section {
  label: string;
  href: string;
  adminOnly: boolean;
  matches: (page: HubPage) => boolean;
}

const SECTIONS: Section[] = [
  {
    label: 'Classes',
    href: '#/hub',
    adminOnly: false,
    matches: (p) => p.page === 'classes' || p.page === 'new-class' || p.page === 'class',
  },
  {
    label: 'Accounts',
    href: '#/hub/accounts',
    adminOnly: true,
    matches: (p) => p.page === 'accounts',
  },
  { label: 'Admin', href: '#/hub/admin', adminOnly: true, matches: (p) => p.page === 'admin' },
];

/** The signed-in hub: its sections (Accounts and Admin for admins only), who is signed in, and the page. */
export function HubShell({ account, sessionEnded, onSignOut, signOutError }: HubShellProps) {
  const route = useRoute();
  const page = parseHubPage(route.name === 'hub' ? route.rest : '');
  const isAdmin = account.role === 'admin';
  const session = useMemo(() => ({ account, sessionEnded }), [account, sessionEnded]);
  const sections = SECTIONS.filter((s) => isAdmin || !s.adminOnly);

  return (
    <HubSessionContext.Provider value={session}>
      <div className="hub-bar">
        <nav aria-label="Class hub">
          <ul>
            {sections.map((s) => (
              <li key={s.href}>
                <a href={s.href} aria-current={s.matches(page) ? 'page' : undefined}>
                  {s.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="hub-who">
          <span>
            Signed in as <strong>{account.name}</strong>
            <span className="hint block">{isAdmin ? 'Admin' : 'Instructor'}</span>
          </span>
          <button type="button" className="button secondary compact" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </div>
      {signOutError !== undefined && (
        <ErrorNotice title="Signing out did not work." error={signOutError} />
      )}
      <HubPageView page={page} isAdmin={isAdmin} />
    </HubSessionContext.Provider>
  );
}

function HubPageView({ page, isAdmin }: { page: HubPage; isAdmin: boolean }) {
  switch (page.page) {
    case 'classes':
      return <ClassesPage />;
    case 'new-class':
      return <NewClassPage />;
    case 'class':
      return <ClassPage key={page.classId} classId={page.classId} />;
    case 'accounts':
      return isAdmin ? <AccountsPage /> : <AdminOnly />;
    case 'admin':
      return isAdmin ? <AdminPage /> : <AdminOnly />;
  }
}

function AdminOnly() {
  return (
    <div className="panel">
      <h1>For admins only</h1>
      <p>Only an admin of this hub can manage accounts and settings. Ask your admin.</p>
      <a className="button primary" href="#/hub">
        Go to the classes
      </a>
    </div>
  );
}
