// A large synthetic RSS 2.0 feed (deterministic words, ~2.5 KB per item) for throughput and memory benches.
export function syntheticFeed(items: number): Buffer {
  const words = ['river', 'signal', 'copper', 'lantern', 'meadow', 'orbit', 'harbor', 'cipher', 'granite', 'willow', 'ember', 'quartz'];
  let seed = 7;
  const word = () => words[(seed = (seed * 1103515245 + 12345) % 2147483648) % words.length]!;
  const sentence = (n: number) => Array.from({ length: n }, word).join(' ');
  const parts = ['<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Synthetic</title><link>https://synthetic.example/</link><description>Bench feed</description>\n'];
  for (let i = 0; i < items; i++) {
    // Half the items carry HTML as CMSs write it (<img> attributes unsorted, no self-closing slash), which the
    // sanitizer must rewrite; the other half is already in sanitized form and takes the verified shortcut.
    const figure = i % 2 === 0 ? `<img src="https://synthetic.example/img/${i}.jpg" alt="${word()}" class="wp-image"><br>` : '';
    const paragraphs = figure + Array.from({ length: 6 }, () => `<p>${sentence(40)} <a href="https://synthetic.example/ref/${i}">${word()}</a> &amp; <em>${sentence(4)}</em></p>`).join('');
    parts.push(`<item><title>${sentence(8)} #${i}</title><link>https://synthetic.example/posts/${i}?utm_source=rss</link><guid isPermaLink="false">synthetic-${i}</guid>`
      + `<pubDate>Tue, 01 Dec 2026 ${String(i % 24).padStart(2, '0')}:00:00 +0000</pubDate><dc:creator>${word()} ${word()}</dc:creator><category>${word()}</category><category>${word()}</category>`
      + `<description>${sentence(30)}</description><content:encoded><![CDATA[${paragraphs}]]></content:encoded></item>\n`);
  }
  parts.push('</channel></rss>\n');
  return Buffer.from(parts.join(''));
}
