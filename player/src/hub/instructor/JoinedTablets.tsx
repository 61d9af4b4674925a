import { formatDateTime } from '../../ui/format';
import type { HubDevice } from '../api';
import { tabletCount } from './class-words';

/** The tablets that joined a class, newest last as they arrive in the room. */
export function JoinedTablets({ devices, open }: { devices: HubDevice[]; open: boolean }) {
  const joined = devices.filter((d) => !d.revoked).length;
  return (
    <section className="panel hub-tablets" aria-labelledby="hub-tablets-title">
      <h2 id="hub-tablets-title">Joined tablets</h2>
      {/* Announced when the count changes, so an instructor using a screen reader hears arrivals. */}
      <p role="status" className="hint">
        {open
          ? `${tabletCount(joined)} joined. Updated every few seconds.`
          : 'The class is closed.'}
      </p>
      {devices.length === 0 ? (
        <p>No tablet has joined yet.</p>
      ) : (
        <table className="log-table hub-table">
          <caption className="visually-hidden">Tablets that joined this class</caption>
          <thead>
            <tr>
              <th scope="col">Trainee</th>
              <th scope="col">Joined at</th>
            </tr>
          </thead>
          <tbody>
            {devices.map((d) => (
              <tr key={d.id}>
                <th scope="row">
                  {d.traineeId}
                  {d.revoked && <span className="hint block">Signed out</span>}
                </th>
                <td className="when">{formatDateTime(d.joinedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
