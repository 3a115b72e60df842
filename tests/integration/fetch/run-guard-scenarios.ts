// Entry point for `unshare -n`: runs the guard scenarios and prints their results as one JSON line.
import { runGuardScenarios } from './guard-scenarios.js';

const results = await runGuardScenarios();
process.stdout.write(`${JSON.stringify(results)}\n`);
