import { TABS, type TabId } from './LogDebrief';

/**
 * The views of the Debrief area, addressed by the part of the hash after
 * `#/debrief/`, so a reload or the back button lands on the same view.
 */
export type DebriefView =
  | { kind: 'list' }
  | { kind: 'log'; ref: string; tab: TabId }
  | { kind: 'class'; keys: string[] }
  | { kind: 'hub-log'; sessionId: string; tab: TabId }
  | { kind: 'hub-class' };

function tabOf(part: string | undefined): TabId {
  return TABS.find((t) => t.id === part)?.id ?? 'reactions';
}

/** Reads the part of the address after `#/debrief/`. */
export function parseDebriefPath(rest: string): DebriefView {
  const parts = rest.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { kind: 'list' };
  if (parts[0] === 'class')
    return { kind: 'class', keys: (parts[1] ?? '').split('~').filter(Boolean) };
  // Local keys start `d.` or `f.` and session ids are UUIDs, so `hub` cannot clash with a log.
  if (parts[0] === 'hub' && parts[1])
    return { kind: 'hub-log', sessionId: parts[1], tab: tabOf(parts[2]) };
  if (parts[0] === 'hub-class') return { kind: 'hub-class' };
  return { kind: 'log', ref: parts[0]!, tab: tabOf(parts[1]) };
}

/** The address of a view of the Debrief area. */
export function debriefHash(view: DebriefView): string {
  switch (view.kind) {
    case 'list':
      return '#/debrief';
    case 'log':
      return `#/debrief/${encodeURIComponent(view.ref)}/${view.tab}`;
    case 'class':
      return `#/debrief/class/${view.keys.map(encodeURIComponent).join('~')}`;
    case 'hub-log':
      return `#/debrief/hub/${encodeURIComponent(view.sessionId)}/${view.tab}`;
    case 'hub-class':
      return '#/debrief/hub-class';
  }
}

/** Shows a view of the Debrief area (a new history entry, so Back returns). */
export function goTo(view: DebriefView): void {
  window.location.hash = debriefHash(view);
}
