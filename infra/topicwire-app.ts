import { Validations } from 'aws-cdk-lib';
import type { App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { StatefulStack } from './stacks/stateful-stack.js';
import { StatelessStack } from './stacks/stateless-stack.js';
import { resolveStage } from './stage.js';

export interface TopicwireStacks {
  stateful: StatefulStack;
  stateless: StatelessStack;
}

/** Adds both stacks for the stage named by `-c stage=...` and runs cdk-nag's AwsSolutions pack on synth. */
export function addTopicwireStacks(app: App): TopicwireStacks {
  const settings = resolveStage(app.node.tryGetContext('stage'));
  const alarmEmail = app.node.tryGetContext('alarmEmail') as string | undefined;
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const tags = { project: 'topicwire', stage: settings.stage };
  const prefix = `Topicwire-${settings.stage}`;
  const stateful = new StatefulStack(app, `${prefix}-Stateful`, { env, tags, settings, description: 'Topicwire data: table, public feeds bucket and CDN' });
  const stateless = new StatelessStack(app, `${prefix}-Stateless`, {
    env,
    tags,
    settings,
    table: stateful.data.table,
    publicFeeds: stateful.publicFeeds,
    alarmEmail,
    description: 'Topicwire functions, schedule, queues and alarms',
  });
  // Explicit, so `cdk deploy --all` orders them even if no cross-stack reference remains one day.
  stateless.addStackDependency(stateful, 'functions use the table');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { stateful, stateless };
}
