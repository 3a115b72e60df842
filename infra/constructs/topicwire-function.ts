import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { SqsEventSourceProps } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { DEPLOYED_CONFIG_DIR, HANDLERS_DIR, PROJECT_ROOT, houseBundling } from './house-bundling.js';

export const METRICS_NAMESPACE = 'Topicwire';

/** One place to change when the project moves off Node.js 20 (see the W2531 acknowledgement below). */
export const LAMBDA_RUNTIME = Runtime.NODEJS_20_X;

export type TableAccess = 'read' | 'readWrite';

export interface TopicwireFunctionProps {
  /** File name under lambdas/handlers without extension, e.g. `poll-feed`; also the Powertools service name. */
  handler: string;
  description: string;
  logRetention: RetentionDays;
  timeout?: Duration;
  memorySize?: number;
  environment?: Record<string, string>;
}

/**
 * The one way Topicwire defines a Lambda: Node.js 20 on arm64, a minified ESM bundle built by the local
 * esbuild (never Docker) with config/*.yaml inside, its own log group with a retention, X-Ray tracing,
 * and a role that starts empty and only gains what `bind*` calls grant.
 */
export class TopicwireFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: TopicwireFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY });
    // An own role instead of the AWSLambdaBasicExecutionRole managed policy: logs go to this log group only.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the ${props.handler} Lambda`,
    });
    this.role.addToPolicy(
      new PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [this.logGroup.logGroupArn] }),
    );
    this.fn = new NodejsFunction(this, 'Function', {
      entry: join(HANDLERS_DIR, `${props.handler}.ts`),
      handler: 'handler',
      description: props.description,
      runtime: LAMBDA_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      role: this.role,
      logGroup: this.logGroup,
      tracing: Tracing.ACTIVE,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      bundling: houseBundling(),
      environment: {
        POWERTOOLS_SERVICE_NAME: props.handler,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        // Stack traces in the logs point at lambdas/**/*.ts lines instead of the minified bundle.
        NODE_OPTIONS: '--enable-source-maps',
        // Both names are read by the wiring (env schema and config-file loader); import.meta.url cannot find config in a bundle.
        CONFIG_DIR: DEPLOYED_CONFIG_DIR,
        TOPICWIRE_CONFIG_DIR: DEPLOYED_CONFIG_DIR,
        ...props.environment,
      },
    });
    this.acknowledgeHouseFindings();
  }

  /** Grants exactly the table access the handler needs and tells it the table name, in one call. */
  bindTable(table: ITable, access: TableAccess, envName = 'TABLE_NAME'): this {
    if (access === 'read') table.grantReadData(this.fn);
    else table.grantReadWriteData(this.fn);
    this.fn.addEnvironment(envName, table.tableName);
    return this;
  }

  /** Lets the handler send to the queue and tells it the queue URL. */
  bindQueue(queue: IQueue, envName = 'QUEUE_URL'): this {
    queue.grantSendMessages(this.fn);
    this.fn.addEnvironment(envName, queue.queueUrl);
    return this;
  }

  /** Makes the queue this function's event source; the event source mapping grants the consume actions. */
  consumeQueue(queue: IQueue, options: SqsEventSourceProps): this {
    this.fn.addEventSource(new SqsEventSource(queue, options));
    return this;
  }

  private acknowledgeHouseFindings(): void {
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions.',
    });
    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Node.js 20 is the runtime the project targets (package.json engines, CI and the local runtime); moving to a newer one is a deliberate project-wide upgrade.',
    });
    Validations.of(this.fn).acknowledge({
      id: 'CloudFormation-Validate::W2531',
      reason: 'Same decision as AwsSolutions-L1: nodejs20.x until the project-wide Node upgrade. Lambda stops creating nodejs20.x functions on 2027-02-01 and updating them on 2027-03-03; the upgrade must land before then.',
    });
  }
}
