import { describe, expect, it } from '@jest/globals';
import { decodeEntities } from '../../../lambdas/core/normalize/entities.js';

describe('decodeEntities on repeated references', () => {
  it('decodes the same references the same way every time and leaves unknown names as written', () => {
    // Prepare
    const raw = 'Fish &amp; chips &#8217;n&#x2019; &eacute;t&eacute; &unknownname; &amp;';

    // Act
    const first = decodeEntities(raw);
    const again = decodeEntities(raw);

    // Assess
    expect(first).toBe('Fish & chips \u2019n\u2019 été &unknownname; &');
    expect(again).toBe(first);
  });
});
