import { Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { AlarmNotifications } from '../constructs/alarm-notifications.js';
import { ConfigSync } from '../constructs/config-sync.js';
import type { CapabilityProps } from '../constructs/capability.js';
import { FeedPolling } from '../constructs/feed-polling.js';
import type { PublicFeeds } from '../constructs/public-feeds.js';
import { Retagging } from '../constructs/retagging.js';
import type { StageSettings } from '../stage.js';

export interface StatelessStackProps extends StackProps {
  settings: StageSettings;
  table: ITableV2;
  /** Not used by polling or retagging; the digest capability publishes here. */
  publicFeeds: PublicFeeds;
  alarmEmail?: string;
}

/** Code and wiring only: composes one construct per capability and can be replaced freely. */
export class StatelessStack extends Stack {
  readonly alarms: AlarmNotifications;
  readonly feedPolling: FeedPolling;
  readonly retagging: Retagging;
  readonly configSync: ConfigSync;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    this.alarms = new AlarmNotifications(this, 'Alarms', { email: props.alarmEmail });
    const capability: CapabilityProps = { settings: props.settings, table: props.table, alarms: this.alarms };
    this.feedPolling = new FeedPolling(this, 'FeedPolling', capability);
    this.retagging = new Retagging(this, 'Retagging', capability);
    // The first poll round must see the feeds from config/feeds.yaml, so the schedule waits for the sync.
    this.configSync = new ConfigSync(this, 'ConfigSync', { ...capability, before: [this.feedPolling.schedule] });
    // Digest capability (the digest issue) goes here, as one construct taking `capability` plus
    // `props.publicFeeds` (bucket to write into, distribution to invalidate), e.g.
    //   this.digest = new DigestPublishing(this, 'Digest', { ...capability, publicFeeds: props.publicFeeds });
    // docs/infra.md lists what it is expected to create.
  }
}
