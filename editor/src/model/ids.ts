/**
 * Ids the editor makes up for new beats, choices and variables. Scenario ids
 * are slugs (`^[a-z][a-z0-9-]{0,63}$`), so new ones are slugs too.
 */

const SLUG_MAX = 48;

/** A slug made from free text: "Call for service!" -> "call-for-service". */
export function slugify(text: string, fallback = 'item'): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX)
    .replace(/-+$/g, '');
  if (slug === '' || !/^[a-z]/.test(slug)) return /^[a-z]/.test(fallback) ? fallback : 'item';
  return slug;
}

/** True when `id` is a valid scenario slug. */
export function isSlug(id: string): boolean {
  return /^[a-z][a-z0-9-]{0,63}$/.test(id);
}

/** `base`, or `base-2`, `base-3`... whichever is not taken yet. */
export function uniqueId(base: string, taken: (id: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken(candidate)) return candidate;
  }
}
