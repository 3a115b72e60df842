import { describe, expect, it } from '@jest/globals';
import { parseFeed } from '../../../lambdas/core/parse/index.js';
import { fixture } from './fixture.js';

describe('legacy encodings', () => {
  it.each([
    ['windows-1252.xml', '“Curly” quotes – and €uro'],
    ['iso-8859-1.xml', 'Größe und Maß'],
    ['iso-8859-15.xml', 'Prix en € pour œufs'],
    ['iso-8859-2.xml', 'Łódź i Kraków'],
    ['koi8-r.xml', 'Новости науки'],
    ['windows-1251.xml', 'Свежие новости'],
    ['shift_jis.xml', '技術ニュース'],
    ['euc-jp.xml', '日本の話題'],
    ['gb2312.xml', '科技新闻'],
    ['big5.xml', '科技新聞'],
    ['euc-kr.xml', '기술 뉴스'],
    ['utf-16le-bom.xml', 'UTF-16 little endian ✓'],
    ['utf-16be-bom.xml', 'UTF-16 big endian ✓'],
    ['utf-16le-nobom.xml', 'UTF-16 without BOM'],
    ['utf-8-bom.xml', 'UTF-8 with BOM ✓'],
    ['undeclared-latin1.xml', 'Undeclared café'],
    ['declared-utf8-but-latin1.xml', 'Wrongly declared résumé'],
  ])('decodes %s without mojibake', (file, title) => {
    const feed = parseFeed(fixture(`encoding/${file}`));
    expect(feed.feed.title).toBe(title);
    expect(feed.items[0]!.title).toBe(`${title} (item)`);
  });
});
