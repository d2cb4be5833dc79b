/**
 * One key for a Zap, whichever shape Zapier hands its id in (docs/vendors.md Z4, Z5): `GET /v2/zaps` shows
 * UUID-shaped ids in its examples (`00000000-0000-c000-8000-000000012345`) while zap-runs carry the integer
 * `zap_id` (12345). Both become the integer as text ("12345"), which is also how Flowdeck has always stored the
 * Zaps its runs name. This rests on documentation examples only, so plain integers and numeric strings are accepted
 * too, and an id of any other shape is kept as it is (lower-cased) and reported, so the caller can log it once.
 */

export type ZapIdShape = 'integer' | 'uuid' | 'unknown';

/** The documented shape: leading groups of zeros, the integer in the last group's decimal digits. */
const DOC_UUID = /^0{8}-0{4}-[0-9a-f]{4}-[0-9a-f]{4}-(\d{12})$/i;

const integerText = (digits: string): string => digits.replace(/^0+(?=\d)/, '');

export function zapKey(raw: string | number): { key: string; shape: ZapIdShape } {
  if (typeof raw === 'number') {
    return Number.isSafeInteger(raw) && raw >= 0 ? { key: String(raw), shape: 'integer' } : { key: String(raw), shape: 'unknown' };
  }
  const text = raw.trim();
  if (/^\d{1,30}$/.test(text)) return { key: integerText(text), shape: 'integer' };
  const uuid = DOC_UUID.exec(text);
  if (uuid) return { key: integerText(uuid[1]!), shape: 'uuid' };
  return { key: text.toLowerCase(), shape: 'unknown' };
}

/** Keys ids and calls `onUnknown` the first time an id of an unknown shape is seen (per instance: per connector). */
export function zapKeyer(onUnknown: (raw: string | number) => void): (raw: string | number) => string {
  let reported = false;
  return (raw) => {
    const { key, shape } = zapKey(raw);
    if (shape === 'unknown' && !reported) {
      reported = true;
      onUnknown(raw);
    }
    return key;
  };
}
