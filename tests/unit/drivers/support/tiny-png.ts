// A small PNG encoder for tests (8-bit greyscale, no filter): a stand-in for the kiosk's captured
// signature, written from the PNG specification so the tests do not borrow receiptline's reader.
import { crc32, deflateSync } from 'node:zlib';

/** A `width`×`height` PNG, black where `ink(x, y)`, white elsewhere, as base64 (no data: prefix). */
export function pngBase64(width: number, height: number, ink: (x: number, y: number) => boolean): string {
  const rows = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (width + 1)] = 0; // filter type: none
    for (let x = 0; x < width; x++) rows[y * (width + 1) + 1 + x] = ink(x, y) ? 0 : 255;
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // bit depth 8, greyscale, deflate, no filter method, no interlace
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return png.toString('base64');
}

/** A signature-like stroke: a thick diagonal band and a baseline. */
export function signatureStroke(width: number, height: number): (x: number, y: number) => boolean {
  return (x, y) => Math.abs(y - (x * height) / width) < 3 || y >= height - 3;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
