/**
 * An identifier as an ICU `select` can match it: selectors are words, so the hyphens of our
 * identifiers (`new-value`, `api-key-created`) are written as underscores in the catalogues.
 */
export const icuSelector = (value: string): string => value.replaceAll("-", "_");
