import type { HubClass } from '../api';
import { classQrUrl } from './instructor-api';

/**
 * How trainees join an open class, meant to be put on the classroom screen:
 * the code large enough to read from the back row, and a QR code that opens
 * the join page with the code filled in.
 */
export function JoinPanel({ info }: { info: HubClass }) {
  const origin = window.location.origin;
  return (
    <section className="panel hub-join" aria-labelledby="hub-join-title">
      <h2 id="hub-join-title">Join this class</h2>
      <p className="hub-join-code" aria-hidden="true">
        {info.code}
      </p>
      {/* Read letter by letter: a code read as a word cannot be typed from hearing it. */}
      <p className="visually-hidden">Join code: {info.code.split('').join(' ')}</p>
      <p className="hub-join-where">
        Join at <strong>{origin}</strong> with code <strong>{info.code}</strong>
      </p>
      <img
        className="hub-qr"
        src={classQrUrl(info.id)}
        width={240}
        height={240}
        alt={`QR code that opens ${origin}/#/join/${info.code} to join ${info.name}`}
      />
    </section>
  );
}
