import type { Result } from '../lib/result';
import { readDigitalLink } from './digitalLink';
import { GS, readParenthesised, readRaw, type Element, type Elements } from './elementString';
import { aiLabel, gs1Date, type ReadOptions } from './fields';

export type Gs1Form = 'parenthesised' | 'raw' | 'digitalLink';

/** What a GS1 barcode says about one pack. */
export interface Gs1Pack {
	gtin: string;
	serial: string;
	lot?: string;
	/** AI (17) as YYYY-MM-DD. */
	expiry?: string;
	form: Gs1Form;
	/** Every AI read, by AI, with its data as written (percent-decoded in a Digital Link). */
	ais: Record<string, string>;
}

/** Why a value is no GS1 barcode, and the 1-based character where reading stopped. */
export interface Gs1Problem {
	problem: string;
	position: number;
}

export type Gs1Result = Result<Gs1Pack, Gs1Problem>;

/** Symbology identifiers of the GS1 symbols that carry element strings: GS1-128, GS1 DataMatrix,
 * GS1 QR Code, GS1 DataBar. */
const GS1_SYMBOLOGIES = [']C1', ']d2', ']Q3', ']e0'];
const SYMBOLOGY_IDENTIFIER = /^\][A-Za-z][0-9A-Za-z]/;
const WEB_ADDRESS = /^https?:\/\//i;

/**
 * Parses the data of one GS1 barcode, in any of three forms: the human-readable
 * "(01)…(21)…", raw scanner output (optionally after a symbology identifier, variable-length
 * fields ended by GS), or a GS1 Digital Link URI. It needs AI (01) and AI (21). A failure's
 * `problem` goes on from the value as its subject ("has the unknown AI (23)…", "ends without the
 * serial (AI 21)"), so the caller writes `Item 2: barcode "…" ${problem}`; `position` is the
 * 1-based character of `value` where reading stopped (one past the end when something is
 * missing). `now` decides the century of two-digit years (GS1 General Specifications 7.12);
 * `skipGtinCheckDigit` lets a GTIN with a wrong check digit through (test products).
 */
export function parseGs1(
	value: string,
	{ now = new Date(), skipGtinCheckDigit = false }: Partial<ReadOptions> = {},
): Gs1Result {
	const options: ReadOptions = { now, skipGtinCheckDigit };
	if (typeof value !== 'string') {
		return { ok: false, problem: `is a ${typeof value}, not GS1 barcode text`, position: 1 };
	}
	// Scanners in keyboard mode end a scan with a line break or a tab; spaces are never GS1 data.
	let from = 0;
	let to = value.length;
	while (from < to && /[ \t\r\n]/.test(value[from])) from++;
	while (to > from && /[ \t\r\n]/.test(value[to - 1])) to--;
	if (from === to) return { ok: false, problem: 'is empty', position: 1 };

	let form: Gs1Form;
	let read: Elements;
	const symbology = SYMBOLOGY_IDENTIFIER.test(value.slice(from)) ? value.slice(from, from + 3) : '';
	const rest = from + symbology.length;
	if (WEB_ADDRESS.test(value.slice(rest, to))) {
		// Digital Links come from plain QR Code or DataMatrix (]Q1, ]d1), whose identifier may precede them.
		form = 'digitalLink';
		read = readDigitalLink(value, rest, to, options);
	} else if (symbology !== '' && !GS1_SYMBOLOGIES.includes(symbology)) {
		return {
			ok: false,
			problem: `starts with the symbology identifier ${symbology}, which is not one of a GS1 barcode (${GS1_SYMBOLOGIES.join(', ')})`,
			position: from + 1,
		};
	} else if (symbology === '' && value[from] === '(') {
		form = 'parenthesised';
		read = readParenthesised(value, from, to, options);
	} else if (symbology !== '' || /[0-9]/.test(value[from]) || value[from] === GS) {
		form = 'raw';
		read = readRaw(value, rest, to, options);
	} else {
		return {
			ok: false,
			problem:
				'is not GS1 barcode data: expected an element string such as (01)…(21)…, raw scanner data starting with an AI or a symbology identifier such as ]d2, or a Digital Link starting with https://',
			position: from + 1,
		};
	}
	if (!read.ok) return read;
	return collect(read.elements, form, to, now);
}

function collect(elements: Element[], form: Gs1Form, to: number, now: Date): Gs1Result {
	const ais: Record<string, string> = {};
	for (const { ai, value: data, position } of elements) {
		if (ai in ais && ais[ai] !== data) {
			return {
				ok: false,
				problem: `has AI (${ai}) twice with different values, "${ais[ai]}" and "${data}"`,
				position,
			};
		}
		ais[ai] = data;
	}
	for (const needed of ['01', '21']) {
		if (!(needed in ais)) {
			return {
				ok: false,
				problem: `ends without ${aiLabel(needed)}`,
				position: to + 1,
			};
		}
	}
	const result: Gs1Result = { ok: true, gtin: ais['01'], serial: ais['21'], form, ais };
	if ('10' in ais) result.lot = ais['10'];
	if ('17' in ais) {
		const expiry = gs1Date(ais['17'], now, true);
		// checkField already refused an impossible date.
		if (expiry.ok) result.expiry = expiry.iso;
	}
	return result;
}
