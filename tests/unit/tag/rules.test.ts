import { describe, expect, it } from '@jest/globals';
import { parseTopicsConfig } from '../../../lambdas/core/config/topics.js';
import { compileTopics, scoreEntry, tagEntry } from '../../../lambdas/core/tag/index.js';
import type { TagInput } from '../../../lambdas/core/tag/index.js';

// Each rule kind on a small config written for the test, so a failure points at the engine, not at
// the tuning of config/topics.yaml.

const yaml = `
fieldWeights: { title: 2, summary: 1, content: 0.5, categories: 1 }
contentLimits: { decisiveWeight: 3, supportingMax: 1, summaryLeadChars: 600 }
topics:
  - id: immigration
    label: Immigration
    threshold: 3
    contexts:
      enforcement:
        phrases: [immigration, detention, raid, deport, agent]
    rules:
      - id: core
        weight: 3
        phrases: [deport, asylum seeker, H-1B]
      - id: agency
        weight: 3
        acronyms: [ICE]
        requires: [enforcement]
      - id: weak
        weight: 1
        phrases: [border, fence, checkpoint]
    exclude: [border-radius, ice hockey]
  - id: faces
    label: Faces
    threshold: 3
    rules:
      - id: core
        weight: 3
        phrases: [facial recognition, face recognition]
      - id: pattern
        weight: 3
        patterns: ['\\bscann(?:ed|ing) [a-z]{0,12} ?faces\\b']
    exclude: [Face ID, passport faces]
`;
const compiled = compileTopics(parseTopicsConfig('topics.yaml', yaml));
const topicsOf = (input: TagInput) => tagEntry(compiled, input).map((t) => t.topic);

describe('phrase rules', () => {
  it.each(['deported', 'deportation', 'Deportations', 'deporting'])('matches the inflection "%s" of "deport"', (word) => {
    expect(topicsOf({ summary: `Officials announced ${word} on Monday.` })).toEqual(['immigration']);
  });

  it('matches multi-word phrases across hyphens and case, and not their words apart', () => {
    expect(topicsOf({ summary: 'A face-recognition pilot ends.' })).toEqual(['faces']);
    expect(topicsOf({ summary: 'FACIAL RECOGNITION pilot ends.' })).toEqual(['faces']);
    expect(topicsOf({ summary: 'Her face lit up; recognition came late.' })).toEqual([]);
    expect(topicsOf({ summary: 'New H-1B rules published.' })).toEqual(['immigration']);
  });

  it('does not take a stem collision for an inflection', () => {
    const config = parseTopicsConfig('t.yaml', 'topics: [{id: a, label: A, threshold: 1, rules: [{id: r, phrases: [accountability]}]}]');

    const tags = tagEntry(compileTopics(config), { summary: 'Log in to your accounts.' });

    expect(tags).toEqual([]);
  });

  it('keeps two words with one stem apart when their configured forms differ (generative is not general)', () => {
    const config = parseTopicsConfig('t.yaml', 'topics: [{id: a, label: A, threshold: 1, rules: [{id: r, phrases: [generative, immigration, immigrant]}]}]');
    const tagged = (summary: string) => tagEntry(compileTopics(config), { summary }).length > 0;

    expect(tagged('The attorneys general objected.')).toBe(false);
    expect(tagged('Generative models improved.')).toBe(true);
    expect(tagged('Immigrants arrived.')).toBe(true);
  });

  it('counts a repeated phrase once per field', () => {
    const [tag] = tagEntry(compiled, { summary: 'Deportation, deportation, deportation.' });

    expect(tag?.score).toBe(3);
    expect(tag?.evidence).toEqual([{ rule: 'immigration.core', phrase: 'Deportation', field: 'summary', weight: 3 }]);
  });
});

describe('acronym and context rules', () => {
  it('matches ICE only in capitals and only next to an enforcement term', () => {
    expect(topicsOf({ summary: 'ICE agents made arrests.' })).toEqual(['immigration']);
    expect(topicsOf({ summary: 'Ice agents made arrests.' })).toEqual([]);
    expect(topicsOf({ summary: 'ICE futures rose on energy contracts.' })).toEqual([]);
  });

  it('explains a suppressed hit by the missing context', () => {
    const immigration = scoreEntry(compiled, { title: 'ICE futures rally' }).find((s) => s.topic === 'immigration');

    expect(immigration?.suppressed).toEqual([{ rule: 'immigration.agency', phrase: 'ICE', field: 'title', reason: 'needs context enforcement' }]);
  });

  it('finds the companion term in another field than the hit', () => {
    expect(topicsOf({ title: 'ICE expands operations', content: 'The detention network grew.' })).toEqual(['immigration']);
  });
});

describe('exclusions', () => {
  it('suppresses hits inside an excluded phrase and says so', () => {
    const scores = scoreEntry(compiled, { title: 'CSS border-radius tips', summary: 'Round your border.' });
    const immigration = scores.find((s) => s.topic === 'immigration')!;

    expect(immigration.hits).toEqual([{ rule: 'immigration.weak', phrase: 'border', field: 'summary', weight: 1 }]);
    expect(immigration.suppressed[0]?.reason).toBe('inside exclusion "border-radius"');
  });

  it('suppresses regex hits inside an exclusion too', () => {
    expect(topicsOf({ summary: 'The kiosk kept scanning passport faces.' })).toEqual([]);
    expect(topicsOf({ summary: 'Police were scanning faces at the gate.' })).toEqual(['faces']);
  });
});

describe('field weights and thresholds', () => {
  it('lets one weak hit in the title fall short but two weak ones pass', () => {
    expect(topicsOf({ title: 'On the border' })).toEqual([]);
    expect(topicsOf({ title: 'On the border', summary: 'The border town waits.' })).toEqual(['immigration']);
  });

  it('weights a title hit above the same hit in the body', () => {
    const [inTitle] = tagEntry(compiled, { title: 'Deportations rise' });
    const [inContent] = scoreEntry(compiled, { content: 'Deportations rise' });

    expect(inTitle?.score).toBe(6);
    expect(inContent?.score).toBe(1.5);
    expect(inContent?.assigned).toBe(false);
  });

  it('limits what supporting rules add from a long body, while decisive phrases count in full', () => {
    const [passing] = scoreEntry(compiled, { content: 'A town on the border, with a fence and a checkpoint.' });
    const [decisive] = scoreEntry(compiled, { content: 'Asylum seekers and H-1B holders were deported.' });

    expect(passing?.score).toBe(1);
    expect(passing?.suppressed).toEqual([{ rule: 'immigration.weak', phrase: 'fence', field: 'content', reason: 'content limit of 1 for supporting rules reached' }]);
    expect(decisive?.score).toBe(4.5);
    expect(decisive?.assigned).toBe(true);
  });

  it('reads a summary that carries a whole article as summary up to its lead and as body after', () => {
    const lead = 'A long report on local news. '.repeat(25);
    const [scored] = scoreEntry(compiled, { summary: `Deportations rose. ${lead}Asylum seekers waited.` });

    expect(scored?.hits).toEqual([
      { rule: 'immigration.core', phrase: 'Deportations', field: 'summary', weight: 3 },
      { rule: 'immigration.core', phrase: 'Asylum seekers', field: 'content', weight: 1.5 },
    ]);
  });

  it('reads feed categories as a field', () => {
    expect(topicsOf({ categories: ['Asylum seekers'] })).toEqual(['immigration']);
  });
});

describe('adding a topic', () => {
  it('is a config change only', () => {
    const config = parseTopicsConfig('t.yaml', `${yaml}
  - id: crypto
    label: Crypto
    threshold: 2
    rules:
      - id: core
        weight: 2
        phrases: [stablecoin, crypto exchange]
`);

    const tags = tagEntry(compileTopics(config), { title: 'Stablecoins face new rules' });

    expect(tags.map((t) => t.topic)).toEqual(['crypto']);
  });
});
