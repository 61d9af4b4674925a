/** A moment in the Library's words: "12 Mar 2025, 14:05"; empty when unreadable. */
export function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? ''
    : d.toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });
}
