import assert from 'node:assert/strict';
import { test } from 'node:test';
import { displayGuestName, maskGuestName } from '../../../kiosk-ui/src/kiosk/guest/masked-name.js';

test('a full name is masked to first initial and last initial with a fixed tail', () => {
  assert.equal(maskGuestName('James Wilson'), 'J. W****');
  assert.equal(maskGuestName('Mr. James Wilson'), 'J. W****');
  assert.equal(maskGuestName('dr anna maria von berg'), 'A. B****');
  assert.equal(maskGuestName('  Cher '), 'C****');
  assert.equal(maskGuestName(''), 'Guest');
});

test('the mask does not reveal the length of the last name', () => {
  assert.equal(maskGuestName('Al Li').length, maskGuestName('Al Wolfeschlegelsteinhausen').length);
});

test('non-Latin and astral initials stay whole', () => {
  assert.equal(maskGuestName('Émile Zola'), 'É. Z****');
  assert.equal(maskGuestName('𝒜lice 𝒵eta'), '𝒜. 𝒵****');
});

test('self-service keeps a name the edge already masked and masks one it did not', () => {
  assert.equal(displayGuestName('J. W****', 'self-service'), 'J. W****');
  assert.equal(displayGuestName('Mr. James Wilson', 'self-service'), 'J. W****');
});

test('staff mode shows the name as the edge sent it', () => {
  assert.equal(displayGuestName('Mr. James Wilson', 'staff'), 'Mr. James Wilson');
  assert.equal(displayGuestName(' ', 'staff'), 'Guest');
});
