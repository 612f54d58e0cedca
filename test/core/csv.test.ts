import { describe, expect, it } from 'vitest';
import { csvRow, escapeCsvCell, sessionCsvColumns, toCsv, type CsvColumn } from '../../src/core/csv';
import type { Money, PaymentSession } from '../../src/core/types';
import { parseCsv } from '../support/csv-reader';

describe('escapeCsvCell', () => {
  it('writes empty cells for null and undefined', () => {
    expect(escapeCsvCell(null)).toBe('');
    expect(escapeCsvCell(undefined)).toBe('');
  });

  it('writes numbers as numbers, negative ones included (no formula escaping)', () => {
    expect(escapeCsvCell(42)).toBe('42');
    expect(escapeCsvCell(-12.5)).toBe('-12.5');
    expect(escapeCsvCell(0)).toBe('0');
    expect(escapeCsvCell(-0)).toBe('0');
    expect(escapeCsvCell(10n ** 20n)).toBe('100000000000000000000');
    expect(escapeCsvCell(-7n)).toBe('-7');
  });

  it('writes NaN and infinities as empty cells', () => {
    expect(escapeCsvCell(Number.NaN)).toBe('');
    expect(escapeCsvCell(Number.POSITIVE_INFINITY)).toBe('');
    expect(escapeCsvCell(Number.NEGATIVE_INFINITY)).toBe('');
  });

  it('writes booleans and dates readably', () => {
    expect(escapeCsvCell(true)).toBe('true');
    expect(escapeCsvCell(false)).toBe('false');
    expect(escapeCsvCell(new Date(Date.UTC(2026, 2, 8, 5, 0, 0)))).toBe('2026-03-08T05:00:00.000Z');
    expect(escapeCsvCell(new Date(Number.NaN))).toBe('');
  });

  it('writes objects as JSON, quoted because JSON has quotes and commas', () => {
    expect(escapeCsvCell({ a: 1, b: 'x' })).toBe('"{""a"":1,""b"":""x""}"');
    expect(escapeCsvCell([1, 2])).toBe('"[1,2]"');
    expect(escapeCsvCell({ at: new Date(Date.UTC(2026, 0, 1)) })).toBe('"{""at"":""2026-01-01T00:00:00.000Z""}"');
  });

  it('drops secret keys at any depth from objects written as JSON', () => {
    const cell = escapeCsvCell({ id: 'ps_1', clientSecret: 'pi_1_secret_abc', nested: { client_secret: 'pi_2_secret_def', ok: 1 } });
    expect(cell).not.toMatch(/secret_abc|secret_def/);
    expect(JSON.parse(parseCsv(cell)[0]![0]!)).toEqual({ id: 'ps_1', nested: { ok: 1 } });
  });

  it('drops compound secret keys (webhook_secret, secretKey, access_token …) from JSON cells, keeps payment tokens', () => {
    const cell = escapeCsvCell({
      payment_token: 'pt_keep',
      nested: { webhook_secret: 'whsec_1', secretKey: 'sk_2', stripeClientSecret: 'pi_3_secret', access_token: 'at_4', private_key: 'pk_5' },
    });
    expect(cell).toBe('"{""payment_token"":""pt_keep"",""nested"":{}}"');
  });

  it('still drops secrets from an object with a cycle', () => {
    const value: Record<string, unknown> = { id: 'x', clientSecret: 'pi_secret_zzz' };
    value.self = value;
    const cell = escapeCsvCell(value);
    expect(cell).not.toContain('pi_secret_zzz');
    expect(cell).toContain('""id"":""x""');
  });

  it('writes nothing for functions and symbols', () => {
    expect(escapeCsvCell(() => 1)).toBe('');
    expect(escapeCsvCell(Symbol('s'))).toBe('');
  });

  it('quotes fields holding a comma, a quote, CR or LF, and doubles the quotes (RFC 4180)', () => {
    expect(escapeCsvCell('plain')).toBe('plain');
    expect(escapeCsvCell('Smith, Jane')).toBe('"Smith, Jane"');
    expect(escapeCsvCell('say "hi"')).toBe('"say ""hi"""');
    expect(escapeCsvCell('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(escapeCsvCell('a\rb')).toBe('"a\rb"');
    expect(escapeCsvCell('')).toBe('');
    expect(escapeCsvCell(' padded ')).toBe(' padded ');
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+SUM(A1:A3)', "'+SUM(A1:A3)"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    // A tab is a separator somewhere, so the cell is quoted too.
    ['\tdata', `"'\tdata"`],
    ['＝1+1', "'＝1+1"],
    ['＋1', "'＋1"],
    ['－1+1', "'－1+1"],
    ['＠SUM(A1)', "'＠SUM(A1)"],
    // Also defused after the tab: a reader that splits on tabs sees `=1+1` as a cell of its own.
    ['\t=1+1', `"'\t'=1+1"`],
    // Leading blanks that an import may trim are no hiding place.
    [' =1+1', "' =1+1"],
    ['\u00a0@SUM(A1)', "'\u00a0@SUM(A1)"],
    ['\u3000＝1+1', "'\u3000＝1+1"],
  ])('defuses formula text %j with a leading apostrophe', (input, expected) => {
    expect(escapeCsvCell(input)).toBe(expected);
  });

  it.each([
    // The start after the line break is defused too: a reader that splits lines first sees it as a cell.
    ['\n=1+1', `"'\n'=1+1"`],
    ['\n+SUM(A1:A3)', `"'\n'+SUM(A1:A3)"`],
    ['\r\n@SUM(A1)', `"'\r\n'@SUM(A1)"`],
    ['\r-2+3', `"'\r'-2+3"`],
    ['\nplain', '"\'\nplain"'],
  ])('defuses a cell starting with a line break (%j), then quotes it', (input, expected) => {
    expect(escapeCsvCell(input)).toBe(expected);
  });

  it('defuses first, then quotes: the apostrophe ends up inside the quotes', () => {
    expect(escapeCsvCell('=HYPERLINK("http://evil.example","click")')).toBe(
      '"\'=HYPERLINK(""http://evil.example"",""click"")"',
    );
    expect(escapeCsvCell('\r=cmd')).toBe(`"'\r'=cmd"`);
    expect(escapeCsvCell("-2+3+cmd|' /C calc'!A0")).toBe("'-2+3+cmd|' /C calc'!A0");
  });

  it('leaves plain decimal text alone: it cannot be a formula and must stay a number', () => {
    expect(escapeCsvCell('-12.34')).toBe('-12.34');
    expect(escapeCsvCell('-5')).toBe('-5');
    expect(escapeCsvCell('-1e5')).toBe("'-1e5");
    expect(escapeCsvCell('-12.34 EUR')).toBe("'-12.34 EUR");
    expect(escapeCsvCell('+15551234567')).toBe("'+15551234567");
  });

  it('does not touch text that merely contains a trigger later on', () => {
    expect(escapeCsvCell('a=b')).toBe('a=b');
    expect(escapeCsvCell('jane@example.com')).toBe('jane@example.com');
  });

  it('quotes a cell holding any separator, whichever is in use (the reader may split on another)', () => {
    for (const separator of [',', ';', '\t'] as const) {
      expect(escapeCsvCell('1,5', { separator })).toBe('"1,5"');
      expect(escapeCsvCell('a;b', { separator })).toBe('"a;b"');
      expect(escapeCsvCell('a\tb', { separator })).toBe('"a\tb"');
      expect(escapeCsvCell('plain', { separator })).toBe('plain');
    }
    // The former option name still works.
    expect(escapeCsvCell('a;b', { delimiter: ';' })).toBe('"a;b"');
  });

  describe('given a formula start after a separator inside the text', () => {
    it.each([
      ['Bob;=1+1;', `"Bob;'=1+1;"`],
      ['Bob,=1+1', `"Bob,'=1+1"`],
      ['Bob\t=1+1', `"Bob\t'=1+1"`],
      ['Bob; +cmd|x', `"Bob; '+cmd|x"`],
      ['a;@SUM(A1)', `"a;'@SUM(A1)"`],
      ['a;－1', `"a;'－1"`],
      ['line\n=HYPERLINK("x")', `"line\n'=HYPERLINK(""x"")"`],
      ['=a;=b', `"'=a;'=b"`],
    ])('defuses %j as %j', (text, written) => {
      expect(escapeCsvCell(text)).toBe(written);
      expect(escapeCsvCell(text, { separator: ';' })).toBe(written);
    });

    it('reads back, split on ";" without honouring quotes, as no cell that starts a formula', () => {
      const line = csvRow(['Bob;=1+1;', 'x'], { separator: ',' });
      const naiveCells = line.split(';').map((cell) => cell.replace(/^"/, ''));
      expect(naiveCells.some((cell) => /^\s*[=+\-@]/.test(cell))).toBe(false);
    });

    it('leaves separators followed by ordinary text alone, apart from quoting', () => {
      expect(escapeCsvCell('Smith, Jane')).toBe('"Smith, Jane"');
      expect(escapeCsvCell('a;b=c')).toBe('"a;b=c"');
    });
  });

  it('refuses a separator other than ",", ";" or a tab', () => {
    expect(() => escapeCsvCell('a', { separator: '|' as ',' })).toThrow(TypeError);
    expect(() => toCsv([['a']], { separator: '"' as ',' })).toThrow(/separator/);
  });
});

describe('csvRow', () => {
  it('escapes each cell and joins with the delimiter, without a line break', () => {
    expect(csvRow(['a', 'b,c', -1, null, '=x'])).toBe('a,"b,c",-1,,\'=x');
    expect(csvRow(['a', 'b;c'], { delimiter: ';' })).toBe('a;"b;c"');
    expect(csvRow([])).toBe('');
  });
});

describe('toCsv', () => {
  it('writes array rows as they are, each record ending in CRLF', () => {
    expect(toCsv([['a', 1], ['b', 2]])).toBe('a,1\r\nb,2\r\n');
  });

  it('writes object rows through named columns with a header row', () => {
    const rows = [
      { id: 1, name: 'Ada, Countess', note: 'x' },
      { id: 2, name: 'Bob "B"', note: 'y' },
    ];
    const csv = toCsv(rows, { columns: ['id', { key: 'name', header: 'Full name' }] });
    expect(csv).toBe('id,Full name\r\n1,"Ada, Countess"\r\n2,"Bob ""B"""\r\n');
    expect(parseCsv(csv)).toEqual([
      ['id', 'Full name'],
      ['1', 'Ada, Countess'],
      ['2', 'Bob "B"'],
    ]);
  });

  it('computes cells with value(row, index) and reads only own properties otherwise', () => {
    const columns: CsvColumn<{ n: number }>[] = [
      { key: 'double', value: (row) => row.n * 2 },
      { key: 'index', value: (_row, index) => index },
      { key: 'constructor' },
      { key: 'missing' },
    ];
    expect(toCsv([{ n: 1 }, { n: 5 }], { columns, header: false })).toBe('2,0,,\r\n10,1,,\r\n');
  });

  it('reads array rows by position when columns have no value', () => {
    expect(toCsv([['x', 'y', 'z']], { columns: [{ key: 'a', header: 'A' }, { key: 'b', header: 'B' }] })).toBe(
      'A,B\r\nx,y\r\n',
    );
  });

  it('refuses object rows without columns, so nothing unnamed is exported', () => {
    expect(() => toCsv([{ id: 1, clientSecret: 's' }])).toThrow(TypeError);
    expect(() => toCsv([{ id: 1 }])).toThrow(/needs `columns` for object rows/);
  });

  it.each(['clientSecret', 'client_secret', 'secret', 'Client Secret', 'raw.client_secret', 'apiKey', 'password', 'webhook_secret', 'raw.stripeClientSecret', 'Access token'])(
    'refuses a column named %j with an Error',
    (key) => {
      expect(() => toCsv([{ id: 1 }], { columns: [{ key }] })).toThrow(/is refused: it names a secret/);
      expect(() => toCsv([['a']], { columns: [key] })).toThrow(Error);
    },
  );

  it('refuses a column whose header names a secret, even under a harmless key', () => {
    expect(() =>
      toCsv([{ id: 1 }], { columns: [{ key: 'note', header: 'Client secret', value: () => 'pi_secret' }] }),
    ).toThrow(/"Client secret" is refused/);
  });

  it('accepts keys that only contain "secret" as part of another word', () => {
    expect(toCsv([{ secretary: 'Ann' }], { columns: ['secretary'] })).toBe('secretary\r\nAnn\r\n');
  });

  it('defuses formulas in headers as well as in cells', () => {
    expect(toCsv([{ a: '@x' }], { columns: [{ key: 'a', header: '=evil' }] })).toBe("'=evil\r\n'@x\r\n");
  });

  it('supports LF line breaks, a BOM for Excel, and other separators', () => {
    expect(toCsv([['a', 'b;c']], { newline: '\n', delimiter: ';' })).toBe('a;"b;c"\n');
    expect(toCsv([['a', 'b,c', 1.5]], { separator: ';' })).toBe('a;"b,c";1.5\r\n');
    expect(toCsv([['a', 'b']], { separator: '\t', bom: true })).toBe('\uFEFFa\tb\r\n');
    const withBom = toCsv([['é']], { bom: true });
    expect(withBom).toBe('\uFEFFé\r\n');
    expect(withBom.charCodeAt(0)).toBe(0xfeff);
  });

  it('can be built a page at a time: header once, records concatenate', () => {
    const columns = ['n'];
    const joined = toCsv([{ n: 1 }], { columns }) + toCsv([{ n: 2 }], { columns, header: false });
    expect(joined).toBe(toCsv([{ n: 1 }, { n: 2 }], { columns }));
  });

  it('writes only the header for no rows, and nothing at all without columns', () => {
    expect(toCsv([], { columns: ['id'] })).toBe('id\r\n');
    expect(toCsv([])).toBe('');
  });

  it('round-trips awkward text through an RFC 4180 reader', () => {
    const nasty = ['a,b', 'quote " inside', 'multi\r\nline', '', '  spaced  ', 'tab\tin'];
    expect(parseCsv(toCsv([nasty]))).toEqual([nasty]);
  });
});

const usd = (amountMinor: number): Money => ({ amountMinor, currency: 'USD' });

function makeSession(fields: Partial<PaymentSession>): PaymentSession {
  return {
    id: 'ps_1',
    source: 'truemed',
    status: 'captured',
    rawStatus: 'captured',
    items: [],
    refunds: [],
    disputes: [],
    raw: {},
    ...fields,
  };
}

describe('sessionCsvColumns', () => {
  const fullSession = makeSession({
    id: 'ps_123',
    status: 'partially_refunded',
    rawStatus: 'captured',
    statusSummary: 'Partially Refunded',
    kind: 'one_time_payment',
    createdAt: '2026-03-08T05:00:00.000Z',
    capturedAt: '2026-03-08T05:01:00.000Z',
    customer: { name: 'Doe, Jane', email: 'jane@example.com' },
    amount: usd(1_234),
    capturedAmount: usd(1_234),
    refundedAmount: usd(234),
    refundableAmount: usd(1_000),
    fee: usd(45),
    orderId: 'ord_9',
    paymentToken: 'tok_7',
    paymentUrl: 'https://pay.example/ps_123',
    metadata: { internal: 'do not export by default' },
    raw: { id: 'ps_123', client_secret: 'pi_123_secret_LEAK', note: 'raw data' },
  });

  it('has the documented columns in order', () => {
    expect(sessionCsvColumns.map((column) => column.key)).toEqual([
      'id',
      'status',
      'rawStatus',
      'kind',
      'createdAt',
      'capturedAt',
      'customerName',
      'customerEmail',
      'amount',
      'currency',
      'captured',
      'refunded',
      'refundable',
      'fee',
      'orderId',
      'paymentToken',
    ]);
  });

  it('exports a session with amounts as major-unit decimals', () => {
    const [header, row] = parseCsv(toCsv([fullSession], { columns: sessionCsvColumns }));
    expect(header).toEqual([
      'ID',
      'Status',
      'Raw status',
      'Kind',
      'Created at',
      'Captured at',
      'Customer name',
      'Customer email',
      'Amount',
      'Currency',
      'Captured',
      'Refunded',
      'Refundable',
      'Fee',
      'Order ID',
      'Payment token',
    ]);
    expect(row).toEqual([
      'ps_123',
      'partially_refunded',
      'captured',
      'one_time_payment',
      '2026-03-08T05:00:00.000Z',
      '2026-03-08T05:01:00.000Z',
      'Doe, Jane',
      'jane@example.com',
      '12.34',
      'USD',
      '12.34',
      '2.34',
      '10.00',
      '0.45',
      'ord_9',
      'tok_7',
    ]);
  });

  it('never exports raw, metadata or a client secret by default', () => {
    const csv = toCsv([fullSession], { columns: sessionCsvColumns });
    expect(csv).not.toContain('LEAK');
    expect(csv).not.toContain('raw data');
    expect(csv).not.toContain('do not export');
    expect(csv).not.toContain('https://pay.example');
  });

  it('uses each currency’s own number of decimals (JPY none, KWD three)', () => {
    const cells = (amount: Money) =>
      parseCsv(toCsv([makeSession({ amount })], { columns: sessionCsvColumns, header: false }))[0]!;
    const amountIndex = sessionCsvColumns.findIndex((column) => column.key === 'amount');
    const currencyIndex = sessionCsvColumns.findIndex((column) => column.key === 'currency');
    expect(cells({ amountMinor: 1_234, currency: 'JPY' })[amountIndex]).toBe('1234');
    expect(cells({ amountMinor: 1_234, currency: 'KWD' })[amountIndex]).toBe('1.234');
    expect(cells({ amountMinor: 5, currency: 'USD' })[amountIndex]).toBe('0.05');
    expect(cells({ amountMinor: 5, currency: 'USD' })[currencyIndex]).toBe('USD');
    // Beyond what a double holds exactly as dollars times 100: string math keeps every digit.
    expect(cells({ amountMinor: 9_007_199_254_740_991, currency: 'USD' })[amountIndex]).toBe('90071992547409.91');
  });

  it('keeps a negative amount a number in the spreadsheet rather than defusing it', () => {
    const csv = toCsv([makeSession({ status: 'captured', amount: usd(-1_250) })], {
      columns: sessionCsvColumns.filter((column) => column.key === 'amount'),
      header: false,
    });
    expect(csv).toBe('-12.50\r\n');
  });

  it('counts captured and refunded like the summary does', () => {
    const session = makeSession({
      status: 'captured',
      amount: usd(5_000),
      refunds: [
        { id: 're_1', amount: usd(700) },
        { id: 're_2', amount: usd(300), status: 'failed' },
      ],
    });
    const picked = sessionCsvColumns.filter((column) => column.key === 'captured' || column.key === 'refunded');
    expect(toCsv([session], { columns: picked })).toBe('Captured,Refunded\r\n50.00,7.00\r\n');
  });

  it('leaves cells empty when the session lacks the data', () => {
    const csv = toCsv([makeSession({ id: 'ps_2', status: 'pending', rawStatus: 'pending' })], {
      columns: sessionCsvColumns,
      header: false,
    });
    expect(csv).toBe('ps_2,pending,pending,,,,,,,,,,,,,\r\n');
  });

  it('names the currency of an amount that differs from the row’s', () => {
    const session = makeSession({ amount: usd(1_000), fee: { amountMinor: 30, currency: 'EUR' } });
    const fee = sessionCsvColumns.filter((column) => column.key === 'fee');
    expect(toCsv([session], { columns: fee, header: false })).toBe('0.30 EUR\r\n');
  });

  it('defuses a customer name crafted as a formula', () => {
    const session = makeSession({ customer: { name: '=HYPERLINK("http://evil.example")', email: '+1@x.example' } });
    const [, row] = parseCsv(toCsv([session], { columns: sessionCsvColumns }));
    expect(row?.[6]).toBe('\'=HYPERLINK("http://evil.example")');
    expect(row?.[7]).toBe("'+1@x.example");
  });

  it('is frozen, so one host cannot change the defaults for everyone', () => {
    expect(Object.isFrozen(sessionCsvColumns)).toBe(true);
    expect(Object.isFrozen(sessionCsvColumns[0])).toBe(true);
  });

  it('can be extended with custom columns, still behind the secret guard', () => {
    const columns = [...sessionCsvColumns.filter((c) => c.key === 'id'), { key: 'source', value: (s: PaymentSession) => s.source }];
    expect(toCsv([fullSession], { columns })).toBe('ID,source\r\nps_123,truemed\r\n');
    expect(() =>
      toCsv([fullSession], { columns: [...sessionCsvColumns, { key: 'clientSecret', value: (s) => s.raw.client_secret }] }),
    ).toThrow(/refused/);
  });
});

describe('secret-shaped values in CSV cells (issue 11)', () => {
  it('are redacted in text cells and in objects written as JSON, whatever the column', () => {
    const secret = 'pi_3MtwBwLkdIwHu7ix_secret_YrKJUKribcBjcG8H';
    const csv = toCsv([{ note: `see ${secret}`, extra: { text: `k=sk_live_abcdef123` } }], { columns: ['note', 'extra'], header: false });
    expect(csv).toBe('see [redacted],"{""text"":""k=[redacted]""}"\r\n');
    expect(csv).not.toMatch(/_secret_|sk_live_/);
  });
});
