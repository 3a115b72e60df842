import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbEntryStore } from '../adapters/dynamodb/entry-store.js';
import { DynamoDbFeedStateStore } from '../adapters/dynamodb/feed-state-store.js';
import { TopicwireError } from '../core/errors.js';
import type { Entry, ParsedFeed, ParseOptions, TopicTag } from '../core/model.js';
import type { Clock, Fetcher } from '../core/ports.js';
import type { NextPollInput, PollFeedDeps } from '../use-cases/poll-feed.js';

// The parts every driver shares (Lambda, one-machine runtime, CLI, tests): stores over one table and
// the pure pipeline stages, assembled the same way everywhere.

export const systemClock: Clock = { now: () => new Date() };

export interface Stages {
  parseFeed: (bytes: Uint8Array, options: ParseOptions) => ParsedFeed;
  tagEntry: (entry: Entry, topicHints: string[]) => TopicTag[];
  nextPollAt: (input: NextPollInput) => Date;
}

export interface StoreOptions {
  doc: DynamoDBDocumentClient;
  tableName: string;
  retentionDays: number;
  clock: Clock;
}

export function buildStores({ doc, tableName, retentionDays, clock }: StoreOptions) {
  return {
    feedStates: new DynamoDbFeedStateStore(doc, tableName),
    entries: new DynamoDbEntryStore(doc, tableName, { retentionDays, clock }),
  };
}

export function buildPollDeps(stores: ReturnType<typeof buildStores>, fetcher: Fetcher, stages: Stages, clock: Clock): PollFeedDeps {
  return { ...stores, fetcher, ...stages, clock };
}

class NotWiredError extends TopicwireError {}

/** Until the parser, tagger and schedule modules are integrated, these fail loudly rather than guess. */
export async function loadStages(_configDir: string): Promise<Stages> {
  const missing = (what: string) => () => {
    throw new NotWiredError(`${what} is not wired into the pipeline yet`);
  };
  return { parseFeed: missing('parseFeed'), tagEntry: missing('tagEntry'), nextPollAt: missing('nextPollAt') };
}

export const pendingFetcher: Fetcher = {
  fetchFeed: () => Promise.reject(new NotWiredError('the HTTP fetcher is not wired into the pipeline yet')),
};
