import examples from './fixtures/gs1-examples.json';
import { parseGs1 } from '../../nodes/MovilitasDecommission/gs1';
import { gs1Date, gs1Year } from '../../nodes/MovilitasDecommission/gs1/fields';

const GS = '\x1D';
const TODAY = new Date('2026-01-01T12:00:00Z');
const parse = (value: string) => parseGs1(value, { now: TODAY });

/** Figure 7.8.4-2 of the GS1 General Specifications, as a tester reads it: these AIs need no GS. */
const PREDEFINED = /^(0[0-4]|1[1-9]|20|3[1-6]|41)/;

/** The human-readable form as a scanner sends it: a GS after each element not of predefined length. */
function toRaw(parenthesised: string): string {
	const elements = [...parenthesised.matchAll(/\((\d{2,4})\)([^(]*)/g)];
	return elements
		.map(([, ai, value], i) => {
			const last = i === elements.length - 1;
			return `${ai}${value}${last || PREDEFINED.test(ai) ? '' : GS}`;
		})
		.join('');
}

type Example = {
	source: string;
	input: string;
	expect?: Record<string, unknown>;
	problem?: string;
};

describe('parseGs1 on the examples of the GS1 standards', () => {
	const cases = examples.elementStrings as Example[];
	it.each(cases.map((e) => [e.source, e] as const))('%s, human-readable', (_, example) => {
		const result = parse(example.input);
		if (example.expect)
			expect(result).toMatchObject({ ok: true, form: 'parenthesised', ...example.expect });
		else expect(result).toMatchObject({ ok: false, problem: example.problem });
	});

	it.each(cases.map((e) => [e.source, e] as const))('%s, as raw scanner data', (_, example) => {
		for (const prefix of ['', ']d2', ']C1', ']Q3', ']e0']) {
			const result = parse(prefix + toRaw(example.input));
			if (example.expect)
				expect(result).toMatchObject({ ok: true, form: 'raw', ...example.expect });
			else expect(result).toMatchObject({ ok: false, problem: example.problem });
		}
	});

	const links = examples.digitalLinks as Example[];
	it.each(links.map((e) => [e.input, e] as const))('%s', (_, example) => {
		const result = parse(example.input);
		if (example.expect)
			expect(result).toMatchObject({ ok: true, form: 'digitalLink', ...example.expect });
		else expect(result).toMatchObject({ ok: false, problem: example.problem });
	});

	it('reports every AI of an example and nothing else', () => {
		const result = parse(examples.elementStrings[2].input);
		expect(result.ok && result.ais).toEqual(examples.elementStrings[2].expect!.ais);
	});
});

describe('parseGs1 on the forms of issue 9', () => {
	const pack = { gtin: '09506000134352' };

	it('reads the human-readable form, with or without spaces around the elements', () => {
		for (const input of [
			'(01)09506000134352(17)271231(10)LOT42(21)ABC123',
			'(01) 09506000134352 (17) 271231 (10) LOT42 (21) ABC123\r\n',
		]) {
			expect(parse(input)).toEqual({
				ok: true,
				...pack,
				serial: 'ABC123',
				lot: 'LOT42',
				expiry: '2027-12-31',
				form: 'parenthesised',
				ais: { '01': pack.gtin, '17': '271231', '10': 'LOT42', '21': 'ABC123' },
			});
		}
	});

	it('reads raw scanner data: fixed-length fields need no GS, variable ones end at GS or the end', () => {
		const result = parse(`]d20109506000134352` + `21XYZ9` + GS + `10LOT1`);
		expect(result).toEqual({
			ok: true,
			...pack,
			serial: 'XYZ9',
			lot: 'LOT1',
			form: 'raw',
			ais: { '01': pack.gtin, '21': 'XYZ9', '10': 'LOT1' },
		});
		expect(parse(`${GS}0109506000134352172712001012${GS}21S`)).toMatchObject({
			ok: true,
			lot: '12',
			serial: 'S',
			expiry: '2027-12-31',
		});
		expect(parse(`0109506000134352${GS}21A${GS}`)).toMatchObject({ ok: true, serial: 'A' });
	});

	it('reads a Digital Link on any host, percent-decoded, with a path prefix and other parameters', () => {
		expect(parse('https://id.gs1.org/01/09506000134352/21/Q%2F7?17=271231')).toEqual({
			ok: true,
			...pack,
			serial: 'Q/7',
			expiry: '2027-12-31',
			form: 'digitalLink',
			ais: { '01': pack.gtin, '21': 'Q/7', '17': '271231' },
		});
		const custom = 'HTTP://scan.example.com/p/01/x/01/95060001343?linkType=all&17=280200#top';
		expect(parse(custom.replace('01/95060001343?', '01/96385074/10/L%25%2B1/21/1+2?'))).toEqual({
			ok: true,
			gtin: '00000096385074',
			serial: '1+2',
			lot: 'L%+1',
			expiry: '2028-02-29',
			form: 'digitalLink',
			ais: { '01': '00000096385074', '10': 'L%+1', '21': '1+2', '17': '280200' },
		});
		expect(parse(']Q1https://example.com/01/9506000134352/21/A')).toMatchObject({
			ok: true,
			...pack,
			serial: 'A',
		});
		expect(parse('https://a.example/01/036000291452/22/V/21/Z')).toMatchObject({
			gtin: '00036000291452',
		});
	});
});

describe('parseGs1 and the characters of GS1 character set 82', () => {
	it('reads all 82 characters in a serial and a lot, in each form', () => {
		const all = `!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`;
		for (let i = 0; i < all.length; i += 20) {
			const serial = all.slice(i, i + 20);
			const lot = [...serial].reverse().join('');
			const hri = `(01)09506000134352(21)${serial}(10)${lot}`;
			const raw = `]d20109506000134352${'21'}${serial}${GS}10${lot}`;
			const link = `https://id.gs1.org/01/09506000134352/10/${encodeURIComponent(lot)}/21/${encodeURIComponent(serial)}`;
			for (const input of [hri, raw, link]) {
				expect(parse(input)).toMatchObject({ ok: true, serial, lot });
			}
		}
	});

	it('reads a "(" in human-readable data when no AI follows it', () => {
		expect(parse('(01)09506000134352(21)A(B)(10)(X')).toMatchObject({ serial: 'A(B)', lot: '(X' });
	});

	it('refuses what is not text', () => {
		expect(parseGs1(12345 as unknown as string)).toEqual({
			ok: false,
			problem: 'is a number, not GS1 barcode text',
			position: 1,
		});
	});
});

describe("parseGs1 with skipGtinCheckDigit (the node's Skip Check Digit Validation)", () => {
	const forms = [
		'(01)01234567891234(21)S1',
		`]d20101234567891234${'21'}S1`,
		'https://example.com/01/1234567891234/21/S1',
	];

	it.each(forms)('reads the vendor sample GTIN with its wrong check digit from %j', (input) => {
		expect(parseGs1(input, { now: TODAY })).toMatchObject({ ok: false });
		expect(parseGs1(input, { now: TODAY, skipGtinCheckDigit: true })).toMatchObject({
			ok: true,
			gtin: '01234567891234',
			serial: 'S1',
		});
	});

	it('still checks the check digits of other keys', () => {
		const gln = '(01)01234567891234(410)9501101530001(21)S1';
		expect(parseGs1(gln, { now: TODAY, skipGtinCheckDigit: true })).toMatchObject({
			ok: false,
			problem: 'has AI (410) 9501101530001 with a wrong GS1 check digit: expected 3, got 1',
		});
	});
});

describe('the GS1 century rule and dates (General Specifications 7.12)', () => {
	it.each([
		['2026', 75, 2075],
		['2026', 76, 2076],
		['2026', 77, 1977],
		['2026', 0, 2000],
		['2026', 26, 2026],
		['2080', 30, 2130],
		['2080', 31, 2031],
		['2080', 29, 2129],
		['2051', 1, 2101],
		['2051', 2, 2002],
	])('in %s, YY %i is the year %i', (year, yy, full) => {
		expect(gs1Year(yy, new Date(`${year}-06-15T00:00:00Z`))).toBe(full);
	});

	it('reads DD 00 as the last day of the month, leap years included', () => {
		expect(gs1Date('280200', TODAY, true)).toEqual({ ok: true, iso: '2028-02-29' });
		expect(gs1Date('270200', TODAY, true)).toEqual({ ok: true, iso: '2027-02-28' });
		expect(gs1Date('271100', TODAY, true)).toEqual({ ok: true, iso: '2027-11-30' });
		expect(gs1Date('271100', TODAY, false)).toMatchObject({ ok: false });
		expect(parse('(01)09506000134352(17)991200(21)A')).toMatchObject({ expiry: '1999-12-31' });
	});
});
