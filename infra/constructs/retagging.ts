import { CfnOutput, Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { CapabilityProps } from './capability.js';
import { TopicwireFunction } from './topicwire-function.js';

/**
 * On-demand re-tagging after an admin changes config/topics.yaml: no schedule, invoked by hand
 * (`aws lambda invoke --function-name <output>`), reads and rewrites entries and their topic-index rows.
 */
export class Retagging extends Construct {
  readonly retag: TopicwireFunction;

  constructor(scope: Construct, id: string, props: CapabilityProps) {
    super(scope, id);
    this.retag = new TopicwireFunction(this, 'Retag', {
      handler: 'retag',
      description: 'Re-applies the topic rules and model from config/ to stored entries (manual, idempotent)',
      logRetention: props.settings.logRetention,
      // Walking every entry in the retention window can take a while; the Lambda maximum keeps one run simple.
      timeout: Duration.minutes(15),
      memorySize: 1024,
    }).bindTable(props.table, 'readWrite');
    new CfnOutput(this, 'RetagFunctionName', {
      value: this.retag.fn.functionName,
      description: 'Invoke after changing config/topics.yaml and deploying: aws lambda invoke --function-name <this> out.json',
    });
  }
}
