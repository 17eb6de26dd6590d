import type { ParameterReader } from '../../nodes/MovilitasDecommission/parameters';
import { parseSerials } from '../../nodes/MovilitasDecommission/serials';
import { readItemSettings } from '../../nodes/MovilitasDecommission/settings';
import {
	checkSerial,
	gs1CheckDigit,
	normaliseGtin,
} from '../../nodes/MovilitasDecommission/validation';

const settings: Record<string, unknown> = {
	productCode: '09506000134352',
	productCodeSchema: 'GTIN',
	reason: 'destroy',
	sendToMarket: false,
	marketId: 'EU',
	options: { batchSize: 1000 },
};

/** Parameters given by expressions: each item may give other values. */
function reader(values: Record<string, unknown>, expressions = true): ParameterReader {
	const get = jest.fn((name: string) => values[name]);
	return { get, isExpression: () => expressions } as unknown as ParameterReader;
}

describe('GS1 check digit', () => {
	it.each([
		['0950600013435', 2],
		['629104150021', 3],
		['9638507', 4],
		['0123456789123', 1],
		['0000000000000', 0],
	])('of %s is %i', (data, digit) => {
		expect(gs1CheckDigit(data)).toBe(digit);
	});
});

describe('normaliseGtin', () => {
	it.each([
		['GTIN-8', '96385074', '00000096385074'],
		['GTIN-12', '036000291452', '00036000291452'],
		['GTIN-13', '6291041500213', '06291041500213'],
		['GTIN-14', '09506000134352', '09506000134352'],
		['a number', 6291041500213, '06291041500213'],
		['a GTIN-14 number that lost its leading zero', 9506000134352, '09506000134352'],
		['a GTIN-8 number that lost its leading zeros', 1234565, '00000001234565'],
		['padded with spaces', ' 96385074 ', '00000096385074'],
	])('accepts a %s and pads it to 14 digits', (_, raw, expected) => {
		expect(normaliseGtin(raw)).toEqual({ ok: true, value: expected });
	});

	it.each([
		['', 'is empty'],
		['123456789', 'it has 9 digits, a GTIN has 8, 12, 13 or 14'],
		['095060001343521', 'it has 15 digits'],
		['0950600013435X', 'only digits are allowed'],
		['09506000134353', 'wrong GS1 check digit: expected 2, got 3'],
		['96385075', 'wrong GS1 check digit: expected 4, got 5'],
	])('refuses %j: %s', (raw, problem) => {
		const result = normaliseGtin(raw);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.problem).toContain(problem);
	});

	it('names the vendor sample GTIN, which fails the check, and hints at the option', () => {
		const result = normaliseGtin('01234567891234');
		expect(result).toMatchObject({ ok: false });
		if (!result.ok) {
			expect(result.problem).toContain('expected 1, got 4');
			expect(result.problem).toContain('sample GTIN of the vendor documentation');
			expect(result.hint).toContain('Skip Check Digit Validation');
		}
	});

	it('accepts a wrong check digit when told to skip the check, but never a wrong length', () => {
		expect(normaliseGtin('01234567891234', true)).toEqual({ ok: true, value: '01234567891234' });
		expect(normaliseGtin('123', true).ok).toBe(false);
	});
});

describe('checkSerial', () => {
	it.each(['SV902P05IYI4ARW5WWHJ', 'a', 'abc-DEF_1.2/3', `!"%&'()*+,-./:;<=>?_`.slice(0, 20)])(
		'accepts %j',
		(serial) => expect(checkSerial(serial)).toBeUndefined(),
	);

	it.each([
		['', 'is empty'],
		['A'.repeat(21), 'is 21 characters long'],
		['AB#1', 'outside GS1 character set 82: "#"'],
		['AB 1', 'outside GS1 character set 82: U+0020'],
		['ÄB1', '"Ä"'],
		['A@B~', '"@" (U+0040), "~" (U+007E)'],
	])('refuses %j', (serial, problem) => {
		expect(checkSerial(serial)).toContain(problem);
	});
});

describe('normaliseGtin refuses numbers that are not exactly the code', () => {
	it.each([1.5, -96385074, 1e21, Number.NaN, Number.POSITIVE_INFINITY, 12345678901234567890])(
		'%s',
		(raw) => {
			const result = normaliseGtin(raw);
			expect(result.ok).toBe(false);
			if (!result.ok) expect(result.problem).toContain('read the column as text');
		},
	);
});

describe('parseSerials', () => {
	it.each([
		['a text with a comma, as one serial (no separator)', 'AB,12', 'none', ['AB,12']],
		['a text with quotes and a semicolon, as one serial', `A'B;"1`, 'none', [`A'B;"1`]],
		['lines', 'A1\nB2\r\n\n  C3  ', 'lineBreak', ['A1', 'B2', 'C3']],
		['commas', 'A1,B2, C3,', 'comma', ['A1', 'B2', 'C3']],
		['semicolons', 'A1;B2', 'semicolon', ['A1', 'B2']],
		['whitespace', 'A1 B2\tC3\u00a0D4', 'whitespace', ['A1', 'B2', 'C3', 'D4']],
		['an array, never split', ['A,1', ' B2 ', 3], 'comma', ['A,1', 'B2', '3']],
		['a safe integer', 12345, 'none', ['12345']],
	])('reads %s', (_, raw, separator, expected) => {
		expect(parseSerials(raw, separator as never)).toEqual({ ok: true, value: expected });
	});

	it.each([
		['a space inside a serial', 'AB 12', 'none', 'outside GS1 character set 82: U+0020'],
		['a tab', 'AB\t12', 'none', 'U+0009'],
		['a no-break space', 'AB\u00a012', 'none', 'U+00A0'],
		['a Cyrillic look-alike', 'АB12', 'none', '"А" (U+0410)'],
		['a control character', 'AB\u000112', 'none', 'U+0001'],
		['21 characters', 'A'.repeat(21), 'none', 'is 21 characters long'],
		['an unsafe number', 12345678901234567890, 'none', 'read the column as text'],
		['1e21', 1e21, 'none', 'read the column as text'],
		['NaN', Number.NaN, 'none', 'read the column as text'],
		[
			'Infinity in an array',
			['A1', Number.POSITIVE_INFINITY],
			'none',
			'entry 2 is the number Infinity',
		],
		['null', null, 'none', 'is null'],
		['an object', { serial: 'A1' }, 'none', 'is an object'],
		['an array holding an object', ['A1', { serial: 'B2' }], 'none', 'entry 2 is an object'],
		['an empty array', [], 'none', 'is empty'],
		['an empty entry', ['A1', ' '], 'none', 'entry 2 is empty'],
		['blank text', '  ', 'lineBreak', 'is empty'],
		['a JSON array as text', '["A1","B2"]', 'none', '"["'],
	])('refuses %s', (_, raw, separator, problem) => {
		const result = parseSerials(raw, separator as never);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.problem).toContain(problem);
	});

	it('suggests a separator when a text holding several serials is kept whole', () => {
		const result = parseSerials('A1 B2', 'none');
		expect(!result.ok && result.problem).toContain('choose a Serials Separator');
	});
});

describe('readItemSettings', () => {
	it('returns the normalised settings', () => {
		const result = readItemSettings(
			reader({ ...settings, productCode: '6291041500213' }),
			0,
			'list',
			{},
		);
		expect(result).toEqual({
			ok: true,
			value: {
				productCode: '06291041500213',
				productCodeSchema: 'GTIN',
				reason: 'destroy',
				sendToMarket: false,
				marketId: 'EU',
				batchSize: 1000,
				skipCheckDigitValidation: false,
				key: { productCode: '06291041500213', value: '["06291041500213","destroy",false,"EU"]' },
			},
		});
	});

	it.each([
		[{ reason: 'burn' }, 'Reason', 'must be one of "check_out", "destroy"'],
		[{ marketId: 'DE' }, 'Market', 'must be one of "CHN", "EU", "IDN", "" (none), "US" (got "DE")'],
		[{ sendToMarket: 'yes' }, 'Send to Market', 'must be true or false (got "yes")'],
		[{ productCodeSchema: 'SSCC' }, 'Product Code Schema', 'must be one of "GTIN" (got "SSCC")'],
		[
			{ options: { batchSize: 0 } },
			'Options → Batch Size',
			'must be a whole number from 1 to 10000',
		],
		[{ options: { batchSize: 20000 } }, 'Options → Batch Size', 'from 1 to 10000 (got 20000)'],
		[{ productCode: '123' }, 'Product Code', '"123" is not a GTIN'],
		[{ productCode: 1e21 }, 'Product Code', 'read the column as text'],
	])('names the field and the problem for %j', (patch, field, problem) => {
		const result = readItemSettings(reader({ ...settings, ...patch }), 4, 'list', {});
		expect(result).toMatchObject({ ok: false, field });
		expect(!result.ok && result.problem).toContain(problem);
	});

	it("reuses the previous item's result when its raw settings are the same", () => {
		const memo = {};
		const values = { ...settings };
		const first = readItemSettings(reader(values), 0, 'list', memo);
		const second = readItemSettings(reader(values), 1, 'list', memo);
		expect(second).toBe(first);
		const other = readItemSettings(reader({ ...values, reason: 'lock' }), 2, 'list', memo);
		expect(other).not.toBe(first);
		expect(other.ok && other.value.reason).toBe('lock');
	});

	it('reads settings that are no expressions for the first item only', () => {
		const memo = {};
		const params = reader({ ...settings }, false);
		const first = readItemSettings(params, 0, 'list', memo);
		const reads = (params.get as jest.Mock).mock.calls.length;
		expect(readItemSettings(params, 1, 'list', memo)).toBe(first);
		expect((params.get as jest.Mock).mock.calls.length).toBe(reads);
		// Another source (an expression) still gives settings of its own.
		const barcode = readItemSettings(params, 2, 'barcode', memo);
		expect(barcode.ok && barcode.value.productCode).toBe('');
	});
});
