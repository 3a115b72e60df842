import { describe, expect, it } from '@jest/globals';
import { sanitizeStyle } from '../../../lambdas/core/normalize/css.js';
import { sanitizeHtml } from '../../../lambdas/core/normalize/sanitize.js';

describe('sanitizeStyle', () => {
  it.each([
    ['color:red', 'color: red;'],
    ['margin: 0 auto;', 'margin: 0 auto;'],
    ['border: 1px solid rgb(1,2,3)', 'border: 1px solid rgb(1,2,3);'],
    ["font-family: 'Helvetica Neue', Arial", "font-family: 'Helvetica Neue', Arial;"],
    ['padding: 10px 5px 0 0; text-align:center', 'padding: 10px 5px 0 0; text-align: center;'],
    ['position: absolute; top: 0', ''],
    ['color: red; background: url(javascript:alert(1))', ''],
    ['background-image: url(x.png)', ''],
    ['width: expression(alert(1))', ''],
    ['-moz-binding: url(x)', ''],
  ])('%s → %p', (style, expected) => {
    expect(sanitizeStyle(style)).toBe(expected);
  });

  it('applies to style attributes in sanitized HTML', () => {
    expect(sanitizeHtml('<p style="color:red;position:fixed">x</p><span style="background:url(a.png)">y</span>')).toBe('<p style="color: red;">x</p><span>y</span>');
    expect(sanitizeHtml('<p style="text-align:center">x</p>')).toBe('<p style="text-align: center;">x</p>');
  });
});
