import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskGuestName, sameLastName } from '../../../edge/src/lookup/mask-name.js';

test('self-service screens see initials and four stars, whatever the name length', () => {
  assert.equal(maskGuestName('James', 'Wilson'), 'J. W****');
  assert.equal(maskGuestName('li', 'Na'), 'L. N****');
  assert.equal(maskGuestName('Émile', 'Zola-Durand'), 'É. Z****');
  assert.equal(maskGuestName('', 'Wilson'), 'W****');
  assert.equal(maskGuestName('', ''), '****');
});

test('last names match regardless of case, accents, spaces and hyphens', () => {
  assert.equal(sameLastName('wilson', 'Wilson'), true);
  assert.equal(sameLastName('Muller', 'Müller'), true);
  assert.equal(sameLastName("o'brien", "O'Brien"), true);
  assert.equal(sameLastName('van der berg', 'Van der Berg'), true);
  assert.equal(sameLastName('Wilso', 'Wilson'), false);
  assert.equal(sameLastName('', ''), false, 'an empty name never matches');
});
