// The interfaces adapters implement. Core and use cases depend on these, never on a concrete adapter.
import type { Entry } from './model.js';

/** The only source of time: core code never reads the system clock. */
export interface Clock {
  now(): Date;
}

export type { Entry };
