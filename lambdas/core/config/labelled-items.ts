import * as z from 'zod';
import { ConfigError } from '../errors.js';

// The labelled items the topic models learn from (and the eval scores): JSON lines of
// {"id", "title", "summary", "content"?, "topics": [...], "part"?}. Every bad line is reported as
// `file:line: reason`, so one typo does not hide the next.

export const labelledItemSchema = z.object({
  id: z.string().min(1),
  part: z.number().int().positive().optional(),
  title: z.string(),
  summary: z.string(),
  content: z.string().optional(),
  topics: z.array(z.string()),
});

export type LabelledItem = z.output<typeof labelledItemSchema>;

export function parseLabelledItems(file: string, text: string, topicIds: string[]): LabelledItem[] {
  const items: LabelledItem[] = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  text.split('\n').forEach((line, index) => {
    const lineNo = index + 1;
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      problems.push(`${file}:${lineNo}: not valid JSON: ${(error as Error).message}`);
      return;
    }
    const parsed = labelledItemSchema.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${file}:${lineNo}: ${issue.path.join('.') || '(line)'}: ${issue.message}`);
      return;
    }
    const unknown = parsed.data.topics.filter((t) => !topicIds.includes(t));
    if (unknown.length > 0) problems.push(`${file}:${lineNo}: topics: ${unknown.map((t) => `"${t}"`).join(', ')} not in topics.yaml`);
    const first = seen.get(parsed.data.id);
    if (first !== undefined) problems.push(`${file}:${lineNo}: id "${parsed.data.id}" already used on line ${first}`);
    seen.set(parsed.data.id, lineNo);
    items.push(parsed.data);
  });
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
  return items;
}
