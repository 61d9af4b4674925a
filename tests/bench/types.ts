/** One line of the `pnpm bench` table. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** The most `value` may be. */
  budget?: number;
  /** The value against a floor, in words (e.g. "1.8x JSON.parse"). */
  ratio?: string;
  /** Anything the number alone does not say (for example that the step threw). */
  note?: string;
}
