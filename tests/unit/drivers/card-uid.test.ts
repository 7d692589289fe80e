import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normaliseCardUid } from '@roompost/drivers';

describe('normaliseCardUid', () => {
  it('upper-cases hex and drops colon, dash and space separators', () => {
    assert.equal(normaliseCardUid('04:a2:b3:c4:d5:e6:f7'), '04A2B3C4D5E6F7');
    assert.equal(normaliseCardUid(' 0a-1b 2c-3d '), '0A1B2C3D');
  });

  it('accepts the raw bytes a reader returns', () => {
    assert.equal(normaliseCardUid(Uint8Array.of(0x04, 0xa2, 0x0b, 0xff)), '04A20BFF');
  });

  it('rejects non-hex with INVALID_UID, reason not-hex', () => {
    assert.throws(() => normaliseCardUid('0a1b2c3g'), {
      code: 'INVALID_UID',
      context: { reason: 'not-hex' },
    });
  });

  it('rejects every length but 4, 7 and 10 bytes with INVALID_UID, reason length', () => {
    for (const bytes of [0, 1, 3, 5, 6, 8, 9, 11, 16]) {
      assert.throws(() => normaliseCardUid(new Uint8Array(bytes)), {
        code: 'INVALID_UID',
        context: { reason: 'length', hexLength: bytes * 2 },
      });
    }
    assert.throws(() => normaliseCardUid('0a1b2c3d4'), {
      code: 'INVALID_UID',
      context: { reason: 'length', hexLength: 9 },
    });
  });
});
