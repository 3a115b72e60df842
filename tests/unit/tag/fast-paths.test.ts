import { describe, expect, it } from '@jest/globals';
import { parseTopicsConfig } from '../../../lambdas/core/config/topics.js';
import { cleanText, compileTopics, normalizeUnicode, scoreEntry } from '../../../lambdas/core/tag/index.js';
import { tokenize } from '../../../lambdas/core/tag/tokenize.js';

// The tagger's shortcuts (ASCII text skips Unicode folding, lines without consonant runs skip the
// gibberish check, stems cached by spelling) must give what the long way gives.

describe('tagger fast paths', () => {
  it('collapses runs of spaces and tabs in ASCII text but keeps line breaks', () => {
    // Prepare
    const text = 'one  two\tthree \t four\r\nfive six';

    // Act
    const folded = normalizeUnicode(text);

    // Assess
    expect(folded).toBe('one two three four \nfive six');
  });

  it('folds the same words written with non-ASCII spacing and quotes', () => {
    // Prepare
    const fancy = 'The \u201cA.I.\u201d\u00a0act\u2014\ufb01nal\u200b text';

    // Act
    const folded = normalizeUnicode(fancy);

    // Assess
    expect(folded).toBe('The "AI" act-final text');
  });

  it('still drops a keyboard-mash sentence the second time the same words appear', () => {
    // Prepare
    const spam = 'Real news about the border. Xkcdvbq plmnbrt wqzxcv.';

    // Act
    const first = cleanText(spam);
    const second = cleanText(spam);

    // Assess
    expect(first).toBe('Real news about the border.');
    expect(second).toBe(first);
  });

  it('keeps a line whose words never run four consonants together, even with many letters', () => {
    // Prepare
    const line = 'Lanterns by the harbor river signal an ember of quartz and granite in the meadow.';

    // Act
    const cleaned = cleanText(line);

    // Assess
    expect(cleaned).toBe(line);
  });

  it('stems a word the same whatever its capitalisation and however often it is seen', () => {
    // Prepare
    const text = 'Deported deported DEPORTED deported';

    // Act
    const { raw, stem } = tokenize(text);

    // Assess
    expect(raw).toEqual(['Deported', 'deported', 'DEPORTED', 'deported']);
    expect(new Set(stem)).toEqual(new Set(['deport']));
  });

  it('finds every pattern match on every call, past empty matches and astral characters', () => {
    // Prepare: a pattern that can also match the empty string, run twice on the same compiled rules
    const compiled = compileTopics(
      parseTopicsConfig(
        'topics.yaml',
        `fieldWeights: { title: 2, summary: 1, content: 0.5, categories: 1 }
contentLimits: { decisiveWeight: 3, supportingMax: 1, summaryLeadChars: 600 }
topics:
  - id: faces
    label: Faces
    threshold: 3
    rules:
      - id: scans
        weight: 3
        patterns: ['(?:face scan)?']
`,
      ),
    );
    const input = { title: '\u{1F600} face scan, then \u{1F600}\u{1F600} another face scan' };

    // Act
    const first = scoreEntry(compiled, input);
    const second = scoreEntry(compiled, input);

    // Assess
    expect(first[0]!.suppressed).toEqual([]);
    expect(first[0]!.hits).toEqual([{ rule: 'faces.scans', phrase: 'face scan', field: 'title', weight: 6 }]);
    expect(second).toEqual(first);
  });
});

