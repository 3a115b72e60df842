import { BatchGetCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * A real client that, like a throttled table, processes only part of each batch for the first `times`
 * batch calls and hands the rest back as UnprocessedItems / UnprocessedKeys.
 */
export function flakyBatches(doc: DynamoDBDocumentClient, times: number): DynamoDBDocumentClient {
  let remaining = times;
  const send = async (command: unknown) => {
    if (remaining > 0 && command instanceof BatchWriteCommand) {
      remaining--;
      const [table, requests] = Object.entries(command.input.RequestItems ?? {})[0]!;
      const half = Math.ceil(requests.length / 2);
      const out = await doc.send(new BatchWriteCommand({ ...command.input, RequestItems: { [table]: requests.slice(0, half) } }));
      return { ...out, UnprocessedItems: requests.length > half ? { [table]: requests.slice(half) } : {} };
    }
    if (remaining > 0 && command instanceof BatchGetCommand) {
      remaining--;
      const [table, request] = Object.entries(command.input.RequestItems ?? {})[0]!;
      const keys = request.Keys ?? [];
      const half = Math.ceil(keys.length / 2);
      const out = await doc.send(new BatchGetCommand({ ...command.input, RequestItems: { [table]: { ...request, Keys: keys.slice(0, half) } } }));
      return { ...out, UnprocessedKeys: keys.length > half ? { [table]: { ...request, Keys: keys.slice(half) } } : {} };
    }
    return doc.send(command as never);
  };
  return new Proxy(doc, { get: (target, prop, receiver) => (prop === 'send' ? send : Reflect.get(target, prop, receiver)) });
}
