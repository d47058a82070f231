// Checks on a receipt's raw bytes and JSON text for what JSON.parse would silently change, so that
// the receiver refuses it (400 naming the field) instead of storing something else than was sent
// (issue #20, item 4): invalid UTF-8 (decoded as U+FFFD), numbers a double cannot hold as written
// (9007199254740993 becomes …992), and a key sent twice (JSON.parse keeps the last one only).
import { isUtf8 } from 'node:buffer';

/** The body cannot be stored as sent; the message names the field. */
export class NotAsSent extends Error {}

type Frame = { kind: 'object'; path: string; keys: Set<string>; key: string | null } | { kind: 'array'; path: string; index: number };

/** Where a value sits: `body.notice.purposes[0].label`, as canonicalJson names fields. */
function pathOf(stack: Frame[]): string {
  const top = stack[stack.length - 1];
  if (!top) return 'body';
  return top.kind === 'object' ? `${top.path}.${top.key ?? ''}` : `${top.path}[${top.index}]`;
}

/** The index of the quote that closes the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i += 1;
    else if (c === 0x22) return i;
  }
  return text.length - 1;
}

/** A decimal number as sign, significant digits and exponent: "1.50", "15e-1" and "1.5" give the same. */
function decimal(number: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(number);
  if (!match) return number;
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  const digits = `${whole}${fraction}`.replace(/^0+/, '');
  if (digits === '') return '0';
  const significant = digits.replace(/0+$/, '');
  return `${sign}${significant}e${Number(exponent) - fraction.length + (digits.length - significant.length)}`;
}

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Walks JSON text that JSON.parse accepted and calls `onString` for each string (its span, quotes
 * included, and the path of the value, or of the object for a key). Throws NotAsSent for a key sent
 * twice in one object and for a number that does not read back as written.
 */
function walk(text: string, onString?: (start: number, end: number, path: string) => void): void {
  const stack: Frame[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === '"') {
      const end = stringEnd(text, i);
      if (expectKey && top?.kind === 'object') {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        onString?.(i, end, top.path);
        if (top.keys.has(key)) throw new NotAsSent(`${top.path} has the key ${JSON.stringify(key)} twice`);
        top.keys.add(key);
        top.key = key;
        expectKey = false;
      } else {
        onString?.(i, end, pathOf(stack));
      }
      i = end;
    } else if (c === '{') {
      stack.push({ kind: 'object', path: pathOf(stack), keys: new Set(), key: null });
      expectKey = true;
    } else if (c === '[') {
      stack.push({ kind: 'array', path: pathOf(stack), index: 0 });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      if (top?.kind === 'array') top.index += 1;
      else expectKey = true;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const token = NUMBER.exec(text)?.[0] ?? c;
      // The number JSON.parse gives, written back, must be the one sent: no rounding (beyond
      // 2^53, or more digits than a double holds) and no overflow to Infinity.
      if (decimal(String(Number(token))) !== decimal(token)) {
        throw new NotAsSent(`${pathOf(stack)} must be a number that reads back as written (a double: integers up to 2^53, about 17 significant digits)`);
      }
      i += token.length - 1;
    }
  }
}

/** Throws NotAsSent naming the first key sent twice or number changed by parsing, if any. */
export function checkJsonText(text: string): void {
  walk(text);
}

/** The body's text, or NotAsSent naming the string that holds invalid UTF-8 (decoding would replace it with U+FFFD). */
export function utf8Text(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  if (isUtf8(bytes)) return text;
  // The first byte that decoding changed, as an index in the decoded text.
  const decoded = Buffer.from(text, 'utf8');
  let byte = 0;
  while (byte < bytes.length && bytes[byte] === decoded[byte]) byte += 1;
  const at = bytes.subarray(0, byte).toString('utf8').length;
  let field = 'body';
  try {
    JSON.parse(text);
    walk(text, (start, end, path) => {
      if (field === 'body' && start <= at && at <= end) field = path;
    });
  } catch {
    // Not JSON, or another fault further on (reported once the UTF-8 is right): "body" it is.
  }
  throw new NotAsSent(`${field} must be valid UTF-8`);
}
