import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AttributeValueError, decodeAttributeValue, decodeXmlEntities } from './text.ts';

/** What the scanner sees: the UTF-8 bytes of a value, one latin1 character per byte. */
const latin1 = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');

describe('attribute values', () => {
  it('decodes the five named entities and numeric references', () => {
    assert.equal(decodeXmlEntities('a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;'), 'a & b <c> "d" \'e\'');
    assert.equal(decodeXmlEntities('&#233;&#xE9;&#x1F600;&#10;'), 'éé😀\n');
    assert.equal(decodeXmlEntities('&amp;lt;'), '&lt;', 'decoded once, not twice');
    assert.equal(decodeXmlEntities('no entities'), 'no entities');
  });

  it('refuses unknown and broken entities', () => {
    for (const text of ['&nbsp;', 'a & b', '&#xZZ;', '&#0;', '&#x110000;', '&amp', '&;']) {
      assert.throws(() => decodeXmlEntities(text), AttributeValueError, text);
    }
  });

  it('reads UTF-8 from the byte view, then entities, then attribute white space', () => {
    assert.equal(decodeAttributeValue(latin1('Jane’s Apple Watch')), 'Jane’s Apple Watch');
    assert.equal(decodeAttributeValue(latin1('Dr. Smith &amp; Co&#39;s Scale &#x2696;')), "Dr. Smith & Co's Scale ⚖");
    assert.equal(decodeAttributeValue(latin1('a\tb\r\nc\nd&#10;e')), 'a b c d\ne');
    assert.equal(decodeAttributeValue('plain'), 'plain');
  });

  it('refuses a raw "<", the sign of an unclosed quote', () => {
    assert.throws(() => decodeAttributeValue('75/>\n <Record type='), /raw "<"/);
  });
});
