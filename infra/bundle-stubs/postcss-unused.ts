// Stands in for postcss inside Lambda bundles (see BUNDLE_ALIASES): sanitize-html requires it on load but calls
// it only to parse style attributes, which lambdas/core/normalize/sanitize.ts switches off.
export function parse(): never {
  throw new Error('postcss is left out of Lambda bundles: sanitize-html must run with parseStyleAttributes: false');
}
