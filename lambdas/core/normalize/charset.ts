import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

export interface DecodedText {
  text: string;
  encoding: string;
}

const XML_DECL_ENCODING = /<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/;

/**
 * Turns feed bytes into text. Precedence follows the XML and HTTP specs as feed readers apply them:
 * a byte-order mark wins, then the HTTP Content-Type charset, then the XML declaration, then UTF-8 —
 * and bytes that are not valid UTF-8 fall back to windows-1252, the usual encoding of undeclared
 * legacy feeds. iconv-lite does the decoding because Node's TextDecoder maps windows-1252 to ISO-8859-1.
 */
export function decodeFeedBytes(bytes: Uint8Array, contentType?: string | null): DecodedText {
  const bom = detectBom(bytes);
  if (bom) return { text: decodeWith(bytes.subarray(bom.length), bom.encoding), encoding: bom.encoding };
  const sniffed = sniffUtf16(bytes);
  if (sniffed) return { text: decodeWith(bytes, sniffed), encoding: sniffed };
  const declared = usable(charsetFromContentType(contentType)) ?? usable(charsetFromXmlDecl(bytes));
  // A single-byte charset claimed for bytes that are valid UTF-8 is a mislabel (legacy text almost never
  // forms valid UTF-8 by accident; pure ASCII reads the same either way), so UTF-8 is tried first for those.
  const claimsUtf8 = declared !== null && /^utf-?8$/i.test(declared);
  const utf8 = !declared || claimsUtf8 || SINGLE_BYTE.test(declared) ? decodeUtf8Strict(bytes) : null;
  if (declared && !claimsUtf8 && utf8 === null) return { text: decodeWith(bytes, declared), encoding: declared.toLowerCase() };
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  return { text: decodeWith(bytes, 'windows-1252'), encoding: 'windows-1252' };
}

const SINGLE_BYTE = /^(windows-125\d|cp125\d|iso-?8859-\d+|latin-?\d|koi8-[ru]|mac(roman|intosh)?)$/i;

function detectBom(b: Uint8Array): { encoding: string; length: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  return null;
}

/** UTF-16 without a BOM still shows itself: '<' next to a zero byte. */
function sniffUtf16(b: Uint8Array): string | null {
  if (b.length < 4) return null;
  if (b[0] === 0x00 && b[1] === 0x3c && b[2] === 0x00) return 'utf-16be';
  if (b[0] === 0x3c && b[1] === 0x00 && b[3] === 0x00) return 'utf-16le';
  return null;
}

export function charsetFromContentType(contentType?: string | null): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return m?.[1] ?? null;
}

function charsetFromXmlDecl(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 512)).toString('latin1');
  const decl = head.indexOf('<?xml');
  return decl < 0 || decl > 200 ? null : (XML_DECL_ENCODING.exec(head.slice(decl))?.[1] ?? null);
}

function usable(charset: string | null): string | null {
  if (!charset) return null;
  const name = charset.trim().toLowerCase();
  // Servers often claim a Unicode charset for bytes that say otherwise in the document itself.
  if (/^(utf-?16|utf-?32|ucs-?2)/.test(name)) return null;
  if (name === 'us-ascii' || name === 'ascii') return 'windows-1252';
  if (name === 'iso-8859-1' || name === 'latin1' || name === 'latin-1') return 'windows-1252';
  return iconv.encodingExists(name) ? name : null;
}

const utf8Decoder = new TextDecoder('utf-8');

/** UTF-8 text, or null for bytes that are not UTF-8 (checked without throwing: exceptions are slow here). */
export function decodeUtf8Strict(bytes: Uint8Array): string | null {
  return isUtf8(bytes) ? utf8Decoder.decode(bytes) : null;
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  if (/^utf-?8$/i.test(encoding)) return new TextDecoder('utf-8').decode(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
}
