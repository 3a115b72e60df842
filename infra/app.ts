import { App } from 'aws-cdk-lib';
import { addTopicwireStacks } from './topicwire-app.js';

const app = new App();
try {
  addTopicwireStacks(app);
} catch (error) {
  // A bad `-c stage` should read as one line, not a stack trace from inside the CDK.
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
app.synth();
