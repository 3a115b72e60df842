import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { TopicwireError } from '../lambdas/core/errors.js';

export const STAGES = ['dev', 'prod'] as const;
export type Stage = (typeof STAGES)[number];

/** `-c stage=...` is missing a valid value; the message lists the accepted ones. */
export class InvalidStageError extends TopicwireError {}

/** Everything that differs between a throwaway dev deployment and the one real users read. */
export interface StageSettings {
  stage: Stage;
  /** Applied to the table: dev can be torn down, prod data must survive a stack deletion. */
  dataRemovalPolicy: RemovalPolicy;
  logRetention: RetentionDays;
  /** Cap on concurrent poll-feed invocations, so a burst of due feeds cannot exhaust account concurrency. */
  pollMaxConcurrency: number;
  pollBatchSize: number;
  pollMaxBatchingWindow: Duration;
  /** Deliveries before a feed message is parked in the DLQ. */
  pollMaxReceiveCount: number;
}

const SETTINGS: Record<Stage, Omit<StageSettings, 'stage'>> = {
  dev: {
    dataRemovalPolicy: RemovalPolicy.DESTROY,
    logRetention: RetentionDays.ONE_WEEK,
    pollMaxConcurrency: 2,
    pollBatchSize: 5,
    pollMaxBatchingWindow: Duration.seconds(5),
    pollMaxReceiveCount: 3,
  },
  prod: {
    dataRemovalPolicy: RemovalPolicy.RETAIN,
    logRetention: RetentionDays.THREE_MONTHS,
    pollMaxConcurrency: 10,
    pollBatchSize: 5,
    pollMaxBatchingWindow: Duration.seconds(5),
    pollMaxReceiveCount: 3,
  },
};

function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

/** Validates the `stage` context value; an absent value means `dev` so a bare `cdk synth` works. */
export function resolveStage(value: unknown): StageSettings {
  const raw = value ?? 'dev';
  if (!isStage(raw)) {
    throw new InvalidStageError(
      `Invalid stage ${JSON.stringify(raw)} (from \`-c stage=...\`): expected one of ${STAGES.join(', ')}, e.g. \`npx cdk deploy --all -c stage=prod\`.`,
    );
  }
  return { stage: raw, ...SETTINGS[raw] };
}
