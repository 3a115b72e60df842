import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoClientOptions {
  region?: string;
  /** dynalite or DynamoDB Local; unset on AWS. */
  endpoint?: string;
  /** Explicit credentials for local servers, so no credential chain lookup happens. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  maxAttempts?: number;
}

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** A document client that keeps `null` attributes and drops `undefined` ones. */
export function createDocumentClient(options: DynamoClientOptions = {}): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: options.region ?? 'us-east-1',
    endpoint: options.endpoint,
    credentials: options.credentials ?? (options.endpoint ? LOCAL_CREDENTIALS : undefined),
    // Throttling is retried by the SDK with backoff; a higher budget than the default 3 absorbs bursts.
    maxAttempts: options.maxAttempts ?? 8,
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
