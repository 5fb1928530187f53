/**
 * Finding codes (currencies, countries, payment methods) the way people type them: by code, by the
 * name the catalog shows, by an official or everyday other name ("Pound Sterling", "UK"), without
 * caring about case or accents; and reading pasted lists ("EUR, USD GBP\nCHF") as several codes.
 */
export interface CodeOption {
  code: string;
  name: string;
  /** Other names the code is searched by (ISO names, everyday names, abbreviations). */
  aliases?: readonly string[];
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().trim();

/** The text a suggestion shows and a pick from the list sends: "GBP — British Pound". */
export const optionText = (o: CodeOption) => `${o.code} — ${o.name}`;

/** The option a whole input stands for: its code, name, an other name or its suggestion text. */
export function findOption(input: string, options: readonly CodeOption[]): CodeOption | undefined {
  const needle = fold(input);
  if (!needle) return undefined;
  return (
    options.find((o) => fold(o.code) === needle) ??
    options.find((o) => fold(o.name) === needle || fold(optionText(o)) === needle) ??
    options.find((o) => o.aliases?.some((a) => fold(a) === needle))
  );
}

/** The code an input stands for; unknown input is kept as typed (case-normalised), so the server names it. */
export function resolveCode(input: string, options: readonly CodeOption[], upperCase: boolean): string {
  const found = findOption(input, options);
  if (found) return found.code;
  const trimmed = input.trim();
  return upperCase ? trimmed.toUpperCase() : trimmed.toLowerCase();
}

/**
 * A pasted list as codes, in order, without repeats. Pieces are split on commas, semicolons and new
 * lines; a piece that is not a code or a name as a whole is split again on spaces ("EUR USD GBP"),
 * so names with spaces ("Pound Sterling", "United States") still resolve.
 */
export function splitPasted(text: string, options: readonly CodeOption[], upperCase: boolean): string[] {
  const codes: string[] = [];
  for (const piece of text.split(/[,;\n\r\t]+/)) {
    if (!piece.trim()) continue;
    const words = findOption(piece, options) ? [piece] : piece.split(/\s+/).filter(Boolean);
    for (const word of words) {
      const code = resolveCode(word, options, upperCase);
      if (code && !codes.includes(code)) codes.push(code);
    }
  }
  return codes;
}

/** Whether text holds more than one item, so a paste is a list rather than the start of a name. */
export function looksLikeList(text: string, options: readonly CodeOption[]): boolean {
  if (/[,;\n\r\t]/.test(text)) return true;
  return /\s/.test(text.trim()) && !findOption(text, options);
}

/**
 * Suggestions for what is typed so far, best first: exact code, code prefix, name or other name
 * starting with it, then containing it.
 */
export function searchCodes(query: string, options: readonly CodeOption[], limit = 8): CodeOption[] {
  const needle = fold(query);
  if (!needle) return [];
  const scored: { option: CodeOption; score: number }[] = [];
  for (const option of options) {
    const code = fold(option.code);
    const names = [option.name, ...(option.aliases ?? [])].map(fold);
    const score =
      code === needle ? 0
      : code.startsWith(needle) ? 1
      : names.some((n) => n.startsWith(needle)) ? 2
      : names.some((n) => n.split(/[\s(),-]+/).some((w) => w.startsWith(needle))) ? 3
      : names.some((n) => n.includes(needle)) ? 4
      : -1;
    if (score >= 0) scored.push({ option, score });
  }
  return scored.sort((a, b) => a.score - b.score).slice(0, limit).map((s) => s.option);
}
