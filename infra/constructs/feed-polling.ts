import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type { CfnResource } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { CapabilityProps } from './capability.js';
import { METRICS_NAMESPACE, TopicwireFunction } from './topicwire-function.js';

export const POLL_INTERVAL = Duration.minutes(15);
const POLL_FEED_TIMEOUT = Duration.minutes(2);

/** Custom metric poll-feed emits: how many feeds have had no successful poll for 24 hours. */
export const FEEDS_FAILING_METRIC = { namespace: METRICS_NAMESPACE, metricName: 'FeedsFailing24h', service: 'poll-feed' } as const;

/**
 * Scheduler → plan-polls (which feeds are due) → one SQS message per feed → poll-feed, with partial
 * batch failures, a DLQ for feeds that keep crashing the handler, and a cap on concurrent polls.
 */
export class FeedPolling extends Construct {
  readonly planPolls: TopicwireFunction;
  readonly pollFeed: TopicwireFunction;
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly schedule: Schedule;
  readonly dlqAlarm: Alarm;
  readonly feedsFailingAlarm: Alarm;

  constructor(scope: Construct, id: string, props: CapabilityProps) {
    super(scope, id);
    const { settings, table, alarms } = props;

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'PollQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS guidance for Lambda consumers: at least six times the function timeout, so retries do not overlap.
      visibilityTimeout: Duration.seconds(POLL_FEED_TIMEOUT.toSeconds() * 6),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: settings.pollMaxReceiveCount },
    });

    this.planPolls = new TopicwireFunction(this, 'PlanPolls', {
      handler: 'plan-polls',
      description: 'Every 15 minutes: picks the feeds that are due and queues one message per feed',
      logRetention: settings.logRetention,
      timeout: Duration.minutes(1),
    })
      .bindTable(table, 'read')
      .bindQueue(this.queue);

    this.pollFeed = new TopicwireFunction(this, 'PollFeed', {
      handler: 'poll-feed',
      description: 'Fetches, parses, tags and stores the feeds in one SQS batch; reports failed feeds individually',
      logRetention: settings.logRetention,
      timeout: POLL_FEED_TIMEOUT,
      memorySize: 1024,
    })
      .bindTable(table, 'readWrite')
      .consumeQueue(this.queue, {
        batchSize: settings.pollBatchSize,
        maxBatchingWindow: settings.pollMaxBatchingWindow,
        reportBatchItemFailures: true,
        maxConcurrency: settings.pollMaxConcurrency,
      });

    this.schedule = this.schedulePlanning();

    this.dlqAlarm = new Alarm(this, 'DeadLetterAlarm', {
      alarmDescription: 'Feed messages reached the poll DLQ: poll-feed crashed on them repeatedly. Inspect and redrive.',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.feedsFailingAlarm = new Alarm(this, 'FeedsFailingAlarm', {
      alarmDescription: 'At least one enabled feed has not been polled successfully for 24 hours. See the feed-health page.',
      metric: new Metric({
        namespace: FEEDS_FAILING_METRIC.namespace,
        metricName: FEEDS_FAILING_METRIC.metricName,
        dimensionsMap: { service: FEEDS_FAILING_METRIC.service },
        period: Duration.hours(1),
        statistic: 'Maximum',
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarms.notifyOn(this.dlqAlarm);
    alarms.notifyOn(this.feedsFailingAlarm);
  }

  private schedulePlanning(): Schedule {
    const account = Stack.of(this).account;
    // Our own role rather than the shared one the target would create: it can be scoped to this account
    // (confused-deputy guard) and its one finding acknowledged right here.
    const role = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com').withConditions({ StringEquals: { 'aws:SourceAccount': account } }),
      description: 'Lets EventBridge Scheduler invoke plan-polls',
    });
    const schedule = new Schedule(this, 'Schedule', {
      description: 'Plans a poll round every 15 minutes',
      schedule: ScheduleExpression.rate(POLL_INTERVAL),
      target: new LambdaInvoke(this.planPolls.fn, { role, retryAttempts: 2, maxEventAge: Duration.minutes(10) }),
    });
    const functionId = Stack.of(this).getLogicalId(this.planPolls.fn.node.defaultChild as CfnResource);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
      reason: 'lambda:InvokeFunction on plan-polls and its versions/aliases (the `:*` suffix) only; that is how grantInvoke scopes a function.',
    });
    return schedule;
  }
}
