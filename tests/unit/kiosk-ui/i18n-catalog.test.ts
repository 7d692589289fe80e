// Every message key exists in every language (and nowhere only in one), every key is used by the
// kiosk's code, and counts take the language's plural form (Intl.PluralRules).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { en } from '../../../kiosk-ui/src/kiosk/i18n/en.js';
import { hi } from '../../../kiosk-ui/src/kiosk/i18n/hi.js';
import { translator } from '../../../kiosk-ui/src/kiosk/i18n/i18n.js';

const CATALOGS = { en, hi } as Record<string, Record<string, string>>;
const src = fileURLToPath(new URL('../../../kiosk-ui/src/kiosk/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'i18n' ? [] : sources(path);
    return /\.tsx?$/.test(name) ? [readFileSync(path, 'utf8')] : [];
  });
}

test('every message key exists in every language, with a non-empty text where English has one', () => {
  const keys = Object.keys(en).sort();
  for (const [lang, catalog] of Object.entries(CATALOGS)) {
    assert.deepEqual(Object.keys(catalog).sort(), keys, `${lang} has exactly the English keys`);
    for (const key of keys) {
      if (en[key as keyof typeof en] !== '')
        assert.notEqual(catalog[key]?.trim(), '', `${lang}: ${key} is empty`);
    }
  }
});

test('every message key is used by the kiosk (literally, or through a key prefix it builds)', () => {
  const code = sources(src).join('\n');
  const literal = new Set([...code.matchAll(/'([a-zA-Z_][\w.]*)'/g)].map((m) => m[1]));
  // Template keys such as `posted.status.${status}` and `role.${role}` use every key under the prefix.
  const prefixes = [...code.matchAll(/`([a-z][\w.]*\.)\$\{/g)].map((m) => m[1] as string);
  const unused = Object.keys(en).filter((key) => {
    const base = key.replace(/\.(zero|one|two|few|many|other)$/, '');
    return !literal.has(key) && !literal.has(base) && !prefixes.some((p) => key.startsWith(p));
  });
  assert.deepEqual(unused, [], 'message keys no code uses');
});

test('counts take the plural form of the language', () => {
  const t = translator('en');
  assert.equal(t('pending.count', { count: 1 }), '1 posting pending');
  assert.equal(t('pending.count', { count: 3 }), '3 postings pending');
  const h = translator('hi');
  assert.equal(h('pending.count', { count: 1 }), '1 पोस्टिंग लंबित');
  assert.equal(h('pending.count', { count: 0 }), '0 पोस्टिंग लंबित');
});

test('Hindi names Void and Cancel differently', () => {
  assert.notEqual(hi['void.button'], hi['void.cancel']);
  assert.notEqual(hi['void.button'], hi['found.cancel']);
});
