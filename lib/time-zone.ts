/** Whether Intl knows an IANA time zone name (time_of_day / weekday are derived with Intl). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
