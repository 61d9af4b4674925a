import { useCallback, useState } from 'react';
import { formatDateTime } from '../../ui/format';
import { ErrorNotice } from './ErrorNotice';
import { listAccounts } from './instructor-api';
import { NewAccountForm } from './NewAccountForm';
import { useHubData } from './use-hub-data';

/** The hub's instructor and admin accounts, and a form to add one (admins only). */
export function AccountsPage() {
  const load = useCallback((signal: AbortSignal) => listAccounts(signal), []);
  const { data: accounts, error, reload, setData } = useHubData(load);
  const [status, setStatus] = useState('');

  return (
    <div className="hub-accounts">
      <div className="page-heading">
        <h1>Accounts</h1>
        <p className="lede">Instructors run classes. Admins also manage accounts and settings.</p>
      </div>
      <p role="status" className="visually-hidden">
        {status}
      </p>
      {error !== undefined && (
        <ErrorNotice title="The accounts could not be loaded." error={error} onRetry={reload} />
      )}
      {!accounts && error === undefined && <p className="hint">Loading accounts…</p>}
      {accounts && (
        <div className="table-wrap">
          <table className="log-table hub-table">
            <caption className="visually-hidden">Accounts on this hub</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">E-mail</th>
                <th scope="col">Role</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{a.name}</th>
                  <td>{a.email}</td>
                  <td>{a.role === 'admin' ? 'Admin' : 'Instructor'}</td>
                  <td className="when">{formatDateTime(a.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <NewAccountForm
        onCreated={(account) => {
          if (accounts) setData([...accounts, account]);
          setStatus(`Created the account of ${account.name}.`);
        }}
      />
    </div>
  );
}
