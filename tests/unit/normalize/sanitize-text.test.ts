import { describe, expect, it } from '@jest/globals';
import { decodeEntities } from '../../../lambdas/core/normalize/entities.js';
import { sanitizeHtml } from '../../../lambdas/core/normalize/sanitize.js';
import { looksLikeHtml, toPlainText } from '../../../lambdas/core/normalize/text.js';

describe('sanitizeHtml', () => {
  it('removes scripts, styles, event handlers and script URLs but keeps the prose', () => {
    const out = sanitizeHtml('<p onclick="x()">Hi <b>there</b></p><script>evil()</script><style>p{}</style><a href="javascript:alert(1)">x</a>');
    expect(out).toBe('<p>Hi <b>there</b></p><a>x</a>');
  });

  it('drops 1x1 tracking images and keeps real ones, resolving relative URLs', () => {
    const out = sanitizeHtml('<img src="/t.gif" width="1" height="1"><img src="a.jpg" alt="A">', 'https://x.example/post/');
    expect(out).toBe('<img alt="A" src="https://x.example/post/a.jpg" />');
  });

  it('keeps plain-worded comments, as feed readers do, and drops every other comment with its contents', () => {
    expect(sanitizeHtml('<!-- SC_OFF --><div class="md"><p>x</p></div><!-- SC_ON -->')).toBe('<!-- SC_OFF --><div class="md"><p>x</p></div><!-- SC_ON -->');
    expect(sanitizeHtml('<p>a</p><!--><script>alert(1)</script>--><p>b</p>')).toBe('<p>a</p><p>b</p>');
    expect(sanitizeHtml('<p>a</p><!-- x -- y --><p>\u00010\u0001</p>')).toBe('<p>a</p><p>0</p>');
  });

  it('returns text without markup unchanged (entities and all)', () => {
    expect(sanitizeHtml('  AT&T &amp; more  ')).toBe('AT&T &amp; more');
  });
});

describe('text helpers', () => {
  it('decodes XML, numeric and HTML named entities but not unknown ones', () => {
    expect(decodeEntities('&amp; &lt; &#233; &#x2019; &eacute; &nbsp; &bogus; & alone')).toBe('& < é ’ é \u00a0 &bogus; & alone');
  });

  it('recognizes HTML in plain-text fields the way feed readers do', () => {
    expect(looksLikeHtml('<b>bold</b> move')).toBe(true);
    expect(looksLikeHtml('a < b and c > d')).toBe(false);
    expect(looksLikeHtml('<Tag>custom</Tag>')).toBe(false);
  });

  it('keeps plain titles as they are and sanitizes HTML ones', () => {
    expect(toPlainText(' Fish & Chips ', false)).toBe('Fish & Chips');
    expect(toPlainText('<em>Hi</em><script>x()</script>', true)).toBe('<em>Hi</em>');
    expect(toPlainText('Hi <script>x()</script>', false)).toBe('Hi');
  });
});
