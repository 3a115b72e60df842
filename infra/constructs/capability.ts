import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { StageSettings } from '../stage.js';
import type { AlarmNotifications } from './alarm-notifications.js';

/** What every capability construct (feed polling, retagging, the digest later) receives from the stateless stack. */
export interface CapabilityProps {
  settings: StageSettings;
  table: ITableV2;
  alarms: AlarmNotifications;
}
