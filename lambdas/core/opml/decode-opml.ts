import iconv from 'iconv-lite';

// OPML files come from many readers; older ones write ISO-8859-1 or UTF-16. Precedence as in XML:
// a byte-order mark, then the encoding in the XML declaration, else UTF-8.

/** Decodes OPML bytes to text. */
export function decodeOpml(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return buffer.subarray(3).toString('utf8');
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return iconv.decode(buffer.subarray(2), 'utf-16le');
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return iconv.decode(buffer.subarray(2), 'utf-16be');
  const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(buffer.subarray(0, 256).toString('latin1'))?.[1];
  const encoding = declared ? legacyAlias(declared.toLowerCase()) : 'utf-8';
  if (encoding === 'utf-8' || encoding === 'utf8' || !iconv.encodingExists(encoding)) return buffer.toString('utf8');
  return iconv.decode(buffer, encoding);
}

// Like browsers: files labelled Latin-1 are nearly always windows-1252 (curly quotes, euro sign).
function legacyAlias(encoding: string): string {
  return encoding === 'iso-8859-1' || encoding === 'latin1' || encoding === 'us-ascii' ? 'windows-1252' : encoding;
}
