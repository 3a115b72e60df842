import 'aws-cdk-lib/testhelpers/jest-autoclean';
import { describe, it, expect } from '@jest/globals';
import { Validations } from 'aws-cdk-lib';
import type { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CfnSubscription } from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { InvalidStageError, resolveStage } from '../../infra/stage.js';
import { addTopicwireStacks } from '../../infra/topicwire-app.js';
import { testApp } from './cdk-test-app.js';

function acknowledgements(root: IConstruct): Array<{ path: string; id: string; reason: string }> {
  return root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.entries(m.data as Record<string, string | { reason: string }>))
      .map(([id, value]) => ({ path: c.node.path, id: id.replace(/^Annotation::/, ''), reason: typeof value === 'string' ? value : value.reason })),
  );
}

function nagFindings(app: App) {
  return new AwsSolutionsChecks().validateScope(app).violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
}

describe('stage selection', () => {
  it('rejects an unknown stage with a message naming the value and the accepted ones', () => {
    // Act / Assess
    expect(() => addTopicwireStacks(testApp({ stage: 'production' }))).toThrow(InvalidStageError);
    expect(() => resolveStage('production')).toThrow('Invalid stage "production" (from `-c stage=...`): expected one of dev, prod');
  });

  it('defaults to dev so a bare `cdk synth` works', () => {
    // Act
    const { stateful, stateless } = addTopicwireStacks(testApp());

    // Assess
    expect([stateful.stackName, stateless.stackName]).toEqual(['Topicwire-dev-Stateful', 'Topicwire-dev-Stateless']);
  });

  it('gives prod durable data and longer logs than dev', () => {
    // Act
    const prod = resolveStage('prod');
    const dev = resolveStage('dev');

    // Assess
    expect(prod.dataRemovalPolicy).toBe('retain');
    expect(dev.dataRemovalPolicy).toBe('destroy');
    expect(prod.logRetention).toBeGreaterThan(dev.logRetention);
    expect(prod.pollMaxConcurrency).toBeGreaterThan(dev.pollMaxConcurrency);
  });

  it('names the stacks per stage and tags them, so dev and prod can live in one account', () => {
    // Act
    const { stateful, stateless } = addTopicwireStacks(testApp({ stage: 'prod' }));

    // Assess
    expect([stateful.stackName, stateless.stackName]).toEqual(['Topicwire-prod-Stateful', 'Topicwire-prod-Stateless']);
    expect(stateless.tags.tagValues()).toEqual({ project: 'topicwire', stage: 'prod' });
    expect(stateless.dependencies).toContain(stateful);
  });

  it('subscribes an alarm email only when one is given', () => {
    // Act
    const withEmail = Template.fromStack(addTopicwireStacks(testApp({ alarmEmail: 'ops@example.org' })).stateless);
    const without = addTopicwireStacks(testApp()).stateless;

    // Assess
    withEmail.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.org' });
    expect(without.node.findAll().filter((c) => c instanceof CfnSubscription)).toEqual([]);
  });
});

describe('cdk-nag AwsSolutions', () => {
  it.each(['dev', 'prod'])('finds nothing unacknowledged in the whole %s app', (stage) => {
    // Prepare
    const app = testApp({ stage });
    addTopicwireStacks(app);

    // Act
    const findings = nagFindings(app);

    // Assess
    expect(findings).toEqual([]);
    expect(() => app.synth()).not.toThrow();
  });

  it('would report a finding that is not acknowledged (the check is live)', () => {
    // Prepare
    const app = testApp();
    const { stateful } = addTopicwireStacks(app);
    stateful.publicFeeds.bucket.node.tryRemoveChild('Policy');

    // Act
    const findings = nagFindings(app);

    // Assess
    expect(findings).toEqual([expect.stringMatching(/^AwsSolutions-S10: .*PublicFeeds\/Bucket/)]);
  });

  it('justifies every acknowledgement with a reason of at least a sentence', () => {
    // Prepare
    const app = testApp();
    addTopicwireStacks(app);

    // Act
    const acks = acknowledgements(app);

    // Assess
    expect(new Set(acks.map((a) => a.id))).toEqual(
      new Set([
        'AwsSolutions-CFR1',
        'AwsSolutions-CFR2',
        'AwsSolutions-CFR4',
        'AwsSolutions-IAM5[Resource::*]',
        'AwsSolutions-IAM5[Resource::<FeedPollingPlanPollsFunctionFD57C8CF.Arn>:*]',
        'AwsSolutions-L1',
        'CloudFormation-Validate::W2531',
      ]),
    );
    for (const ack of acks) expect({ id: ack.id, long: ack.reason.length > 40 }).toEqual({ id: ack.id, long: true });
  });

  it('acknowledges nothing that would not otherwise be reported', () => {
    // Prepare
    const app = testApp({ stage: 'prod' });
    addTopicwireStacks(app);
    const stale: string[] = [];

    // Act: drop one AwsSolutions acknowledgement at a time and see whether cdk-nag then complains.
    for (const construct of app.node.findAll()) {
      for (const entry of construct.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)) {
        const data = entry.data as Record<string, unknown>;
        for (const id of Object.keys(data).filter((k) => k.includes('AwsSolutions-'))) {
          const saved = data[id];
          delete data[id];
          if (nagFindings(app).length === 0) stale.push(`${construct.node.path} ${id}`);
          data[id] = saved;
        }
      }
    }

    // Assess
    expect(stale).toEqual([]);
  });
});
