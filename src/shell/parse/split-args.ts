/**
 * @module redis-cli's own line splitting (sdssplitargs), used inside interactive redis-cli: double quotes with
 * \xHH, \n, \r, \t, \b, \a escapes; single quotes with \' only; a closing quote must end the argument.
 */

/** The arguments as bytes, or undefined where redis-cli prints "Invalid argument(s)". */
export function splitArgs(line: string): Buffer[] | undefined {
  const input = Buffer.from(line, 'utf8');
  const args: Buffer[] = [];
  let i = 0;
  const isSpace = (b: number | undefined) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0b || b === 0x0c;
  const isHex = (b: number | undefined) => b !== undefined && /[0-9a-fA-F]/.test(String.fromCharCode(b));
  for (;;) {
    while (i < input.length && isSpace(input[i])) i++;
    if (i >= input.length) return args;
    const current: number[] = [];
    let inDouble = false;
    let inSingle = false;
    let done = false;
    while (!done) {
      const b = input[i];
      if (inDouble) {
        if (b === undefined) return undefined;
        if (b === 0x5c && input[i + 1] === 0x78 && isHex(input[i + 2]) && isHex(input[i + 3])) {
          current.push(Number.parseInt(String.fromCharCode(input[i + 2]!, input[i + 3]!), 16));
          i += 3;
        } else if (b === 0x5c && input[i + 1] !== undefined) {
          i++;
          const escaped = input[i]!;
          const named: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x61: 0x07 };
          current.push(named[escaped] ?? escaped);
        } else if (b === 0x22) {
          if (input[i + 1] !== undefined && !isSpace(input[i + 1])) return undefined;
          done = true;
        } else {
          current.push(b);
        }
      } else if (inSingle) {
        if (b === undefined) return undefined;
        if (b === 0x5c && input[i + 1] === 0x27) {
          i++;
          current.push(0x27);
        } else if (b === 0x27) {
          if (input[i + 1] !== undefined && !isSpace(input[i + 1])) return undefined;
          done = true;
        } else {
          current.push(b);
        }
      } else if (b === undefined || isSpace(b)) {
        done = true;
      } else if (b === 0x22) {
        inDouble = true;
      } else if (b === 0x27) {
        inSingle = true;
      } else {
        current.push(b);
      }
      if (i < input.length) i++;
    }
    args.push(Buffer.from(current));
  }
}
