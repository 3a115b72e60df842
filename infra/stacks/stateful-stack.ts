import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { PublicFeeds } from '../constructs/public-feeds.js';
import { TopicwireTable } from '../constructs/topicwire-table.js';
import type { StageSettings } from '../stage.js';

export interface StatefulStackProps extends StackProps {
  settings: StageSettings;
}

/** Everything that holds data: deployed rarely, never replaced by a code change. */
export class StatefulStack extends Stack {
  readonly data: TopicwireTable;
  readonly publicFeeds: PublicFeeds;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    this.data = new TopicwireTable(this, 'Data', {
      removalPolicy: props.settings.dataRemovalPolicy,
      deletionProtection: props.settings.stage === 'prod',
    });
    this.publicFeeds = new PublicFeeds(this, 'PublicFeeds');
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'PublicFeedsUrl', { value: `https://${this.publicFeeds.distribution.distributionDomainName}` });
  }
}
