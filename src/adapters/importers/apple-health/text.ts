/**
 * The scanner reads export.xml as latin1 text: one character per byte, so every offset is a
 * byte offset, a UTF-8 sequence split across chunks needs no care, and markup (all ASCII) is
 * found with plain `indexOf`. A value with bytes >= 0x80 is UTF-8 read as latin1 and is decoded
 * here, with entities and attribute-value whitespace, only when it needs it.
 */

/**
 * An attribute value needs work when it holds an entity, a line break or tab, or non-ASCII
 * bytes; a raw `<` is never allowed (it means a quote was not closed and the value ran on).
 */
const NEEDS_DECODING = /[&<\t\n\r\x80-\xff]/;
const WHITESPACE = /[\t\n\r]/g;
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** A value that cannot be an attribute value: an unknown entity, a raw `<`. */
export class AttributeValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AttributeValueError';
  }
}

export function needsDecoding(raw: string): boolean {
  return NEEDS_DECODING.test(raw);
}

/** A raw attribute value (latin1 view of UTF-8 bytes) as the string it stands for. */
export function decodeAttributeValue(raw: string): string {
  if (!NEEDS_DECODING.test(raw)) return raw;
  if (raw.includes('<')) throw new AttributeValueError(`a raw "<" in the value (an unclosed quote?) at ${JSON.stringify(raw.slice(0, 40))}`);
  let text = raw;
  for (let i = 0; i < text.length; i += 1) {
    if (text.charCodeAt(i) >= 0x80) {
      text = Buffer.from(text, 'latin1').toString('utf8');
      break;
    }
  }
  // XML attribute-value normalization: a literal tab or line break reads as a space
  // (a character reference such as &#10; keeps its character, hence before entities).
  if (text.includes('\n') || text.includes('\r') || text.includes('\t')) text = text.replace(/\r\n/g, ' ').replace(WHITESPACE, ' ');
  return text.includes('&') ? decodeXmlEntities(text) : text;
}

function allowedCodePoint(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** `&amp; &lt; &gt; &quot; &apos; &#NN; &#xHH;` decoded; anything else after `&` is an AttributeValueError. */
export function decodeXmlEntities(text: string): string {
  let amp = text.indexOf('&');
  if (amp === -1) return text;
  let out = '';
  let from = 0;
  while (amp !== -1) {
    const semi = text.indexOf(';', amp + 1);
    if (semi === -1 || semi - amp > 12) throw new AttributeValueError(`unterminated or unknown entity at "${text.slice(amp, amp + 12)}"`);
    const name = text.slice(amp + 1, semi);
    let replacement: string | undefined;
    if (name.charCodeAt(0) === 35 /* # */) {
      const hex = name.charCodeAt(1) === 120 /* x */;
      const digits = name.slice(hex ? 2 : 1);
      if (digits !== '' && (hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) {
        const cp = Number.parseInt(digits, hex ? 16 : 10);
        if (allowedCodePoint(cp)) replacement = String.fromCodePoint(cp);
      }
    } else {
      replacement = NAMED[name];
    }
    if (replacement === undefined) throw new AttributeValueError(`unknown entity "&${name};"`);
    out += text.slice(from, amp) + replacement;
    from = semi + 1;
    amp = text.indexOf('&', from);
  }
  return out + text.slice(from);
}

/**
 * A copy of `text` that shares no memory with the string it was cut from. V8 cuts long
 * substrings as views into their parent; a view kept in a cache would pin a whole chunk.
 */
export function detached(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'latin1').toString('latin1');
}

/** At most `max` characters of a value for a message, decoded when possible. */
export function preview(raw: string, max = 60): string {
  let text: string;
  try {
    text = decodeAttributeValue(raw);
  } catch {
    text = raw;
  }
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}
