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

/**
 * Where a class drill's log is: on this tablet only, on its way, on the hub,
 * or refused. `lastSeq` is the last event stored on the tablet: a log the
 * hub has not caught up with is never called "On the hub", even in the
 * moment between a new event and the outbox picking it up.
 */
export function SyncStatus({ record, lastSeq }: { record: SyncRecord; lastSeq: number }) {
  const shown =
    record.state === 'synced' && record.stored < lastSeq
      ? { ...record, state: 'sending' as const }
      : record;
  return <span className={`sync-status ${shown.state}`}>{syncLabel(shown)}</span>;
}
