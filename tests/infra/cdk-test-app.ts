import { App, Stack } from 'aws-cdk-lib';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cdkJson = JSON.parse(readFileSync(fileURLToPath(new URL('../../cdk.json', import.meta.url)), 'utf8')) as {
  context: Record<string, unknown>;
};

/**
 * An App with the same feature flags as `cdk synth`, but with asset bundling skipped for every stack
 * (CDK's own `aws:cdk:bundling-stacks` switch): the templates are identical except for asset hashes.
 */
export function testApp(context: Record<string, unknown> = {}): App {
  return new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], ...context } });
}

export function testStack(context: Record<string, unknown> = {}): Stack {
  return new Stack(testApp(context), 'TestStack');
}
