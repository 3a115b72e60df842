import { fromEnv } from '@aws-sdk/credential-provider-env';
import type { FromEnvInit } from '@aws-sdk/credential-provider-env';

// Stands in for @aws-sdk/credential-provider-node inside Lambda bundles (see BUNDLE_ALIASES). Lambda hands the
// execution role's credentials to every invocation in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY /
// AWS_SESSION_TOKEN, which the default chain reads first with this same fromEnv; its other links (SSO, INI
// files, web identity, container and instance metadata) never run there.
export function defaultProvider(init: FromEnvInit = {}) {
  return fromEnv(init);
}
