// One error tree: every error Topicwire raises on purpose derives from TopicwireError, sets `name`,
// keeps the original failure as `cause`, and names its subject (feed id, URL, file:line) in the message.
export class TopicwireError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The input is not a feed at all, or is too damaged to yield a title or a single item. */
export class ParseError extends TopicwireError {}

/** An admin-edited config file is invalid; the message starts with `file:line: path: reason`. */
export class ConfigError extends TopicwireError {}

/** A fetch could not complete; `kind` tells policy code what happened without parsing messages. */
export class FetchError extends TopicwireError {
  constructor(
    message: string,
    readonly kind:
      | 'blocked-address'
      | 'bad-url'
      | 'timeout'
      | 'too-large'
      | 'too-many-redirects'
      | 'redirect-loop'
      | 'http-status'
      | 'network'
      | 'decode',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
