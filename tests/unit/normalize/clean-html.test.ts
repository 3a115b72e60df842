import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isSanitizerFixpoint } from '../../../lambdas/core/normalize/clean-html.js';
import { ALLOWLIST, sanitizeHtml, sanitizeWithLibrary } from '../../../lambdas/core/normalize/sanitize.js';

const PIECES = [
  'text', ' ', 'a & b', 'a &amp; b', '&nbsp;', '&#8217;', 'x > y', '"q"', '<p>', '</p>', '<div>', '</div>', '<b>', '</b>', '<em>', '</em>',
  '<br />', '<br>', '<hr />', '<img alt="a" src="https://x.example/a.png" />', '<img src="https://x.example/a.png" alt="a" />',
  '<img height="1" src="https://t.example/p.gif" width="1" />', '<img alt="" />', '<a href="https://x.example/?a=1&amp;b=2">', '<a href="/rel">',
  '<a href="javascript:alert(1)">', '<a href="jav&#x61;script:x">', '<a href="">', '</a>', '<ul>', '</ul>', '<li>', '</li>', '<script>', '</script>',
  '<span class="c" id="i">', '</span>', '<span id="i" class="c">', '<p onclick="x()">', '<!-- c -->', '<table>', '<tr>', '<td>', '</td>', '</tr>',
  '</table>', '<span style="color: red;">', '<span style="color:red">', '<p style="background:url(x.png)">', '<div style="margin: 0 auto;">', '<wbr />', '<source src="https://x.example/v.mp4" />', '<a href="https://x.example/" target="_blank">', '<P>', '<h2>', '</h2>',
];

describe('isSanitizerFixpoint', () => {
  it('never claims HTML is clean when sanitize-html would change it', () => {
    // sanitizeHtml trims before either path, so the property is about trimmed HTML.
    const html = fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }).map((parts) => parts.join('').trim());
    fc.assert(
      fc.property(html, fc.constantFrom(null, 'https://base.example/dir/'), (source, base) => {
        if (isSanitizerFixpoint(source, base, ALLOWLIST)) expect(sanitizeWithLibrary(source, base)).toBe(source);
      }),
      { numRuns: 3000 },
    );
  });

  it('recognizes typical clean article HTML and rejects dangerous HTML', () => {
    expect(isSanitizerFixpoint('<p>Hello <a href="https://x.example/">there</a> &amp; <em>you</em></p><br />', null, ALLOWLIST)).toBe(true);
    expect(isSanitizerFixpoint('<p onclick="x()">Hi</p>', null, ALLOWLIST)).toBe(false);
    expect(isSanitizerFixpoint('<a href="javascript:alert(1)">x</a>', null, ALLOWLIST)).toBe(false);
    expect(isSanitizerFixpoint('<p>open', null, ALLOWLIST)).toBe(false);
  });

  it('gives the same result through either path', () => {
    const clean = '<p>Fine <strong>text</strong></p>';
    expect(sanitizeHtml(clean)).toBe(sanitizeWithLibrary(clean, null));
  });
});
