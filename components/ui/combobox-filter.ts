export type ComboboxOption = { value: string; label: string; keywords?: readonly string[] };

export type IndexedOption = { option: ComboboxOption; label: string; code: string; words: readonly string[] };

const WORD_SEPARATOR = /[^\p{L}\p{N}+]+/u;

/** Lower case without accents, so "cote" finds "Côte d’Ivoire". */
export function normalize(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .trim();
}

function words(text: string): string[] {
  return normalize(text).split(WORD_SEPARATOR).filter(Boolean);
}

/** Prepares options once (normalised label, code and words) so filtering on each key press is cheap. */
export function indexOptions(options: readonly ComboboxOption[]): IndexedOption[] {
  return options.map((option) => {
    const code = normalize(option.value);
    const keywords = option.keywords ?? [];
    return {
      option,
      label: normalize(option.label),
      code,
      words: [...words(option.label), code, ...keywords.map(normalize), ...keywords.flatMap(words)],
    };
  });
}

/**
 * The options matching `query`: every typed word must start a word of the label, the value or a
 * keyword. Exact code matches come first ("us" → United States), then labels that start with the
 * query, then the rest, each in the given order.
 */
export function filterOptions(index: readonly IndexedOption[], query: string): ComboboxOption[] {
  const normalized = normalize(query);
  const tokens = normalized.split(WORD_SEPARATOR).filter(Boolean);
  if (tokens.length === 0) return index.map((entry) => entry.option);

  const exact: ComboboxOption[] = [];
  const starts: ComboboxOption[] = [];
  const others: ComboboxOption[] = [];
  for (const entry of index) {
    if (entry.code === normalized) exact.push(entry.option);
    else if (entry.label.startsWith(normalized)) starts.push(entry.option);
    else if (tokens.every((token) => entry.words.some((word) => word.startsWith(token))))
      others.push(entry.option);
  }
  return [...exact, ...starts, ...others];
}
