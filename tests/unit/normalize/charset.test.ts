import { describe, expect, it } from '@jest/globals';
import iconv from 'iconv-lite';
import { charsetFromContentType, decodeFeedBytes } from '../../../lambdas/core/normalize/charset.js';

const xml = (decl: string, body: string) => `<?xml version="1.0" encoding="${decl}"?><t>${body}</t>`;

describe('decodeFeedBytes', () => {
  it('lets a BOM win over HTTP and the declaration', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml('windows-1252', 'é€'), 'utf8')]);
    expect(decodeFeedBytes(bytes, 'text/xml; charset=koi8-r')).toEqual({ text: xml('windows-1252', 'é€'), encoding: 'utf-8' });
  });

  it('lets the HTTP charset win over the XML declaration', () => {
    const bytes = iconv.encode(xml('utf-8', 'Привет'), 'koi8-r');
    expect(decodeFeedBytes(bytes, 'application/rss+xml; charset="KOI8-R"').text).toContain('Привет');
  });

  it('uses the XML declaration when HTTP says nothing', () => {
    expect(decodeFeedBytes(iconv.encode(xml('Shift_JIS', '技術'), 'shift_jis')).text).toContain('技術');
  });

  it('decodes windows-1252 properly (curly quotes and the euro sign), which TextDecoder does not', () => {
    expect(decodeFeedBytes(iconv.encode(xml('windows-1252', '“€”'), 'windows-1252')).text).toContain('“€”');
    expect(decodeFeedBytes(iconv.encode(xml('iso-8859-1', 'é'), 'latin1')).encoding).toBe('windows-1252');
  });

  it('falls back to windows-1252 for bytes that are not UTF-8, and ignores unknown charsets', () => {
    expect(decodeFeedBytes(Buffer.from('<t>caf\xe9</t>', 'latin1')).text).toBe('<t>café</t>');
    expect(decodeFeedBytes(Buffer.from(xml('x-no-such-charset', 'ok'), 'utf8')).text).toContain('ok');
  });

  it('detects UTF-16 with and without a BOM', () => {
    const le = iconv.encode('<t>Ω</t>', 'utf-16le');
    expect(decodeFeedBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), le])).text).toBe('<t>Ω</t>');
    expect(decodeFeedBytes(le).text).toBe('<t>Ω</t>');
    expect(decodeFeedBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode('<t>Ω</t>', 'utf-16be')])).text).toBe('<t>Ω</t>');
  });

  it('reads the charset parameter of a Content-Type header', () => {
    expect(charsetFromContentType('text/xml;charset=UTF-8')).toBe('UTF-8');
    expect(charsetFromContentType('text/xml')).toBeNull();
    expect(charsetFromContentType(null)).toBeNull();
  });
});

describe('mislabelled charsets', () => {
  it('reads valid UTF-8 as UTF-8 even when a single-byte charset is declared, but keeps real legacy bytes legacy', () => {
    const utf8 = Buffer.from(xml('ISO-8859-1', 'Größe – ok'), 'utf8');
    expect(decodeFeedBytes(utf8).text).toContain('Größe – ok');
    expect(decodeFeedBytes(utf8, 'text/xml; charset=windows-1252').text).toContain('Größe – ok');
    expect(decodeFeedBytes(iconv.encode(xml('ISO-8859-1', 'Größe'), 'latin1')).text).toContain('Größe');
  });
});
