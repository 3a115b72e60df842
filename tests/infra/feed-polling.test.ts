import 'aws-cdk-lib/testhelpers/jest-autoclean';
import { describe, it, expect } from '@jest/globals';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { addTopicwireStacks } from '../../infra/topicwire-app.js';
import { testApp } from './cdk-test-app.js';
import { actionsOf, logicalId, roleStatements, statementsFor } from './template-queries.js';

const { stateful, stateless } = addTopicwireStacks(testApp({ stage: 'prod' }));
const template = Template.fromStack(stateless);
const polling = stateless.feedPolling;
// The table lives in the stateful stack; its ARN arrives as a (weak) cross-stack output reference.
const tableArn = { 'Fn::GetStackOutput': expect.objectContaining({ StackName: stateful.stackName, OutputName: expect.stringContaining('Arn') }) };
const queueArn = { 'Fn::GetAtt': [logicalId(polling.queue), 'Arn'] };

describe('FeedPolling schedule', () => {
  it('invokes plan-polls every 15 minutes with retries', () => {
    // Assess
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(15 minutes)',
      State: 'ENABLED',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [logicalId(polling.planPolls.fn), 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 600 },
      }),
    });
  });

  it('gives the scheduler a role that can only invoke plan-polls, assumable only from this account', () => {
    // Prepare
    const roleId = logicalId(polling.node.findChild('SchedulerRole'));

    // Act
    const statements = roleStatements(template, roleId);

    // Assess
    expect(actionsOf(statements)).toEqual(['lambda:InvokeFunction']);
    const fnArn = { 'Fn::GetAtt': [logicalId(polling.planPolls.fn), 'Arn'] };
    expect(statements[0]?.Resource).toEqual([fnArn, { 'Fn::Join': ['', [fnArn, ':*']] }]);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Principal: { Service: 'scheduler.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } })],
      },
    });
  });
});

describe('FeedPolling queues', () => {
  it('drains the poll queue into poll-feed with partial batch failures, batching and a concurrency cap', () => {
    // Assess
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(polling.pollFeed.fn) },
      EventSourceArn: queueArn,
      BatchSize: 5,
      MaximumBatchingWindowInSeconds: 5,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 10 },
    });
  });

  it('parks a message in the DLQ after three failed deliveries and keeps it 14 days', () => {
    // Assess
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [logicalId(polling.deadLetterQueue), 'Arn'] }, maxReceiveCount: 3 },
      VisibilityTimeout: 720,
      SqsManagedSseEnabled: true,
    });
    template.hasResourceProperties('AWS::SQS::Queue', { MessageRetentionPeriod: 14 * 86_400, SqsManagedSseEnabled: true });
  });

  it('keeps the visibility timeout at six times the poll-feed timeout, so a slow batch is not redelivered mid-run', () => {
    // Prepare
    const resources = template.toJSON().Resources;

    // Act
    const visibility = resources[logicalId(polling.queue)].Properties.VisibilityTimeout as number;
    const timeout = resources[logicalId(polling.pollFeed.fn)].Properties.Timeout as number;

    // Assess
    expect(visibility).toBe(6 * timeout);
  });

  it('refuses non-TLS access to both queues', () => {
    // Assess
    for (const queue of [polling.queue, polling.deadLetterQueue]) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: logicalId(queue) }],
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
        },
      });
    }
  });
});

describe('FeedPolling least privilege', () => {
  const planStatements = roleStatements(template, logicalId(polling.planPolls.role));
  const pollStatements = roleStatements(template, logicalId(polling.pollFeed.role));

  it('lets plan-polls read the table and send to the poll queue, nothing more', () => {
    // Assess
    const dynamo = statementsFor(planStatements, 'dynamodb:');
    expect(actionsOf(dynamo)).not.toEqual(expect.arrayContaining(['dynamodb:PutItem']));
    expect(actionsOf(dynamo).every((a) => /^dynamodb:(BatchGet|Get|Query|Scan|Describe|ConditionCheck)/.test(a))).toBe(true);
    expect(dynamo.map((s) => s.Resource)).toEqual([tableArn]);
    const sqs = statementsFor(planStatements, 'sqs:');
    expect(actionsOf(sqs)).toEqual(['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage']);
    expect(sqs.map((s) => s.Resource)).toEqual([queueArn]);
  });

  it('lets poll-feed read and write the table and consume the queue, but not send to it', () => {
    // Assess
    const dynamoStatements = statementsFor(pollStatements, 'dynamodb:');
    expect(dynamoStatements.map((s) => s.Resource)).toEqual([tableArn]);
    const dynamo = actionsOf(dynamoStatements);
    expect(dynamo).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem']));
    const sqs = statementsFor(pollStatements, 'sqs:');
    expect(actionsOf(sqs)).toEqual(['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage']);
    expect(sqs.map((s) => s.Resource)).toEqual([queueArn]);
  });

  it('uses a wildcard resource only for X-Ray, which has no resource-level permissions', () => {
    // Assess
    for (const statements of [planStatements, pollStatements]) {
      const wildcards = statements.filter((s) => JSON.stringify(s.Resource).includes('"*"'));
      expect(actionsOf(wildcards)).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    }
  });
});

describe('FeedPolling alarms', () => {
  const topic = { Ref: logicalId(stateless.alarms.topic) };

  it('alarms on any message in the DLQ and notifies the alarm topic', () => {
    // Assess
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(polling.deadLetterQueue), 'QueueName'] } }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [topic],
      OKActions: [topic],
    });
  });

  it('alarms when the FeedsFailing24h metric reports a feed failing for a day', () => {
    // Assess
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'Topicwire',
      MetricName: 'FeedsFailing24h',
      Dimensions: [{ Name: 'service', Value: 'poll-feed' }],
      Statistic: 'Maximum',
      Threshold: 1,
      TreatMissingData: 'notBreaching',
      AlarmActions: [topic],
    });
  });

  it('publishes alarms only over TLS', () => {
    // Assess
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });
});

describe('ConfigSync', () => {
  const sync = stateless.configSync.syncFeeds;
  const triggerId = logicalId(stateless.configSync.trigger);

  it('runs sync-feeds once per new function version, i.e. whenever code or config/ changes', () => {
    // Prepare: CDK appends a hash of the function's code and configuration to the version's logical id.
    const version = Match.stringLikeRegexp(`^${logicalId(sync.fn.currentVersion)}[0-9a-f]{32}$`);

    // Assess
    template.hasResourceProperties('Custom::Trigger', {
      HandlerArn: { Ref: version },
      InvocationType: 'RequestResponse',
      ExecuteOnHandlerChange: true,
    });
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'sync-feeds' }) } });
  });

  it('holds back the poll schedule until the feeds are synced', () => {
    // Assess
    template.hasResource('AWS::Scheduler::Schedule', { DependsOn: Match.arrayWith([triggerId]) });
  });

  it('may write feed state but touches no queue', () => {
    // Act
    const statements = roleStatements(template, logicalId(sync.role));

    // Assess
    expect(actionsOf(statementsFor(statements, 'dynamodb:'))).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:Query']));
    expect(statementsFor(statements, 'dynamodb:').map((s) => s.Resource)).toEqual([tableArn]);
    expect(statementsFor(statements, 'sqs:')).toEqual([]);
  });
});
