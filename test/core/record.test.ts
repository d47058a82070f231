import { expect } from '@open-wc/testing';
import { decodeRecord, encodeRecord } from '../../src/core/record.js';

describe('consent record', () => {
  const record = { id: 'abc123def456', time: 1764100000000, revision: 3, choices: { analytics: true, marketing: false } };

  it('should read back exactly what it wrote', () => {
    const value = encodeRecord(record);
    expect(value).to.equal('1|abc123def456|miezlbls|3|analytics=1&marketing=0');
    expect({ ...decodeRecord(value) }).to.deep.equal({ ...record, choices: decodeRecord(value)!.choices });
    expect({ ...decodeRecord(value)!.choices }).to.deep.equal(record.choices);
  });

  it('should read back the services granted of a purpose granted in part, and a partial record', () => {
    const partial = {
      ...record,
      choices: { analytics: { except: ['hotjar'], of: 'k3f9' }, marketing: { only: ['youtube', 'maps'] } },
      partial: true,
    };
    expect(encodeRecord(partial)).to.equal('1|abc123def456|miezlbls|3|analytics=!k3f9~hotjar&marketing=youtube.maps|p');
    const decoded = decodeRecord(encodeRecord(partial))!;
    expect({ ...decoded, choices: { ...decoded.choices } }).to.deep.equal(partial);
  });

  it('should keep a record with no optional purpose', () => {
    expect(decodeRecord(encodeRecord({ ...record, choices: {} }))?.choices).to.be.empty;
  });

  for (const [what, value] of [
    ['nothing', undefined],
    ['an empty value', ''],
    ['another tool’s cookie', '{"analytics":true}'],
    ['an unknown format version', '2|abc123def456|mif1pjbk|3|analytics=1'],
    ['a truncated value', '1|abc123def456|mif1pjbk|3'],
    ['an extra field', '1|abc123def456|mif1pjbk|3|analytics=1|x'],
    ['a short id', '1|abc|mif1pjbk|3|analytics=1'],
    ['a negative revision', '1|abc123def456|mif1pjbk|-3|analytics=1'],
    ['a choice that is neither 0, 1 nor a list of service ids', '1|abc123def456|mif1pjbk|3|analytics=2x'],
    ['an empty service in a list', '1|abc123def456|mif1pjbk|3|marketing=youtube..maps'],
    ['a list of refused services without the hash of the services it was written for', '1|abc123def456|mif1pjbk|3|marketing=!youtube'],
    ['an unknown last field', '1|abc123def456|mif1pjbk|3|analytics=1|q'],
    ['a malformed purpose id', '1|abc123def456|mif1pjbk|3|ana lytics=1'],
    ['a broken pair', '1|abc123def456|mif1pjbk|3|analytics=1=1'],
  ] as const) {
    it(`should read ${what} as no decision`, () => {
      expect(decodeRecord(value)).to.equal(undefined);
    });
  }

  it('should not let a "__proto__" or "constructor" purpose reach Object.prototype', () => {
    expect(decodeRecord('1|abc123def456|mif1pjbk|3|__proto__=1')).to.equal(undefined);
    const decoded = decodeRecord('1|abc123def456|mif1pjbk|3|constructor=1');
    expect(Object.getPrototypeOf(decoded!.choices)).to.equal(null);
    expect(({} as Record<string, unknown>).constructor).to.equal(Object);
  });
});
