import type { CfnResource, Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

export function logicalId(construct: IConstruct): string {
  const stack = construct.node.scopes.find((s): s is Stack => 'templateOptions' in s) as Stack;
  return stack.getLogicalId(construct.node.defaultChild as CfnResource);
}

/** Every statement of every inline policy attached to the role with this logical id. */
export function roleStatements(template: Template, roleId: string): Statement[] {
  const resources = template.toJSON().Resources as Resources;
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties?.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap((r) => (r.Properties?.PolicyDocument as { Statement: Statement[] }).Statement);
}

export function actionsOf(statements: Statement[]): string[] {
  return statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])).sort();
}

/** Statements granting any of `actions`, e.g. everything that touches DynamoDB. */
export function statementsFor(statements: Statement[], prefix: string): Statement[] {
  return statements.filter((s) => actionsOf([s]).some((a) => a.startsWith(prefix)));
}
