import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CsvParser, parseCsvText, readCsv, sniffDelimiter, type CsvRecord } from './csv-reader.ts';
import { FileImportError } from './errors.ts';

const rows = (records: CsvRecord[]) => records.map((r) => r.fields);

async function readAll(chunks: Array<Buffer | string>, options = {}): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const chunk of readCsv(Readable.from(chunks, { objectMode: true }), options)) out.push(...chunk.records);
  return out;
}

/** Every way of cutting `text` in two, fed as two pushes: the records must not change. */
function parseInTwo(text: string, cut: number): CsvRecord[] {
  const parser = new CsvParser();
  return [...parser.push(text.slice(0, cut)), ...parser.push(text.slice(cut)), ...parser.end()];
}

describe('CSV reader (RFC 4180)', () => {
  it('reads plain records with LF, CRLF and a missing final line break', () => {
    assert.deepEqual(rows(parseCsvText('a,b\n1,2\n')), [['a', 'b'], ['1', '2']]);
    assert.deepEqual(rows(parseCsvText('a,b\r\n1,2\r\n')), [['a', 'b'], ['1', '2']]);
    assert.deepEqual(rows(parseCsvText('a,b\r\n1,2')), [['a', 'b'], ['1', '2']]);
    assert.deepEqual(rows(parseCsvText('a,b\r1,2\r')), [['a', 'b'], ['1', '2']], 'a lone CR (old Mac) ends a line too');
  });

  it('keeps empty fields, leading, trailing and in between', () => {
    assert.deepEqual(rows(parseCsvText('a,,c\n,b,\n,,\n')), [['a', '', 'c'], ['', 'b', ''], ['', '', '']]);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks inside', () => {
    const text = 'name,note\r\n"Smith, J","said ""hi"""\r\n"multi\r\nline\nnote",x\r\n"",""\r\n';
    assert.deepEqual(rows(parseCsvText(text)), [['name', 'note'], ['Smith, J', 'said "hi"'], ['multi\r\nline\nnote', 'x'], ['', '']]);
  });

  it('numbers records by the line they start on, counting line breaks inside quotes and blank lines', () => {
    const records = parseCsvText('h1,h2\n"a\nb",1\n\nc,2\r\n"x\r\n\r\ny",3\nz,4');
    assert.deepEqual(
      records.map((r) => r.line),
      [1, 2, 5, 6, 9],
    );
    assert.deepEqual(rows(records).at(-1), ['z', '4']);
  });

  it('skips blank lines', () => {
    assert.deepEqual(rows(parseCsvText('\n\na\n\r\n\nb\n\n')), [['a'], ['b']]);
  });

  it('drops a UTF-8 byte order mark', async () => {
    assert.deepEqual(rows(parseCsvText('\ufeffId,Date\n1,2')), [['Id', 'Date'], ['1', '2']]);
    const records = await readAll([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Id,Date\n1,2\n')]);
    assert.deepEqual(rows(records), [['Id', 'Date'], ['1', '2']]);
  });

  it('decodes UTF-16LE after its byte order mark (Excel "Unicode text")', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('date\tweight\n2024-01-01\t72,5\n', 'utf16le')]);
    // Cut inside a code unit, to prove the decoder carries the half character over.
    const records = await readAll([bytes.subarray(0, 7), bytes.subarray(7)]);
    assert.deepEqual(rows(records), [['date', 'weight'], ['2024-01-01', '72,5']]);
  });

  it('keeps a multi-byte character split across two byte chunks', async () => {
    const bytes = Buffer.from('note\nCafé 😀\n', 'utf8');
    for (let cut = 1; cut < bytes.length; cut++) {
      const records = await readAll([bytes.subarray(0, cut), bytes.subarray(cut)]);
      assert.deepEqual(rows(records), [['note'], ['Café 😀']], `cut at byte ${cut}`);
    }
  });

  it('gives the same records however the text is cut into chunks', () => {
    const text = 'a,"b,""c"""\r\n"x\r\ny",2\r\n\r\nlast,"q"\r';
    const whole = parseCsvText(text);
    for (let cut = 0; cut <= text.length; cut++) assert.deepEqual(parseInTwo(text, cut), whole, `cut at ${cut}`);
  });

  it('treats a CRLF split across chunks as one line break', () => {
    const parser = new CsvParser();
    const records = [...parser.push('a,b\r'), ...parser.push('\n1,2\r'), ...parser.push('\n'), ...parser.end()];
    assert.deepEqual(
      records.map((r) => [r.line, r.fields]),
      [
        [1, ['a', 'b']],
        [2, ['1', '2']],
      ],
    );
  });

  it('keeps a quote inside an unquoted field as text', () => {
    const [record] = parseCsvText(`height,5'11"`);
    assert.deepEqual(record?.fields, ['height', `5'11"`]);
    assert.equal(record?.error, undefined);
  });

  it('flags text after a closing quote, keeping what it read', () => {
    const records = parseCsvText('a,b\n"x"y,2\nc,3\n');
    assert.deepEqual(records[1], { line: 2, fields: ['xy', '2'], error: 'line 2: text after a closing quote' });
    assert.deepEqual(records[2], { line: 3, fields: ['c', '3'] }, 'the next record is clean');
  });

  it('flags a quoted field never closed', () => {
    const records = parseCsvText('a,b\n1,"open\n2,3\n');
    assert.equal(records.length, 2);
    assert.match(records[1]?.error ?? '', /opened on line 2 is never closed/);
  });

  it('refuses a record longer than the limit (a runaway quote) instead of holding the file', () => {
    const parser = new CsvParser({ maxRecordLength: 100 });
    parser.push('a,b\n1,"');
    assert.throws(
      () => {
        for (let i = 0; i < 10; i++) parser.push('x'.repeat(30));
      },
      (error: unknown) => error instanceof FileImportError && error.refusal === 'record_too_long' && /line 2/.test(error.message),
    );
    assert.throws(() => parseCsvText(`a,${'y'.repeat(200)}\n`, { maxRecordLength: 100 }), FileImportError);
  });

  it('refuses binary content', () => {
    assert.throws(
      () => parseCsvText('PK\u0003\u0004\u0000\u0000garbage'),
      (error: unknown) => error instanceof FileImportError && error.refusal === 'not_text',
    );
  });

  it('sniffs the delimiter from the header line, outside quotes', () => {
    assert.equal(sniffDelimiter('date;weight;steps'), ';');
    assert.equal(sniffDelimiter('date\tweight\tsteps'), '\t');
    assert.equal(sniffDelimiter('"a;b;c",d,e'), ',');
    assert.equal(sniffDelimiter('date'), ',');
    assert.deepEqual(rows(parseCsvText('date;weight\n2024-01-01;"72,5"\n')), [['date', 'weight'], ['2024-01-01', '72,5']]);
    const parser = new CsvParser();
    // The header line arrives in pieces: nothing is parsed before it is complete.
    assert.deepEqual(parser.push('date\twei'), []);
    assert.equal(parser.separator, undefined);
    assert.deepEqual(rows(parser.push('ght\n2024-01-01\t70\n')), [['date', 'weight'], ['2024-01-01', '70']]);
    assert.equal(parser.separator, '\t');
  });

  it('uses a given delimiter as is', () => {
    assert.deepEqual(rows(parseCsvText('a;b,c\n', { delimiter: ',' })), [['a;b', 'c']]);
    assert.throws(() => new CsvParser({ delimiter: ':' as ',' }), RangeError);
  });

  it('reports bytes read and the delimiter with each batch', async () => {
    const chunks: Array<{ bytesRead: number; delimiter: string }> = [];
    for await (const chunk of readCsv(Readable.from([Buffer.from('a;b\n1;2\n'), Buffer.from('3;4\n')]))) chunks.push({ bytesRead: chunk.bytesRead, delimiter: chunk.delimiter });
    assert.deepEqual(chunks, [
      { bytesRead: 8, delimiter: ';' },
      { bytesRead: 12, delimiter: ';' },
    ]);
  });

  it('round-trips any table written by the RFC rules, cut anywhere (property)', () => {
    const cell = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('', '"', ',', '\r\n', '\n', '""', 'a,b', ' x '));
    const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(table, fc.constantFrom('\n', '\r\n'), fc.nat(), (data, eol, cutSeed) => {
        const quote = (v: string) => (/[",\r\n]/.test(v) || v === '' ? `"${v.replace(/"/g, '""')}"` : v);
        const text = data.map((r) => r.map(quote).join(',')).join(eol) + eol;
        const expected = data;
        assert.deepEqual(rows(parseCsvText(text, { delimiter: ',' })), expected);
        const cut = cutSeed % (text.length + 1);
        const parser = new CsvParser({ delimiter: ',' });
        const split = [...parser.push(text.slice(0, cut)), ...parser.push(text.slice(cut)), ...parser.end()];
        assert.deepEqual(rows(split), expected);
      }),
      { numRuns: 300 },
    );
  });
});
