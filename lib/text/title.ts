/**
 * A record page's <title>: the record's own name, then the section it belongs to ("EU cards ·
 * Processor routes"); the root layout appends " · Switchyard". Use from generateMetadata.
 */
export function recordTitle(name: string | undefined, section: string): string {
  return name ? `${name} · ${section}` : `Not found · ${section}`;
}
