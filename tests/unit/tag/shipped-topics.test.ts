import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { loadTopics } from '../../../lambdas/adapters/fs/topics-config.js';
import type { CompiledTopics, TagInput } from '../../../lambdas/core/tag/index.js';
import { scoreEntry, tagEntry } from '../../../lambdas/core/tag/index.js';

// The shipped config/topics.yaml on the cases the issue names. Its overall quality is measured by
// `npm run eval:topics`, not here.

let compiled: CompiledTopics;
beforeAll(async () => {
  ({ compiled } = await loadTopics(`${process.cwd()}/config`));
});
const topicsOf = (input: TagInput) => tagEntry(compiled, input).map((t) => t.topic);

// Written for this test in the style of the story the issue describes, with a page's furniture around it.
const contractStory = {
  title: 'Software giant said it was "proud" to power immigration agency with cloud and AI',
  summary: '<p>Employees pushed back after the company promoted its work for Immigration and Customs Enforcement.</p>',
  content: [
    '<article>',
    '<p>In a January post the company said it was proud to support ICE with its government cloud, noting that deep-learning ',
    'services could let the agency run face identification and verification on the people it processes.</p>',
    '<p>Staff circulated a letter against the contract as reports of migrant children separated from their parents at the ',
    'border spread. The company later said it was &ldquo;dismayed&rdquo; by the separation of families and condemned the policy.</p>',
    '<p>Elsewhere, another tech firm published principles pledging not to design AI for weapons, and a coalition of civil ',
    'liberties groups petitioned an online retailer to stop selling face recognition to police departments.</p>',
    '</article>',
    '<div class="share-buttons">Share this: Twitter Facebook</div>',
    '<section id="comments"><h3>1 Comment</h3>',
    '<div class="comment"><p>social signals for seo: nkvqkocup iccyp skpkbil</p></div></section>',
    '<div id="respond"><h3>Leave a Reply</h3><form><textarea></textarea></form></div>',
  ].join(''),
};

describe('the shipped model', () => {
  it('was trained on the dev set as it is now, for every topic (run `npx topicwire topics train` after editing it)', () => {
    const model = JSON.parse(readFileSync('config/topics.model.json', 'utf8')) as { trainedOn: { file: string; sha256: string }; topics: Record<string, unknown> };
    const devSet = readFileSync(model.trainedOn.file);

    expect(model.trainedOn.file).toBe('tests/eval/topics-dev.jsonl');
    expect(createHash('sha256').update(devSet).digest('hex')).toBe(model.trainedOn.sha256);
    expect(Object.keys(model.topics)).toEqual(compiled.topics.map((t) => t.id));
    expect(compiled.topics.every((t) => t.model !== null)).toBe(true);
  });
});

describe('the issue example', () => {
  it('gets all three topics, each with evidence', () => {
    const tags = tagEntry(compiled, contractStory);

    expect(tags.map((t) => t.topic)).toEqual(['immigration', 'facial-recognition', 'ai-ethics']);
    for (const tag of tags) expect(tag.evidence.length).toBeGreaterThan(0);
  });

  it('is scored the same with or without its trailing spam comment', () => {
    const spamOnly = { title: '', summary: 'social signals for seo: nkvqkocup iccyp skpkbil' };
    const withoutComments = { ...contractStory, content: contractStory.content.replace(/<section id="comments">.*<\/section>/, '') };

    expect(scoreEntry(compiled, contractStory)).toEqual(scoreEntry(compiled, withoutComments));
    expect(scoreEntry(compiled, spamOnly).every((s) => s.score === 0 && s.suppressed.length === 0)).toBe(true);
    // The furniture filter runs before the model too: it sees no words at all, only its prior.
    expect(tagEntry(compiled, spamOnly)).toEqual([]);
    expect(scoreEntry(compiled, spamOnly).map((s) => s.learned?.evidence)).toEqual([[], [], []]);
  });

  it('shows a spam comment in plain text adds nothing either', () => {
    const plain = { title: 'Asylum rule upheld', summary: 'The court ruled on Friday.\nsocial signals for seo: nkvqkocup iccyp skpkbil' };

    expect(scoreEntry(compiled, plain)).toEqual(scoreEntry(compiled, { title: 'Asylum rule upheld', summary: 'The court ruled on Friday.' }));
  });
});

describe('the issue example told in a headline and a summary only', () => {
  it.each([
    ["Software firm 'proud' to work with ICE, then condemns child separations", 'A January post boasted of deep learning face recognition for Immigration and Customs Enforcement; staff pushed back. A rival promised not to make AI weapons.'],
    ['Software firm is dismayed by family separations, but still works with ICE', 'Employees are circulating a letter demanding the company cancel its contract, which includes AI-powered facial recognition.'],
    ["Employees protest their company's work with ICE", 'The company had touted that its cloud could help the immigration agency with facial verification and identification. It later condemned separating migrant children from their parents.'],
  ])('"%s" gets all three topics', (title, summary) => {
    expect(topicsOf({ title, summary })).toEqual(['immigration', 'facial-recognition', 'ai-ethics']);
  });
});

describe('exclusions named in the issue', () => {
  it.each([
    ['Maple Leafs win ice hockey opener', 'The team scored twice on the ice.'],
    ['Black ice closes highway', 'Crews salted the road overnight.'],
    ['Facebook adds group chats', 'The social network updated its app.'],
    ['FaceTime gets screen sharing', 'Calls can now share screens.'],
    ['New iPhone moves Face ID unlock under the display', 'The sensor sits beneath the screen.'],
    ['Using border-radius in CSS', 'Round the corners of a card.'],
    ['Database migration without downtime', 'Move your tables safely.'],
    ['Bird migration peaks this week', 'Songbirds fly south at night.'],
    ['How to migrate to the cloud', 'A data migration checklist for IT teams.'],
    ['OpenAI releases a faster model', 'The new model tops coding benchmarks.'],
    ['ICE Futures volume hits record', 'The exchange operator reported higher trading.'],
  ])('tags nothing on "%s"', (title, summary) => {
    expect(topicsOf({ title, summary })).toEqual([]);
  });
});

describe('typical positives', () => {
  it.each([
    ['ICE agents detain 30 in factory raid', 'immigration'],
    ['H-1B visa fee hike worries startups', 'immigration'],
    ['Police face-recognition searches to require a warrant', 'facial-recognition'],
    ['Airport face scans expand to domestic flights', 'facial-recognition'],
    ['Hiring algorithm was biased against women, audit finds', 'ai-ethics'],
    ['Researchers pledge not to build autonomous weapons', 'ai-ethics'],
  ])('"%s" -> %s', (title, topic) => {
    expect(topicsOf({ title, summary: '' })).toEqual([topic]);
  });
});

describe('AI ethics without the words ethics or bias', () => {
  it.each([
    ['City to use AI to deny housing benefits to repeat applicants', 'The pilot starts in March.'],
    ['Messaging app starts training its AI on user photos', 'Members were not asked first.'],
    ['Gunshot detection contract dropped after false alerts in Black neighborhoods', 'Critics said it sent officers on needless stops.'],
    ['Chatbot persona insisted it was real, family says', 'The man was cognitively impaired.'],
  ])('"%s" -> ai-ethics', (title, summary) => {
    expect(topicsOf({ title, summary })).toContain('ai-ethics');
  });

  it('reads a machine mistaking one person for another as a face match and a harm, but not a person doing it', () => {
    const machine = { title: 'Store camera system misidentified shopper as banned customer', summary: 'She was escorted out.' };
    const referee = { title: 'Referee misidentified the player who fouled', summary: 'The wrong man was sent off.' };

    expect(topicsOf(machine)).toEqual(['facial-recognition', 'ai-ethics']);
    expect(topicsOf(referee)).toEqual([]);
  });

  it('does not count companies suing each other over trade secrets, unlike authors suing over training', () => {
    const secrets = { title: 'AI lab sues former researcher', summary: 'It says she took trade secrets to a rival chatbot maker.' };
    const authors = { title: 'Novelists sue AI lab', summary: 'They say their books were used to train its chatbot.' };

    expect(topicsOf(secrets)).toEqual([]);
    expect(topicsOf(authors)).toEqual(['ai-ethics']);
  });
});

describe('face checks described without the word face recognition', () => {
  it.each([
    ['Delivery app compares a selfie with the account photo before each shift', 'Couriers who fail are locked out.'],
    ['Police ran protest photos against the national passport database', 'Campaigners found hundreds of searches.'],
  ])('"%s" -> facial-recognition', (title, summary) => {
    expect(topicsOf({ title, summary })).toContain('facial-recognition');
  });
});
