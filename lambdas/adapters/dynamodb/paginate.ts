import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient, QueryCommandInput, ScanCommandInput } from '@aws-sdk/lib-dynamodb';

type Page = { Items?: Record<string, unknown>[]; LastEvaluatedKey?: Record<string, unknown> };

// Every page of a Query or Scan, following LastEvaluatedKey, so no caller can stop at the first 1 MB page.
async function* pages(fetch: (start: Record<string, unknown> | undefined) => Promise<Page>): AsyncGenerator<Record<string, unknown>[]> {
  let start: Record<string, unknown> | undefined;
  do {
    const out = await fetch(start);
    yield out.Items ?? [];
    start = out.LastEvaluatedKey;
  } while (start);
}

export function queryPages(doc: DynamoDBDocumentClient, input: Omit<QueryCommandInput, 'ExclusiveStartKey'>) {
  return pages((start) => doc.send(new QueryCommand({ ...input, ExclusiveStartKey: start })));
}

export function scanPages(doc: DynamoDBDocumentClient, input: Omit<ScanCommandInput, 'ExclusiveStartKey'>) {
  return pages((start) => doc.send(new ScanCommand({ ...input, ExclusiveStartKey: start })));
}
