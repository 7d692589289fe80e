// An independent ESC/POS decoder for tests: turns the bytes a printer would receive back into
// text lines (with alignment and styles), cuts, raster images and QR payload data. It knows the
// command subset receiptline emits plus common extras (ESC p drawer, GS k, GS ( k QR); anything
// else lands in `unknown`, so a test can assert the printer got nothing it would misread.
// Written from the Epson ESC/POS command reference, not from receiptline's source.

export interface DecodedLine {
  /** The characters in their columns (double-width characters take two), right-trimmed. */
  text: string;
  align: 'left' | 'center' | 'right';
  bold: boolean;
  /** Largest GS ! width/height multiplier used on the line. */
  width: number;
  height: number;
}

export interface Raster {
  width: number;
  height: number;
  /** Row-major, true = black dot. */
  dots: boolean[][];
}

export interface DecodedReceipt {
  lines: DecodedLine[];
  text: string;
  cuts: number;
  images: Raster[];
  /** Data of native QR symbols (GS ( k fn 80). receiptline prints QR as images instead. */
  qrData: string[];
  codePages: number[];
  drawerPulses: number;
  unknown: string[];
}

const CHAR_DOTS = 12; // Font A
const ALIGN = ['left', 'center', 'right'] as const;
/** High halves of the code pages the tests use; anything else decodes as '?'. */
const HIGH: Record<number, Record<number, string>> = {
  1: { 149: '-' }, // receiptline's rule character on its line-drawing page
  16: { 128: '€' }, // CP1252
  19: { 213: '€' }, // CP858
};

export function decodeEscPos(input: Uint8Array): DecodedReceipt {
  const b = Buffer.from(input);
  const out: DecodedReceipt = {
    lines: [],
    text: '',
    cuts: 0,
    images: [],
    qrData: [],
    codePages: [],
    drawerPulses: 0,
    unknown: [],
  };
  let cells: string[] = [];
  let x = 0;
  let align = 0;
  let bold = false;
  let widthMul = 1;
  let heightMul = 1;
  let lineBold = false;
  let lineWidth = 1;
  let lineHeight = 1;
  let page = 0;
  const u16 = (at: number) => (b[at] ?? 0) + (b[at + 1] ?? 0) * 256;
  const flush = () => {
    out.lines.push({
      text: cells
        .map((c) => c ?? ' ')
        .join('')
        .replace(/\s+$/, ''),
      align: ALIGN[align] ?? 'left',
      bold: lineBold,
      width: lineWidth,
      height: lineHeight,
    });
    cells = [];
    x = 0;
    lineBold = bold;
    lineWidth = widthMul;
    lineHeight = heightMul;
  };
  const put = (char: string) => {
    const col = Math.floor(x / CHAR_DOTS);
    for (let i = cells.length; i < col; i++) cells[i] = ' ';
    cells[col] = char;
    for (let i = 1; i < widthMul; i++) cells[col + i] = ' ';
    x += CHAR_DOTS * widthMul;
    lineBold ||= bold;
    lineWidth = Math.max(lineWidth, widthMul);
    lineHeight = Math.max(lineHeight, heightMul);
  };

  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n1 = b[i + 1] ?? -1;
    const n2 = b[i + 2] ?? -1;
    if (c === 0x0a) {
      flush();
      i += 1;
    } else if (c >= 0x20 && c < 0x7f) {
      put(String.fromCharCode(c));
      i += 1;
    } else if (c >= 0x80) {
      put(HIGH[page]?.[c] ?? '?');
      i += 1;
    } else if (c === 0x1b) {
      const cmd = String.fromCharCode(n1);
      if (cmd === '@') {
        [align, bold, widthMul, heightMul, page] = [0, false, 1, 1, 0];
        i += 2;
      } else if (cmd === 'a') [align, i] = [n2 % 48, i + 3];
      else if (cmd === 'E') [bold, i] = [(n2 & 1) === 1, i + 3];
      else if (cmd === 't') {
        page = n2;
        if (!out.codePages.includes(n2)) out.codePages.push(n2);
        i += 3;
      } else if (cmd === '$') [x, i] = [u16(i + 2), i + 4];
      else if (cmd === '\\') [x, i] = [x + u16(i + 2), i + 4];
      else if (cmd === 'p') [out.drawerPulses, i] = [out.drawerPulses + 1, i + 5];
      else if ('M -{ 3'.includes(cmd)) i += 3;
      else if (cmd === '2') i += 2;
      else [out.unknown, i] = [[...out.unknown, `ESC ${cmd}`], i + 2];
    } else if (c === 0x1d) {
      const cmd = String.fromCharCode(n1);
      if (cmd === '!') {
        [widthMul, heightMul] = [(n2 >> 4) + 1, (n2 & 7) + 1];
        i += 3;
      } else if (cmd === 'V') {
        out.cuts += 1;
        i += [65, 66, 97, 98, 103, 104].includes(n2) ? 4 : 3;
      } else if (cmd === 'L' || cmd === 'W') i += 4;
      else if ('aBrIh wH'.includes(cmd)) i += 3;
      else if (cmd === '8' && n2 === 0x4c) {
        const length = u16(i + 3) + u16(i + 5) * 65536;
        out.images.push(raster(b.subarray(i + 7, i + 7 + length)));
        i += 7 + length;
      } else if (cmd === '(' && (n2 === 0x4c || n2 === 0x6b)) {
        const length = u16(i + 3);
        const body = b.subarray(i + 5, i + 5 + length);
        if (n2 === 0x6b && body[1] === 80) out.qrData.push(body.subarray(3).toString('utf8'));
        if (n2 === 0x4c && body[1] === 112) out.images.push(raster(body));
        i += 5 + length;
      } else if (cmd === 'k') {
        const end = n2 < 32 ? b.indexOf(0, i + 3) : i + 4 + (b[i + 3] ?? 0);
        i = end + 1;
      } else [out.unknown, i] = [[...out.unknown, `GS ${cmd}`], i + 2];
    } else if (c === 0x1c) {
      const cmd = String.fromCharCode(n1);
      if (cmd === '(' && n2 === 0x41) i += 5 + u16(i + 3);
      else if (cmd === '.' || cmd === '&') i += 2;
      else if (cmd === 'C' || cmd === '-') i += 3;
      else if (cmd === 'S') i += 4;
      else [out.unknown, i] = [[...out.unknown, `FS ${cmd}`], i + 2];
    } else if (c === 0x10 && n1 === 0x14) {
      out.drawerPulses += 1;
      i += 5;
    } else {
      out.unknown.push(`0x${c.toString(16)}`);
      i += 1;
    }
  }
  if (cells.length > 0) flush();
  out.text = out.lines.map((l) => l.text).join('\n');
  return out;
}

/** GS 8 L / GS ( L fn 112 body: m fn a bx by c xL xH yL yH d1…dk (raster, MSB = leftmost dot). */
function raster(body: Uint8Array): Raster {
  const width = (body[6] ?? 0) + (body[7] ?? 0) * 256;
  const height = (body[8] ?? 0) + (body[9] ?? 0) * 256;
  const rowBytes = (width + 7) >> 3;
  const dots: boolean[][] = [];
  for (let y = 0; y < height; y++) {
    const row: boolean[] = [];
    for (let xx = 0; xx < width; xx++)
      row.push((((body[10 + y * rowBytes + (xx >> 3)] ?? 0) >> (7 - (xx & 7))) & 1) === 1);
    dots.push(row);
  }
  return { width, height, dots };
}

/** Samples a QR raster printed with `cell` dots per module back into its module matrix. */
export function rasterModules(image: Raster, cell: number): number[][] {
  const size = Math.floor(image.width / cell);
  return Array.from({ length: size }, (_, y) =>
    Array.from({ length: size }, (_, xx) => (image.dots[y * cell]?.[xx * cell] ? 1 : 0)),
  );
}
