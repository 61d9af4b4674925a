import type { ComponentType } from 'react';

/**
 * The Debrief area lives in `./debrief/DebriefArea.tsx`. It is loaded on
 * demand (its own chunk, never on the drill route), and the navigation only
 * offers it when the module is part of the build.
 */
const modules = import.meta.glob<{ DebriefArea: ComponentType }>('./debrief/DebriefArea.tsx');

const load = Object.values(modules)[0];

/** True when this build includes the Debrief area. */
export const hasDebrief = load !== undefined;

/** The Debrief area's component, or undefined when this build has none. */
export async function loadDebriefArea(): Promise<ComponentType | undefined> {
  return load ? (await load()).DebriefArea : undefined;
}
