import { describe, expect, it } from '@jest/globals';
import { cleanText, normalizeUnicode } from '../../../lambdas/core/tag/clean-text.js';
import { isGibberish } from '../../../lambdas/core/tag/furniture.js';

describe('cleanText', () => {
  it('strips markup and scripts and decodes entities', () => {
    const html = '<p>Agents &amp; officers <b>detained</b> 40&nbsp;workers &#8212; officials said.</p><script>var ice = 1;</script><style>p{}</style>';

    const text = cleanText(html);

    expect(text).toBe('Agents & officers detained 40 workers - officials said.');
  });

  it('folds ligatures, curly quotes, non-breaking and zero-width characters', () => {
    const text = normalizeUnicode('The \ufb01rm\u2019s \u201cface\u00a0recognition\u201d o\u200bffer');

    expect(text).toBe('The firm\'s "face recognition" offer');
  });

  it('drops comment sections, reply forms, share, newsletter and related-story blocks marked up as such', () => {
    const html = [
      '<article><p>The city council voted to ban the scanners.</p>',
      '<div class="sharedaddy sd-sharing"><h3>Share this:</h3><a>Twitter</a></div>',
      '<aside class="newsletter-signup">Get the morning briefing about immigration</aside>',
      '<div id="jp-relatedposts"><h3>Related</h3><p>Deportation flights resume</p></div>',
      '<p>The vote was 8 to 3.</p></article>',
      '<div id="comments"><h3>3 comments</h3><p>great post about ICE raids</p></div>',
      '<div id="respond"><h3>Leave a Reply</h3><form><textarea></textarea></form></div>',
    ].join('');

    const text = cleanText(html);

    expect(text).toBe('The city council voted to ban the scanners.\nThe vote was 8 to 3.');
  });

  it('cuts plain-text pages at the comment or related-stories heading and drops footer lines', () => {
    const plain = [
      'Lawmakers approved the bill on Tuesday.',
      'Share this article',
      'This post contains affiliate links; we may earn a commission.',
      'Sign up for our newsletter to get the news first.',
      'Critics said it goes too far.',
      'Related stories',
      'Border agency buys drones',
      'Leave a Reply',
      'Nice one',
    ].join('\n');

    const text = cleanText(plain);

    expect(text).toBe('Lawmakers approved the bill on Tuesday.\nCritics said it goes too far.');
  });

  it('drops a keyboard-mash spam comment and SEO spam but keeps real sentences around them', () => {
    const text = cleanText('<p>The agency declined to comment.</p><p>social signals for seo: nkvqkocup iccyp skpkbil</p><p>Buy cheap followers now, best backlinks.</p><p>Strengths and instructions were listed.</p>');

    expect(text).toBe('The agency declined to comment.\nStrengths and instructions were listed.');
  });

  it('keeps news sentences that mention words spammers also use', () => {
    const text = cleanText('Casino uses facial recognition to bar gambling addicts.');

    expect(text).toBe('Casino uses facial recognition to bar gambling addicts.');
  });

  it('writes dotted acronyms without dots', () => {
    expect(normalizeUnicode('A.I. rules in the U.S. and the E.U.')).toBe('AI rules in the US and the EU');
  });

  it('returns an empty string for missing fields', () => {
    expect(cleanText(null)).toBe('');
    expect(cleanText(undefined)).toBe('');
  });
});

describe('isGibberish', () => {
  it.each([
    ['nkvqkocup iccyp skpkbil', true],
    ['xqzvtk plmrtsw bbkdfg wonderful', true],
    ['Instructions for constructing strengths', false],
    ['Twelfths of the landscape were mapped', false],
    ['ICE agents detained workers', false],
    ['Iraqi and Qatari officials met at Nasdaq', false],
    ['Download the html and pdfs', false],
  ])('%s -> %s', (sentence, expected) => {
    expect(isGibberish(sentence)).toBe(expected);
  });
});
