import type { DecisionLog } from '@defuse/schemas';
import { openDefuseDb, type InstructorSetting } from './db';

/** Choices made on the home screen, remembered between visits. */
export interface DrillSettings {
  traineeId: string;
  mode: DecisionLog['mode'];
  instructor: InstructorSetting;
}

export const DEFAULT_SETTINGS: DrillSettings = {
  traineeId: '',
  mode: 'training',
  instructor: 'solo',
};

const KEY = 'drill-settings';

/** Reads the remembered settings, falling back to defaults for anything missing or odd. */
export async function loadSettings(): Promise<DrillSettings> {
  const db = await openDefuseDb();
  const stored = (await db.get('settings', KEY)) as Partial<DrillSettings> | undefined;
  return {
    traineeId:
      typeof stored?.traineeId === 'string' ? stored.traineeId : DEFAULT_SETTINGS.traineeId,
    mode: stored?.mode === 'assessment' ? 'assessment' : 'training',
    instructor: stored?.instructor === 'present' ? 'present' : 'solo',
  };
}

export async function saveSettings(settings: DrillSettings): Promise<void> {
  const db = await openDefuseDb();
  await db.put('settings', settings, KEY);
}
