import type { FetchError } from '../../core/errors.js';

/**
 * A failure inside one fetch, before the fetcher knows how to phrase it: the fetcher turns it into
 * a FetchError naming the feed, the requested URL and the hop, and returns it as a `failed` outcome.
 */
export class HopError extends Error {
  constructor(
    readonly kind: FetchError['kind'],
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HopError';
  }
}
