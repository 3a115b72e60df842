import { Duration } from 'aws-cdk-lib';
import { Trigger } from 'aws-cdk-lib/triggers';
import { Construct } from 'constructs';
import type { CapabilityProps } from './capability.js';
import { TopicwireFunction } from './topicwire-function.js';

export interface ConfigSyncProps extends CapabilityProps {
  /** Resources that must not start before the feed-state rows match config/feeds.yaml (the poll schedule). */
  before: Construct[];
}

/**
 * Makes the feed-state rows match config/feeds.yaml on every deploy that changes it: config/ is part of the
 * function asset, so a YAML change is a new function version, and the trigger runs each new version once.
 * The handler throws on a bad file, which fails (and rolls back) the deploy instead of polling stale feeds.
 */
export class ConfigSync extends Construct {
  readonly syncFeeds: TopicwireFunction;
  readonly trigger: Trigger;

  constructor(scope: Construct, id: string, props: ConfigSyncProps) {
    super(scope, id);
    this.syncFeeds = new TopicwireFunction(this, 'SyncFeeds', {
      handler: 'sync-feeds',
      description: 'Deploy-time: syncs config/feeds.yaml into the feed-state rows (removed feeds are disabled, history kept)',
      logRetention: props.settings.logRetention,
      timeout: Duration.minutes(2),
    }).bindTable(props.table, 'readWrite');
    this.trigger = new Trigger(this, 'OnDeploy', {
      handler: this.syncFeeds.fn,
      executeOnHandlerChange: true,
      executeBefore: props.before,
      timeout: Duration.minutes(2),
    });
  }
}
