import { isTimeZone } from '../time-zone';

/**
 * ICU (and so Intl) still resolves these zones to their old names; IANA has renamed them. Stored
 * settings use the current IANA name.
 */
const CURRENT_IANA_NAME: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/**
 * The canonical IANA name of a time zone however it was typed ("europe/berlin" → "Europe/Berlin",
 * "US/Pacific" → "America/Los_Angeles", "etc/utc" → "UTC"), or undefined when the zone is unknown.
 */
export function canonicalTimeZone(zone: string): string | undefined {
  const trimmed = zone.trim();
  if (!trimmed || !isTimeZone(trimmed)) return undefined;
  const resolved = new Intl.DateTimeFormat('en', { timeZone: trimmed }).resolvedOptions().timeZone;
  return CURRENT_IANA_NAME[resolved] ?? resolved;
}

/** Every zone Intl knows, by current IANA names, for suggestions. */
export function timeZoneNames(): string[] {
  return [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone').map((zone) => CURRENT_IANA_NAME[zone] ?? zone)])].sort();
}
