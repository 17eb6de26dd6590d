import { parseGs1 } from '../../nodes/MovilitasDecommission/gs1';
import { gs1CheckDigit } from '../../nodes/MovilitasDecommission/validation';

/**
 * Generated barcodes, each read by this parser and by independent ones from the npm registry:
 * gs1-barcode-parser-mod for element strings, and for Digital Links the GS1 Digital Link
 * toolkit shipped in digital-link.js (which turns the URI into an element string that
 * gs1-barcode-parser-mod then reads, for its dates). They must agree on every AI and value.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseBarcode } = require('gs1-barcode-parser-mod');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Toolkit = require('digital-link.js/lib/GS1DigitalLinkCompressionPrototype/GS1DigitalLinkToolkit');

const GS = '\x1D';
const PER_FORM = 300;
const toolkit = new Toolkit();

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

type Rnd = () => number;
const int = (rnd: Rnd, min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
const pick = <T>(rnd: Rnd, list: readonly T[]): T => list[int(rnd, 0, list.length - 1)];
const digits = (rnd: Rnd, n: number) => Array.from({ length: n }, () => int(rnd, 0, 9)).join('');
const withCheck = (data: string) => data + gs1CheckDigit(data);

const CSET82 = `!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`;
/** digital-link.js's character class for CSET 82 lacks : ; < = > ? (0x3A-0x3F). */
const CSET82_DIGITAL_LINK = CSET82.replace(/[:;<=>?]/g, '');

function text(rnd: Rnd, max: number, chars: string): string {
	for (;;) {
		const value = Array.from({ length: int(rnd, 1, max) }, () => pick(rnd, [...chars])).join('');
		// "(" and 2 digits would read as an AI in the human-readable form, for either parser.
		if (!/\(\d/.test(value)) return value;
	}
}

function date(rnd: Rnd, dayZero: boolean): string {
	const month = int(rnd, 1, 12);
	const day = dayZero && rnd() < 0.2 ? 0 : int(rnd, 1, 28);
	return digits(rnd, 2) + String(month).padStart(2, '0') + String(day).padStart(2, '0');
}

/** AIs of other kinds to mix in: fixed-length ones that need no GS and variable ones that do. */
const OTHERS: Array<{ ai: (rnd: Rnd) => string; value: (rnd: Rnd, chars: string) => string }> = [
	...['11', '13', '15', '16'].map((ai) => ({ ai: () => ai, value: (r: Rnd) => date(r, true) })),
	{ ai: () => '20', value: (r) => digits(r, 2) },
	{
		ai: (r) => pick(r, ['310', '320', '330', '356', '365']) + int(r, 0, 5),
		value: (r) => digits(r, 6),
	},
	{ ai: (r) => pick(r, ['410', '411', '413']), value: (r) => withCheck(digits(r, 12)) },
	{ ai: () => '30', value: (r) => digits(r, int(r, 1, 8)) },
	{ ai: () => '3922', value: (r) => digits(r, int(r, 1, 15)) },
	{ ai: () => '3932', value: (r) => pick(r, ['978', '840', '826']) + digits(r, int(r, 1, 15)) },
	{ ai: () => '422', value: (r) => pick(r, ['276', '250', '840', '380']) },
	{ ai: () => '7003', value: (r) => date(r, false) + pick(r, ['0000', '1234', '2359']) },
	{ ai: () => '7006', value: (r) => date(r, false) },
	{ ai: () => '8005', value: (r) => digits(r, 6) },
	{ ai: (r) => pick(r, ['240', '241', '400', '90']), value: (r, c) => text(r, 30, c) },
	{ ai: (r) => pick(r, ['91', '92', '95', '99']), value: (r, c) => text(r, 90, c) },
];

interface Pack {
	gtin: string;
	serial: string;
	lot?: string;
	expiry?: string;
	/** AI (22), which a Digital Link carries in its path. */
	variant?: string;
	others: Array<[string, string]>;
}

function makePack(rnd: Rnd, chars: string): Pack {
	const leadingZeros = pick(rnd, [0, 1, 2, 6]);
	const pack: Pack = {
		gtin: withCheck('0'.repeat(leadingZeros) + digits(rnd, 13 - leadingZeros)),
		serial: text(rnd, 20, chars),
		others: [],
	};
	if (rnd() < 0.6) pack.lot = text(rnd, 20, chars);
	if (rnd() < 0.6) pack.expiry = date(rnd, true);
	if (rnd() < 0.2) pack.variant = text(rnd, 20, chars);
	const used = new Set(['01', '10', '17', '21', '22']);
	for (let n = int(rnd, 0, 4); n > 0; n--) {
		const kind = pick(rnd, OTHERS);
		const ai = kind.ai(rnd);
		if (!used.has(ai)) pack.others.push([ai, kind.value(rnd, chars)]);
		used.add(ai);
	}
	return pack;
}

function elements(pack: Pack, rnd: Rnd): Array<[string, string]> {
	const list: Array<[string, string]> = [['01', pack.gtin], ['21', pack.serial], ...pack.others];
	if (pack.lot) list.push(['10', pack.lot]);
	if (pack.expiry) list.push(['17', pack.expiry]);
	if (pack.variant) list.push(['22', pack.variant]);
	for (let i = list.length - 1; i > 0; i--) {
		const j = int(rnd, 0, i);
		[list[i], list[j]] = [list[j], list[i]];
	}
	return list;
}

const NO_GS_NEEDED = /^(0[0-4]|1[1-9]|20|3[1-6]|41)/;

function raw(pack: Pack, rnd: Rnd): string {
	const list = elements(pack, rnd);
	const body = list.map(([ai, value], i) => {
		const last = i === list.length - 1;
		// A GS after a fixed-length element is allowed; scanners and printers do send some.
		const gs = !last && (!NO_GS_NEEDED.test(ai) || rnd() < 0.2);
		return ai + value + (gs ? GS : '');
	});
	return pick(rnd, ['', ']d2', ']C1', ']Q3', ']e0']) + body.join('');
}

function parenthesised(pack: Pack, rnd: Rnd): string {
	return elements(pack, rnd)
		.map(([ai, value]) => `(${ai})${value}`)
		.join('');
}

function digitalLink(pack: Pack, rnd: Rnd): string {
	const host = pick(rnd, [
		'https://id.gs1.org',
		'https://example.com/dl',
		'http://scan.example.org/a/b',
	]);
	const gtin = pack.gtin.replace(pick(rnd, [/^/, /^0{6}/, /^00/, /^0/]), '');
	const enc = (v: string) =>
		encodeURIComponent(v).replace(
			/[!'()*]/g,
			(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
		);
	let uri = `${host}/01/${[8, 12, 13, 14].includes(gtin.length) ? gtin : pack.gtin}`;
	if (pack.variant) uri += `/22/${enc(pack.variant)}`;
	if (pack.lot) uri += `/10/${enc(pack.lot)}`;
	uri += `/21/${enc(pack.serial)}`;
	const query = pack.others.map(([ai, value]) => `${ai}=${enc(value)}`);
	if (pack.expiry) query.splice(int(rnd, 0, query.length), 0, `17=${pack.expiry}`);
	if (rnd() < 0.3) query.splice(int(rnd, 0, query.length), 0, 'linkType=all');
	return query.length > 0 ? `${uri}?${query.join('&')}` : uri;
}

/** What the independent parsers read: every AI with its data, and the expiry date. */
function independent(input: string, form: 'raw' | 'parenthesised' | 'digitalLink') {
	const elementString =
		form === 'digitalLink' ? toolkit.gs1digitalLinkToGS1elementStrings(input, true) : input;
	const items: Array<{ ai: string; raw: string; isoDate: string }> =
		parseBarcode(elementString).parsedCodeItems;
	const ais = Object.fromEntries(items.map((item) => [item.ai, item.raw]));
	const expiry = items.find((item) => item.ai === '17')?.isoDate;
	return { gtin: ais['01'], serial: ais['21'], lot: ais['10'], expiry, ais };
}

describe.each([
	['raw', raw, CSET82, 9001],
	['parenthesised', parenthesised, CSET82, 9002],
	['digitalLink', digitalLink, CSET82_DIGITAL_LINK, 9003],
] as const)('%s barcodes agree with the independent parsers', (form, render, chars, seed) => {
	const rnd = random(seed);
	const inputs = Array.from({ length: PER_FORM }, () => render(makePack(rnd, chars), rnd));

	it(`reads ${PER_FORM} generated barcodes as the independent parsers do`, () => {
		const now = new Date();
		for (const input of inputs) {
			const ours = parseGs1(input, { now });
			const theirs = independent(input, form);
			const got = ours.ok
				? {
						gtin: ours.gtin,
						serial: ours.serial,
						lot: ours.lot,
						expiry: ours.expiry,
						ais: ours.ais,
					}
				: ours;
			expect({ input, ...got }).toEqual({ input, ...theirs });
			expect(ours.ok && ours.form).toBe(form);
		}
	});

	it('generates varied barcodes: fixed and variable fields, lots, expiry dates, other AIs', () => {
		const all = inputs.join('\n');
		expect(new Set(inputs).size).toBe(PER_FORM);
		for (const ai of ['10', '17', '22', '3922', '422', '91']) {
			const marker = form === 'raw' ? ai : form === 'parenthesised' ? `(${ai})` : `${ai}=`;
			expect(all).toContain(
				form === 'digitalLink' && ['10', '22'].includes(ai) ? `/${ai}/` : marker,
			);
		}
	});
});
