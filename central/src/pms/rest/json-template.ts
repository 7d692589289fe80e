// The template mechanism of the configurable REST adapter, and its inverse for the simulator.
// A template is any JSON value; in its strings `{{name}}` is replaced by our field. A string that is
// exactly one placeholder takes the field's own type (a number stays a number, items an array).
// Paths are dotted with numeric indexes: `data.items.0.id` (also `data.items[0].id`).

export type TemplateValues = Record<string, unknown>;

const ONLY = /^\{\{\s*([\w.]+)\s*\}\}$/;
const ANY = /\{\{\s*([\w.]+)\s*\}\}/g;

export function render(
  template: unknown,
  values: TemplateValues,
  encode: (s: string) => string = (s) => s,
): unknown {
  if (typeof template === 'string') {
    const whole = ONLY.exec(template);
    if (whole?.[1] !== undefined) return getPath(values, whole[1]);
    return template.replace(ANY, (_, name: string) => encode(String(getPath(values, name) ?? '')));
  }
  if (Array.isArray(template)) return template.map((t) => render(t, values, encode));
  if (template !== null && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, render(v, values, encode)]));
  }
  return template;
}

/** The placeholders a template uses (config validation lists the unknown ones). */
export function placeholders(template: unknown, out = new Set<string>()): Set<string> {
  if (typeof template === 'string') {
    for (const m of template.matchAll(ANY)) if (m[1]) out.add(m[1].split('.')[0] ?? m[1]);
  } else if (Array.isArray(template)) {
    for (const t of template) placeholders(t, out);
  } else if (template !== null && typeof template === 'object') {
    for (const v of Object.values(template)) placeholders(v, out);
  }
  return out;
}

/**
 * The inverse of render for whole-value placeholders: where the template holds exactly `{{x}}`,
 * take what the body holds at the same place. The simulator reads requests with the adapter's own
 * template, so both sides prove the same mapping.
 */
export function match(template: unknown, body: unknown, out: TemplateValues = {}): TemplateValues {
  if (typeof template === 'string') {
    const whole = ONLY.exec(template);
    if (whole?.[1] !== undefined) out[whole[1]] = body;
  } else if (Array.isArray(template) && Array.isArray(body)) {
    for (const [i, t] of template.entries()) match(t, body[i], out);
  } else if (template !== null && typeof template === 'object' && body !== null && typeof body === 'object') {
    for (const [k, v] of Object.entries(template)) match(v, (body as Record<string, unknown>)[k], out);
  }
  return out;
}

function segments(path: string): string[] {
  return path
    .replace(/\[(\d+)]/g, '.$1')
    .split('.')
    .filter(Boolean);
}

export function getPath(value: unknown, path: string): unknown {
  let at: unknown = value;
  for (const key of segments(path)) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

export function setPath(
  target: Record<string, unknown>,
  path: string,
  value: unknown,
): Record<string, unknown> {
  const keys = segments(path);
  const last = keys.pop();
  if (last === undefined) return target;
  let at: Record<string, unknown> = target;
  for (const key of keys) {
    const next = at[key];
    if (next === null || typeof next !== 'object') at[key] = {};
    at = at[key] as Record<string, unknown>;
  }
  at[last] = value;
  return target;
}
