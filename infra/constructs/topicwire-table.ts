import type { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

/**
 * Key attribute names as designed in docs/storage.md (lambdas/adapters/dynamodb/keys.ts builds the values).
 * Every access pattern there is served by the base table, so there is no secondary index.
 */
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk', timeToLiveAttribute: 'expiresAt' } as const;

export interface TopicwireTableProps {
  removalPolicy: RemovalPolicy;
  /** Prod tables refuse deletion even when someone deletes the stack by hand. */
  deletionProtection: boolean;
}

/** The single table holding entries, topic index rows, feed state, digests and subscribers. */
export class TopicwireTable extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props: TopicwireTableProps) {
    super(scope, id);
    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TABLE_KEYS.timeToLiveAttribute,
      deletionProtection: props.deletionProtection,
      removalPolicy: props.removalPolicy,
    });
  }
}
