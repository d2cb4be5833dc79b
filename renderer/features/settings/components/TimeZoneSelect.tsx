import { useMemo } from 'react';
import { formatUtcOffset } from '../../../lib/format.ts';
import { serverNow } from '../../../lib/server-clock.ts';

/** Browsers list some zones under their old names (ICU's canonical ids); people know the new ones, which work as well. */
const RENAMED: Record<string, string> = {
  'Asia/Calcutta': 'Asia/Kolkata', 'Asia/Saigon': 'Asia/Ho_Chi_Minh', 'Asia/Katmandu': 'Asia/Kathmandu', 'Asia/Rangoon': 'Asia/Yangon',
  'Europe/Kiev': 'Europe/Kyiv', 'America/Godthab': 'America/Nuuk', 'Atlantic/Faeroe': 'Atlantic/Faroe', 'Pacific/Truk': 'Pacific/Chuuk',
  'Pacific/Ponape': 'Pacific/Pohnpei', 'Pacific/Enderbury': 'Pacific/Kanton', 'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
};

/** Every IANA zone this browser knows, UTC first (a chosen zone it does not list is still offered, so it is never lost). */
function zones(keep: string): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone').map((z) => RENAMED[z] ?? z) : [];
  const list = ['UTC', ...all.filter((z) => z !== 'UTC')];
  return keep && !list.includes(keep) ? [keep, ...list] : list;
}

/** A time zone picker: "Europe/Berlin (UTC+01:00)". `computer` adds a first option for "this computer's zone" (value ''). */
export function TimeZoneSelect({ value, onChange, testId, computer }: { value: string; onChange: (zone: string) => void; testId: string; computer?: string }) {
  const options = useMemo(() => {
    const at = serverNow();
    return zones(value).map((z) => ({ z, label: `${z.replaceAll('_', ' ')} (${formatUtcOffset(at, z)})` }));
  }, [value]);
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
      {computer !== undefined ? <option value="">{computer}</option> : null}
      {options.map((o) => <option key={o.z} value={o.z}>{o.label}</option>)}
    </select>
  );
}
