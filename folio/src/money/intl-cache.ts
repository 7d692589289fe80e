// Intl formatters kept once built. Each `new Intl.DateTimeFormat` / `Intl.NumberFormat` clones ICU
// data (date symbols, patterns: tens of kilobytes) outside the JavaScript heap; its JavaScript
// wrapper is tiny, so the garbage collector sees no pressure and the native memory piles up under
// load. A heap profile (heaptrack) of an edge draining a 1,000-charge backlog showed 90 MB held by
// ICU date symbols from formatters built per charge. Same options, same formatter: they are
// immutable, so sharing one is safe.

const MAX = 256;
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function cached<F>(cache: Map<string, F>, key: string, build: () => F): F {
  let format = cache.get(key);
  if (format === undefined) {
    format = build(); // throws (bad zone, locale or currency) before anything is cached
    if (cache.size >= MAX) cache.clear(); // a bound, not an LRU: the keys in use are few
    cache.set(key, format);
  }
  return format;
}

/** `new Intl.DateTimeFormat(locale, options)`, built once per locale and options. */
export function dateTimeFormat(
  locale: string | undefined,
  options: Intl.DateTimeFormatOptions = {},
): Intl.DateTimeFormat {
  return cached(
    dateFormats,
    `${locale ?? ''}|${JSON.stringify(options)}`,
    () => new Intl.DateTimeFormat(locale, options),
  );
}

/** `new Intl.NumberFormat(locale, options)`, built once per locale and options. */
export function numberFormat(
  locale: string | undefined,
  options: Intl.NumberFormatOptions = {},
): Intl.NumberFormat {
  return cached(
    numberFormats,
    `${locale ?? ''}|${JSON.stringify(options)}`,
    () => new Intl.NumberFormat(locale, options),
  );
}
