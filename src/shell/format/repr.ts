/**
 * @module redis-cli's quoting of bulk strings (sdscatrepr), and the neutralising of control characters in the
 * few places redis-cli prints server bytes unquoted (status and error replies, --raw output).
 */

/**
 * Quotes bytes exactly as redis-cli does: `"` and `\` escaped, \n \r \t \a \b named, other bytes outside
 * printable ASCII as \xNN. The result is pure printable ASCII, so a stored value can never reach the
 * terminal as a control sequence.
 */
export function repr(bytes: Buffer): string {
  let out = '"';
  for (const byte of bytes) {
    switch (byte) {
      case 0x5c:
        out += '\\\\';
        break;
      case 0x22:
        out += '\\"';
        break;
      case 0x0a:
        out += '\\n';
        break;
      case 0x0d:
        out += '\\r';
        break;
      case 0x09:
        out += '\\t';
        break;
      case 0x07:
        out += '\\a';
        break;
      case 0x08:
        out += '\\b';
        break;
      default:
        out += byte >= 0x20 && byte <= 0x7e ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`;
    }
  }
  return `${out}"`;
}

// C0 controls except tab, newline and carriage return, DEL, and the C1 range (xterm honours U+009B as CSI).
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\r(?!\n)/g;

/**
 * Decodes server bytes as UTF-8 and replaces control characters with a visible \xNN. redis-cli would write
 * them to the terminal untouched; this is the one deliberate difference, and printable data is unaffected.
 */
export function neutralise(bytes: Buffer | string): string {
  // A CR is only harmless as part of CRLF (INFO and CLUSTER INFO use CRLF line ends); alone it rewrites the line.
  const text = typeof bytes === 'string' ? bytes : bytes.toString('utf8');
  return text.replace(CONTROL, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
