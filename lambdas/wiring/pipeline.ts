import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbEntryStore } from '../adapters/dynamodb/entry-store.js';
import { DynamoDbFeedStateStore } from '../adapters/dynamodb/feed-state-store.js';
import type { Entry, TopicTag } from '../core/model.js';
import type { Clock, Fetcher } from '../core/ports.js';
import type { PollFeedDeps } from '../use-cases/poll-feed.js';

// The parts every driver shares (Lambda, one-machine runtime, CLI, tests): stores over one table and
// the pure pipeline stages, assembled the same way everywhere.

export const systemClock: Clock = { now: () => new Date() };

export interface Stages {
  tagEntry: (entry: Entry, topicHints: string[]) => TopicTag[];
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
