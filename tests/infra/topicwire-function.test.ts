import 'aws-cdk-lib/testhelpers/jest-autoclean';
import { describe, it, expect, afterAll } from '@jest/globals';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT, houseBundling } from '../../infra/constructs/house-bundling.js';
import { TopicwireFunction } from '../../infra/constructs/topicwire-function.js';
import { addTopicwireStacks } from '../../infra/topicwire-app.js';
import { testApp, testStack } from './cdk-test-app.js';
import { actionsOf, logicalId, roleStatements, statementsFor } from './template-queries.js';

function isolatedFunction() {
  const stack = testStack();
  const table = new TableV2(stack, 'Table', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
  const queue = new Queue(stack, 'Queue');
  const reader = new TopicwireFunction(stack, 'Reader', { handler: 'plan-polls', description: 'reads', logRetention: RetentionDays.ONE_WEEK });
  const writer = new TopicwireFunction(stack, 'Writer', { handler: 'retag', description: 'writes', logRetention: RetentionDays.ONE_WEEK });
  reader.bindTable(table, 'read').bindQueue(queue);
  writer.bindTable(table, 'readWrite', 'ENTRIES_TABLE');
  return { template: Template.fromStack(stack), table, queue, reader, writer };
}

describe('TopicwireFunction', () => {
  const { template, table, queue, reader, writer } = isolatedFunction();

  it('runs Node.js 20 on arm64 from an ESM bundle, traced, with the house environment', () => {
    // Assess
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs20.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      TracingConfig: { Mode: 'Active' },
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'plan-polls',
          POWERTOOLS_METRICS_NAMESPACE: 'Topicwire',
          NODE_OPTIONS: '--enable-source-maps',
          CONFIG_DIR: '/var/task/config',
        }),
      },
    });
  });

  it('logs into its own log group with the given retention', () => {
    // Assess
    template.hasResourceProperties('AWS::Lambda::Function', { LoggingConfig: { LogGroup: { Ref: logicalId(reader.logGroup) } } });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
    const logs = statementsFor(roleStatements(template, logicalId(reader.role)), 'logs:');
    expect(logs).toEqual([expect.objectContaining({ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [logicalId(reader.logGroup), 'Arn'] } })]);
  });

  it('attaches no AWS managed policy to its role', () => {
    // Assess
    for (const role of [reader.role, writer.role]) {
      expect(template.toJSON().Resources[logicalId(role)].Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it("bindTable('read') grants read actions only and sets TABLE_NAME", () => {
    // Act
    const actions = actionsOf(statementsFor(roleStatements(template, logicalId(reader.role)), 'dynamodb:'));

    // Assess
    expect(actions).toContain('dynamodb:Query');
    expect(actions.filter((a) => /Put|Update|Delete|Write/.test(a))).toEqual([]);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'plan-polls', TABLE_NAME: { Ref: logicalId(table) }, QUEUE_URL: { Ref: logicalId(queue) } }) },
    });
  });

  it("bindTable('readWrite') adds the write actions and honours a custom variable name", () => {
    // Act
    const actions = actionsOf(statementsFor(roleStatements(template, logicalId(writer.role)), 'dynamodb:'));

    // Assess
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:Query']));
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'retag', ENTRIES_TABLE: { Ref: logicalId(table) } }) },
    });
  });
});

describe('house bundling', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'topicwire-bundle-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('builds minified ESM with source maps on the local esbuild, never in Docker', () => {
    // Act
    const options = houseBundling();

    // Assess
    expect(options).toMatchObject({ format: 'esm', minify: true, sourceMap: true, forceDockerBundling: false, bundleAwsSDK: true });
    expect(existsSync(join(PROJECT_ROOT, 'node_modules', '.bin', 'esbuild'))).toBe(true);
  });

  it('copies config/ into the function asset after bundling, so a deploy ships the current YAML', () => {
    // Prepare
    const commands = houseBundling().commandHooks?.afterBundling(PROJECT_ROOT, scratch) ?? [];

    // Act
    for (const command of commands) execSync(command);

    // Assess
    const expected = readdirSync(join(PROJECT_ROOT, 'config')).sort();
    expect(readdirSync(join(scratch, 'config')).sort()).toEqual(expected);
  });
});

describe('retagging', () => {
  const { stateless } = addTopicwireStacks(testApp({ stage: 'dev' }));
  const template = Template.fromStack(stateless);
  const retag = stateless.retagging.retag;

  it('is an on-demand function: no schedule or event source targets it', () => {
    // Prepare
    const fnId = logicalId(retag.fn);

    // Assess
    expect(JSON.stringify(template.findResources('AWS::Scheduler::Schedule'))).not.toContain(fnId);
    expect(JSON.stringify(template.findResources('AWS::Lambda::EventSourceMapping'))).not.toContain(fnId);
    template.hasResourceProperties('AWS::Lambda::Function', { Timeout: 900, Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'retag' }) } });
    template.hasOutput('*', { Value: { Ref: fnId } });
  });

  it('can rewrite entries and topic rows but touches no queue', () => {
    // Act
    const statements = roleStatements(template, logicalId(retag.role));

    // Assess
    expect(actionsOf(statementsFor(statements, 'dynamodb:'))).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem']));
    expect(statementsFor(statements, 'sqs:')).toEqual([]);
  });
});
