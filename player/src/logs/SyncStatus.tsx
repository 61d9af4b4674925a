import type { SyncRecord } from '../storage/db';
import '../hub/device.css';

/** The words for where a class drill's log is; one place, so the list and tests agree. */
export function syncLabel(record: Pick<SyncRecord, 'state' | 'reason'>): string {
  switch (record.state) {
    case 'local':
      return 'On this device only';
    case 'sending':
      return 'Sending…';
    case 'synced':
      return 'On the hub';
    case 'refused':
      return `Refused by the hub: ${record.reason ?? 'no reason given'}`;
  }
}

/** Where a class drill's log is: on this tablet only, on its way, on the hub, or refused. */
export function SyncStatus({ record }: { record: SyncRecord }) {
  return <span className={`sync-status ${record.state}`}>{syncLabel(record)}</span>;
}
