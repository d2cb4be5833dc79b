/**
 * A span in an owner's words: "2 min", "3 h", "2 days". Whole units, rounded down, as the console's "2 h ago" counts:
 * 2 h 50 min is "2 h" in both places.
 */
export function durationInWords(ms: number): string {
  const min = Math.max(0, Math.floor(ms / 60_000));
  if (min < 1) return 'under a minute';
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h`;
  return `${Math.floor(h / 24)} days`;
}
