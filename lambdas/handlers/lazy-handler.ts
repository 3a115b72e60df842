/**
 * Builds a handler's real dependencies on the first invocation rather than at import, so a cold start
 * pays only for what it uses and a failed build (a bad config, a missing variable) is retried on the next
 * invocation instead of poisoning the execution environment.
 */
export function lazyHandler<E, R>(build: () => Promise<(event: E) => Promise<R>>): (event: E) => Promise<R> {
  let ready: Promise<(event: E) => Promise<R>> | undefined;
  return async (event) => {
    ready ??= build().catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    return (await ready)(event);
  };
}
