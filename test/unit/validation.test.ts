import {
	checkSerial,
	gs1CheckDigit,
	isProblem,
	normaliseGtin,
	parseSerialList,
	validateItem,
} from '../../nodes/MovilitasDecommission/validation';

const settings = {
	productCode: '09506000134352',
	productCodeSchema: 'GTIN',
	reason: 'destroy',
	sendToMarket: false,
	marketId: 'EU',
	batchSize: 1000,
	skipCheckDigitValidation: false,
};

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
		['AB 1', 'outside GS1 character set 82: " "'],
		['ÄB1', '"Ä"'],
		['A@B~', '"@", "~"'],
	])('refuses %j', (serial, problem) => {
		expect(checkSerial(serial)).toContain(problem);
	});
});

describe('parseSerialList', () => {
	it.each([
		['a comma list', 'A1, B2,C3', ['A1', 'B2', 'C3']],
		['new lines and spaces', 'A1\nB2\r\n  C3 D4', ['A1', 'B2', 'C3', 'D4']],
		['an array', ['A1', ' B2 ', 3], ['A1', 'B2', '3']],
		['a JSON array as text', '["A1","B2"]', ['A1', 'B2']],
		['one number', 12345, ['12345']],
		['nothing', undefined, []],
		['an empty string', '  ', []],
	])('reads %s', (_, raw, expected) => {
		expect(parseSerialList(raw)).toEqual({ ok: true, value: expected });
	});

	it('refuses an array holding objects, naming the entry', () => {
		expect(parseSerialList(['A1', { serial: 'B2' }])).toEqual({
			ok: false,
			problem: 'entry 2 is a object, not a serial string',
		});
	});
});

describe('validateItem', () => {
	it('returns the normalised request with duplicates removed', () => {
		const result = validateItem(
			0,
			{ ...settings, productCode: '6291041500213' },
			'A1,B2,A1',
			'Serials',
		);
		expect(result).toEqual({
			itemIndex: 0,
			productCode: '06291041500213',
			reason: 'destroy',
			sendToMarket: false,
			marketId: 'EU',
			batchSize: 1000,
			serials: ['A1', 'B2'],
		});
	});

	it.each([
		[{ reason: 'burn' }, 'Item 4: Reason must be one of destroy, sample', 'Reason'],
		[
			{ marketId: 'DE' },
			'Item 4: Market must be empty or one of EU, US, CHN, IDN (got "DE")',
			'Market',
		],
		[{ sendToMarket: 'yes' }, 'Item 4: Send to Market must be true or false', 'Send to Market'],
		[
			{ productCodeSchema: 'SSCC' },
			'Item 4: Product Code Schema must be GTIN',
			'Product Code Schema',
		],
		[{ batchSize: 0 }, 'Item 4: Options → Batch Size must be at least 1', 'Options → Batch Size'],
		[{ batchSize: 20000 }, 'Options → Batch Size must be at most 10000', 'Options → Batch Size'],
		[{ productCode: '123' }, 'Item 4: Product Code "123" is not a GTIN', 'Product Code'],
	])('names the item, the field and the problem for %j', (patch, message, field) => {
		const result = validateItem(4, { ...settings, ...patch }, 'A1', 'Serials');
		expect(isProblem(result)).toBe(true);
		expect(result).toMatchObject({ itemIndex: 4, field });
		expect((result as { message: string }).message).toContain(message);
	});

	it('names the serial and its position', () => {
		const result = validateItem(2, settings, ['A1', 'B 2'], 'Serials Field "serials"');
		expect(result).toMatchObject({
			field: 'Serials Field "serials"',
			message:
				'Item 2: Serials Field "serials" has an invalid serial "B 2" (serial 2): it contains characters outside GS1 character set 82: " "',
		});
	});

	it('refuses an empty serial list', () => {
		expect(validateItem(1, settings, ' , ', 'Serials')).toMatchObject({
			message: 'Item 1: Serials is empty: give at least one serial number',
		});
	});
});
