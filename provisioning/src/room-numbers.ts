// Room numbers as IT types them on the command line: single numbers (412, 12A, B-204) and numeric
// ranges (101-120, 0101-0120 keeps the leading zero). A range is two all-digit numbers joined by "-";
// anything else is one room number, checked by central.

/** Expands the arguments to room numbers in order; a range backwards or over 500 rooms is an Error. */
export function expandRoomNumbers(args: readonly string[]): string[] {
  const out: string[] = [];
  for (const arg of args) {
    const range = /^(\d+)-(\d+)$/.exec(arg);
    if (!range) {
      out.push(arg);
      continue;
    }
    const [, fromText = '', toText = ''] = range;
    const from = Number(fromText);
    const to = Number(toText);
    if (to < from) throw new Error(`room range ${arg} runs backwards`);
    if (to - from >= 500) throw new Error(`room range ${arg} is more than 500 rooms`);
    const width = fromText.startsWith('0') ? fromText.length : 0;
    for (let n = from; n <= to; n++) out.push(String(n).padStart(width, '0'));
  }
  return out;
}
