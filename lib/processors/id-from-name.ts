/**
 * The id the new-processor form offers for a name: `proc_` and the name's slug ("Adyen EU (cards)" →
 * `proc_adyen_eu_cards`), accents folded, within the id format's 60 characters; "" when the name has
 * no letter or digit to make one from.
 */
export function processorIdFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60)
    .replace(/_+$/, '');
  return slug === '' ? '' : `proc_${slug}`;
}
