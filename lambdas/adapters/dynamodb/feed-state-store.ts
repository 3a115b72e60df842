import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FeedState, FeedStateStore } from '../../core/ports.js';
import { feedStateKey } from './keys.js';
import { queryPages } from './paginate.js';

const FIELDS: Array<keyof FeedState> = [
  'feedId', 'url', 'title', 'enabled', 'pollIntervalMinutes', 'topicHints', 'etag', 'lastModified', 'lastFetchAt',
  'lastSuccessAt', 'httpStatus', 'consecutiveFailures', 'errorClass', 'errorMessage', 'nextPollAt', 'movedTo',
  'goneReason', 'disabledReason',
];

/** Feed states share one partition (a few hundred small rows), so listing them is one paginated Query. */
export class DynamoDbFeedStateStore implements FeedStateStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async get(feedId: string): Promise<FeedState | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: feedStateKey(feedId), ConsistentRead: true }));
    return out.Item ? toFeedState(out.Item) : null;
  }

  async list(): Promise<FeedState[]> {
    const states: FeedState[] = [];
    const feedPages = queryPages(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': feedStateKey('').pk },
      ConsistentRead: true,
    });
    for await (const items of feedPages) for (const item of items) states.push(toFeedState(item));
    return states;
  }

  async put(state: FeedState): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.table, Item: { ...feedStateKey(state.feedId), type: 'feed-state', ...pick(state) } }));
  }
}

function pick(state: FeedState): Record<string, unknown> {
  return Object.fromEntries(FIELDS.map((f) => [f, state[f]]));
}

/** Missing attributes (rows written by an older version) read as their empty values. */
function toFeedState(item: Record<string, unknown>): FeedState {
  const s = item as Partial<FeedState>;
  return {
    feedId: String(s.feedId),
    url: String(s.url),
    title: s.title ?? '',
    enabled: s.enabled ?? true,
    pollIntervalMinutes: s.pollIntervalMinutes ?? null,
    topicHints: s.topicHints ?? [],
    etag: s.etag ?? null,
    lastModified: s.lastModified ?? null,
    lastFetchAt: s.lastFetchAt ?? null,
    lastSuccessAt: s.lastSuccessAt ?? null,
    httpStatus: s.httpStatus ?? null,
    consecutiveFailures: s.consecutiveFailures ?? 0,
    errorClass: s.errorClass ?? null,
    errorMessage: s.errorMessage ?? null,
    nextPollAt: s.nextPollAt ?? null,
    movedTo: s.movedTo ?? null,
    goneReason: s.goneReason ?? null,
    disabledReason: s.disabledReason ?? null,
  };
}
