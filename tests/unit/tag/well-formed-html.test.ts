import { describe, expect, it } from '@jest/globals';
import { Parser } from 'htmlparser2';
import { cleanText } from '../../../lambdas/core/tag/index.js';
import { walkWellFormedHtml } from '../../../lambdas/core/tag/well-formed-html.js';
import type { HtmlEvents } from '../../../lambdas/core/tag/well-formed-html.js';

// The regex walk stands in for htmlparser2 on sanitized HTML, so it must replay exactly htmlparser2's
// events there, and refuse everything whose parsing htmlparser2 would change (implied or stray tags).

function recorder(): { events: HtmlEvents; log: string[] } {
  const log: string[] = [];
  const events: HtmlEvents = {
    open: (name, attrs) => log.push(`<${name} ${attrs.class ?? ''}|${attrs.id ?? ''}|${attrs.role ?? ''}>`),
    text: (text) => (log[log.length - 1]?.startsWith('"') ? (log[log.length - 1] = `${log[log.length - 1]!}${text}`) : log.push(`"${text}`)),
    close: (name) => log.push(`</${name}>`),
  };
  return { events, log };
}

function htmlparser2Log(html: string): string[] {
  const { events, log } = recorder();
  const parser = new Parser({ onopentag: events.open, ontext: events.text, onclosetag: events.close }, { decodeEntities: true, lowerCaseTags: true });
  parser.write(html);
  parser.end();
  return log;
}

describe('walkWellFormedHtml', () => {
  it.each([
    '<p>Border agents &amp; <a href="https://x.example/?a=1&amp;b=2">cameras</a></p><p>Second&nbsp;&#8217;para&#x2019;</p>',
    '<figure><img alt="a" src="https://x.example/a.jpg" /><figcaption>Caption</figcaption></figure><br />tail',
    '<div class="comments" id="c1"><ul><li>one</li><li>two</li></ul></div><!-- SC_OFF --><table><tr><td>a</td></tr></table>',
    'a &notit; b <hr />',
  ])('replays the events htmlparser2 gives for %s', (html) => {
    // Prepare
    const { events, log } = recorder();

    // Act
    const walked = walkWellFormedHtml(html, events);

    // Assess
    expect(walked).toBe(true);
    expect(log).toEqual(htmlparser2Log(html));
  });

  it.each(['<p>a<p>b</p>', '<p>x<div>y</div></p>', '<ul><li>a<li>b</ul>', '<b>x</i>', '<p>open', '</br>', 'x &amp y', '<P>x</P>', '<span />', '<script>a</script>', '<p class="a &amp; b">x</p>', 'a < b'])(
    'leaves %s to htmlparser2 without replaying anything',
    (html) => {
      // Prepare
      const { events, log } = recorder();

      // Act
      const walked = walkWellFormedHtml(html, events);

      // Assess
      expect(walked).toBe(false);
      expect(log).toEqual([]);
    },
  );

  it('gives cleanText the same text on both paths', () => {
    // Prepare
    const sanitized = '<p>Face scans at the border.</p><div class="share"><p>Share this</p></div><p>More &amp; more.</p>';
    const sloppy = `${sanitized}<p>unclosed`;

    // Act
    const fast = cleanText(sanitized);
    const slow = cleanText(sloppy);

    // Assess
    expect(fast).toBe('Face scans at the border.\nMore & more.');
    expect(slow).toBe(`${fast}\nunclosed`);
  });
});
