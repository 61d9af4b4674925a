/**
 * The pages of the instructor's class hub, addressed by the part of the URL
 * hash after `#/hub/`, so a reload or the back button lands on the same page.
 */
export type HubPage =
  | { page: 'classes' }
  | { page: 'new-class' }
  | { page: 'class'; classId: string }
  | { page: 'accounts' }
  | { page: 'admin' };

/** Reads a hub page from the rest of the hash (`classes/4f0c…`); unknown paths show the classes. */
export function parseHubPage(rest: string): HubPage {
  const parts = rest.split('/').filter(Boolean);
  if (parts[0] === 'new-class') return { page: 'new-class' };
  if (parts[0] === 'classes' && parts[1])
    return { page: 'class', classId: decodeURIComponent(parts[1]) };
  if (parts[0] === 'accounts') return { page: 'accounts' };
  if (parts[0] === 'admin') return { page: 'admin' };
  return { page: 'classes' };
}

/** The URL hash of a hub page. */
export function hubPageHash(page: HubPage): string {
  switch (page.page) {
    case 'classes':
      return '#/hub';
    case 'new-class':
      return '#/hub/new-class';
    case 'class':
      return `#/hub/classes/${encodeURIComponent(page.classId)}`;
    case 'accounts':
      return '#/hub/accounts';
    case 'admin':
      return '#/hub/admin';
  }
}

/** Goes to a hub page, adding a history entry. */
export function goToHubPage(page: HubPage): void {
  const hash = hubPageHash(page);
  if (window.location.hash !== hash) window.location.hash = hash;
}
