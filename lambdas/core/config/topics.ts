import * as z from 'zod';
import { checkPatternSafety } from '../tag/regex-guard.js';
import { parseYamlConfig } from './yaml-source.js';

// config/topics.yaml: the topics and the rules that assign them. Adding a topic is a config change only.
// Validated strictly (unknown keys fail with the allowed ones) and every rule problem, including an unsafe
// regular expression, is reported as `file:line: path: reason` by parseYamlConfig.

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slug = (what: string) => z.string().regex(SLUG, `${what} must be a slug: lowercase letters, digits and single hyphens`).max(64);

const phrase = z
  .string()
  .trim()
  .max(120, 'must be at most 120 characters')
  .regex(/[\p{L}\p{N}]/u, 'must contain at least one letter or digit');
const acronym = z
  .string()
  .regex(/^[\p{L}\p{N}]+$/u, 'must be a single word of letters and digits (matched exactly, case-sensitive)');

const pattern = z
  .string()
  .min(1)
  .max(200, 'must be at most 200 characters')
  .superRefine((source, ctx) => {
    const problem = checkPatternSafety(source);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const fieldWeightsSchema = z.strictObject({
  title: z.number().min(0).default(2).describe('Multiplier for hits in the headline.'),
  summary: z.number().min(0).default(1).describe('Multiplier for hits in the summary / description.'),
  content: z.number().min(0).default(0.5).describe('Multiplier for hits in the full article body.'),
  categories: z.number().min(0).default(1).describe("Multiplier for hits in the feed's own category labels."),
});

const contentLimitsSchema = z.strictObject({
  decisiveWeight: z.number().positive().default(3).describe('Rules weighted at least this much are decisive and count in full in the content.'),
  supportingMax: z.number().min(0).default(1).describe('Total points per topic that lighter (supporting) rules may add from the content field.'),
  summaryLeadChars: z
    .number()
    .int()
    .min(100)
    .default(600)
    .describe('Summaries longer than this (feeds that put the whole article there) count as summary up to the last sentence end before it, and as content after.'),
});

const contextSchema = z
  .strictObject({
    phrases: z.array(phrase).default([]).describe('Words or phrases, matched stem-aware and case-insensitively.'),
    acronyms: z.array(acronym).default([]).describe('Exact, case-sensitive words such as ICE or DHS.'),
  })
  .refine((c) => c.phrases.length + c.acronyms.length > 0, 'a context needs at least one phrase or acronym');

const ruleSchema = z
  .strictObject({
    id: slug('rule id').describe('Rule id, unique within the topic; shown in the evidence as topic.rule.'),
    weight: z.number().positive().max(100).default(1).describe('Points per distinct hit, multiplied by the field weight.'),
    phrases: z
      .array(phrase)
      .default([])
      .describe('Phrases matched on word stems, case-insensitively: "deport" also matches "deported" and "deportations"; "face recognition" matches "face-recognition".'),
    acronyms: z.array(acronym).default([]).describe('Exact, case-sensitive words: "ICE" matches ICE but not "ice" or "Ice".'),
    patterns: z
      .array(pattern)
      .default([])
      .describe('Raw JavaScript regular expressions (case-sensitive; prefix (?i) is not supported, use [Aa]). Checked at load time: nested or overlapping repetition is rejected.'),
    requires: z.array(slug('context name')).default([]).describe('Context names that must ALL be present somewhere in the item for this rule to count.'),
    unless: z.array(slug('context name')).default([]).describe('Context names: if ANY is present in the item, this rule does not count.'),
  })
  .refine((r) => r.phrases.length + r.acronyms.length + r.patterns.length > 0, 'a rule needs phrases, acronyms or patterns');

export const topicSchema = z
  .strictObject({
    id: slug('topic id').describe('Topic id (slug), stored with every tagged item; do not rename a topic that has items.'),
    label: z.string().trim().min(1).max(80).describe('Display name, e.g. "Facial recognition".'),
    description: z.string().trim().max(500).optional().describe('One sentence for editors: what belongs in this topic.'),
    threshold: z.number().positive().describe('Minimum score for the topic to be assigned.'),
    contexts: z
      .record(slug('context name'), contextSchema)
      .default({})
      .describe('Named companion vocabularies that rules refer to in requires / unless.'),
    rules: z.array(ruleSchema).min(1, 'a topic needs at least one rule').describe('The rules whose hits add up to the score.'),
    exclude: z
      .array(phrase)
      .default([])
      .describe('Phrases whose words never count for this topic, e.g. "ice hockey", "border-radius" (stem-aware, case-insensitive).'),
  })
  .superRefine((topic, ctx) => {
    const known = new Set(Object.keys(topic.contexts ?? {}));
    topic.rules?.forEach((rule, index) => {
      for (const key of ['requires', 'unless'] as const) {
        rule?.[key]?.forEach((name, i) => {
          if (!known.has(name)) ctx.addIssue({ code: 'custom', path: ['rules', index, key, i], message: `unknown context "${name}"; defined: ${[...known].join(', ') || 'none'}` });
        });
      }
    });
  });

export const topicsFileSchema = z
  .strictObject({
    fieldWeights: fieldWeightsSchema.default({ title: 2, summary: 1, content: 0.5, categories: 1 }).describe('How much a hit counts per field (title > summary > content).'),
    contentLimits: contentLimitsSchema.default({ supportingMax: 1, decisiveWeight: 3, summaryLeadChars: 600 }).describe('Keeps long article bodies from adding up words mentioned in passing.'),
    topics: z.array(topicSchema).min(1).describe('The topics, in display order.'),
  })
  .superRefine((file, ctx) => {
    reportDuplicates((file.topics ?? []).map((t) => t?.id), ['topics'], ctx);
    file.topics?.forEach((topic, t) => reportDuplicates((topic?.rules ?? []).map((r) => r?.id), ['topics', t, 'rules'], ctx));
  });

export type TopicsConfig = z.output<typeof topicsFileSchema>;
export type TopicConfig = z.output<typeof topicSchema>;
export type RuleConfig = TopicConfig['rules'][number];
export type TagField = keyof TopicsConfig['fieldWeights'];

/** Parses and validates topics.yaml text; throws ConfigError with `file:line: path: reason` lines. */
export function parseTopicsConfig(file: string, text: string): TopicsConfig {
  return parseYamlConfig(file, text, topicsFileSchema);
}

function reportDuplicates(ids: Array<string | undefined>, base: Array<string | number>, ctx: z.RefinementCtx): void {
  const first = new Map<string, number>();
  ids.forEach((id, index) => {
    if (typeof id !== 'string') return;
    const earlier = first.get(id);
    if (earlier === undefined) first.set(id, index);
    else ctx.addIssue({ code: 'custom', path: [...base, index, 'id'], message: `duplicate id "${id}", first used`, params: { relatedPath: [...base, earlier, 'id'] } });
  });
}
