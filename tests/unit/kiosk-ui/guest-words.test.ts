import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ERROR_CATALOG } from '@roompost/sync';
import { guestWords } from '../../../kiosk-ui/src/kiosk/flow/guest-words.js';
import type { Problem } from '../../../kiosk-ui/src/kiosk/flow/problem.js';
import { LANGS, translator } from '../../../kiosk-ui/src/kiosk/i18n/i18n.js';

// Staff words and technical detail a guest must never read (seed 000: guests get guest words).
const STAFF_JARGON =
  /\bPMS\b|folio|फ़ोलियो|ECONN|[A-Z]{3,}_[A-Z_]{3,}|verify|collect payment|key card .*linked|in-house/i;

test('every refusal a guest can meet reads in guest words, in every language, never the seed staff wording', () => {
  const codes = [...Object.keys(ERROR_CATALOG), 'EDGE_UNREACHABLE', 'NOT_CONFIRMED'] as Problem['code'][];
  for (const lang of LANGS) {
    const t = translator(lang);
    for (const code of codes) {
      const { message, action } = guestWords(t, code);
      assert.ok(message.length > 0 && action.length > 0, `${lang} ${code}: says something`);
      assert.doesNotMatch(`${message} ${action}`, STAFF_JARGON, `${lang} ${code}`);
      const seed = (ERROR_CATALOG as Record<string, { message: string; action: string }>)[code];
      if (seed) assert.notEqual(message, seed.message, `${lang} ${code}: not the staff message`);
    }
  }
});
