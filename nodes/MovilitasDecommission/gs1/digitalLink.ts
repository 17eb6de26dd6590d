import type { Result } from '../lib/result';
import { aiFormat } from './ais';
import type { Element, Elements } from './elementString';
import { checkField, type ReadOptions } from './fields';
import type { Gs1Problem } from './parse';

/** The key qualifiers that may follow a GTIN in the path, in this order (or 235 alone). */
const GTIN_QUALIFIERS = ['22', '10', '21'];
const GTIN_ALTERNATIVE_QUALIFIER = '235';

interface Part {
	text: string;
	/** Index of `text` in the input. */
	at: number;
}

const fail = (problem: string, index: number): Elements => ({
	ok: false,
	problem,
	position: index + 1,
});

/** Percent-decodes a path segment or query value ('+' is a space only in the query). */
function decode(raw: string, query: boolean): string | undefined {
	try {
		return decodeURIComponent(query ? raw.replace(/\+/g, ' ') : raw);
	} catch {
		return undefined;
	}
}

/** Index in the raw text of the character that decodes to position `offset` of the value. */
function rawIndex(raw: string, offset: number): number {
	let i = 0;
	for (let decoded = 0; decoded < offset && i < raw.length; decoded++) i += raw[i] === '%' ? 3 : 1;
	return i;
}

function splitParts(input: string, from: number, to: number, separator: string): Part[] {
	const parts: Part[] = [];
	let at = from;
	for (const text of input.slice(from, to).split(separator)) {
		parts.push({ text, at });
		at += text.length + 1;
	}
	return parts;
}

/**
 * Reads a GS1 Digital Link URI on any host between `from` and `to`: the GTIN after the last
 * "/01/" of the path that leaves AI/value pairs after it (anything before it is the host's own
 * path prefix), its key qualifiers 22, 10, 21 in the path, and the data attributes of the query.
 * Query parameters whose name is not all digits (linkType, a host's own) are not GS1 data.
 */
export function readDigitalLink(
	input: string,
	from: number,
	to: number,
	options: ReadOptions,
): Elements {
	const hashAt = input.indexOf('#', from);
	const end = hashAt === -1 || hashAt > to ? to : hashAt;
	const queryAt = input.indexOf('?', from);
	const pathEnd = queryAt === -1 || queryAt > end ? end : queryAt;
	const hostAt = input.indexOf('//', from) + 2;
	const pathAt = input.indexOf('/', hostAt);
	if (pathAt === -1 || pathAt >= pathEnd || pathAt === hostAt) {
		return fail('is a web address without a host and a path holding /01/ and the GTIN', from);
	}
	if (input[pathEnd - 1] === '/') return fail('has a path that ends with "/"', pathEnd - 1);
	const segments = splitParts(input, pathAt + 1, pathEnd, '/');
	let key = -1;
	for (let s = segments.length - 2; s >= 0 && key === -1; s -= 2) {
		if (segments[s].text === '01') key = s;
	}
	if (key === -1) {
		return fail('is a Digital Link without a GTIN: its path needs /01/ and the GTIN', pathAt);
	}
	const gtin = segments[key + 1];
	const gtinProblem = readGtin(gtin, options);
	if (gtinProblem) return gtinProblem;
	const elements: Element[] = [
		{ ai: '01', value: gtin.text.padStart(14, '0'), position: segments[key].at + 1 },
	];

	let lastRank = -1;
	for (let s = key + 2; s < segments.length; s += 2) {
		const name = segments[s];
		const rank = GTIN_QUALIFIERS.indexOf(name.text);
		const alone = name.text === GTIN_ALTERNATIVE_QUALIFIER && segments.length === key + 4;
		if (rank === -1 && !alone) {
			const what = /^\d+$/.test(name.text) ? `AI (${name.text})` : `"${name.text}"`;
			return fail(
				`has ${what} in the path after the GTIN, where only the AIs 22, 10 and 21 (in that order) or 235 may stand; data attributes go in the query, such as ?17=YYMMDD`,
				name.at,
			);
		}
		if (rank !== -1 && rank <= lastRank) {
			return fail(
				`has AI (${name.text}) out of order: the path takes 22, 10, 21 in this order`,
				name.at,
			);
		}
		lastRank = rank;
		const read = readValue(name.text, segments[s + 1], false, options);
		if (!read.ok) return read;
		elements.push({ ai: name.text, value: read.value, position: name.at + 1 });
	}

	if (pathEnd === end) return { ok: true, elements };
	for (const param of splitParts(input, pathEnd + 1, end, '&')) {
		const equals = param.text.indexOf('=');
		const name = equals === -1 ? param.text : param.text.slice(0, equals);
		if (!/^\d+$/.test(name)) continue;
		const format = aiFormat(name);
		if (!format) return fail(`has the unknown AI (${name}) as a query parameter`, param.at);
		if (name === '01' || GTIN_QUALIFIERS.includes(name) || !format.dlAttribute) {
			return fail(`has AI (${name}) as a query parameter; it may only stand in the path`, param.at);
		}
		const value =
			equals === -1
				? { text: '', at: param.at + param.text.length }
				: { text: param.text.slice(equals + 1), at: param.at + equals + 1 };
		const read = readValue(name, value, true, options);
		if (!read.ok) return read;
		elements.push({ ai: name, value: read.value, position: param.at + 1 });
	}
	return { ok: true, elements };
}

/** A GTIN in a Digital Link may be written with 8, 12, 13 or 14 digits. */
function readGtin(gtin: Part, options: ReadOptions): Elements | undefined {
	if (!/^\d+$/.test(gtin.text) || ![8, 12, 13, 14].includes(gtin.text.length)) {
		return fail(
			`has "${gtin.text}" after /01/, where a GTIN of 8, 12, 13 or 14 digits should be`,
			gtin.at,
		);
	}
	const padding = 14 - gtin.text.length;
	const wrong = checkField(aiFormat('01')!, gtin.text.padStart(14, '0'), options);
	return wrong && fail(wrong.problem, gtin.at + Math.max(0, wrong.offset - padding));
}

type Value = Result<{ value: string }, Gs1Problem>;

function readValue(ai: string, value: Part, query: boolean, options: ReadOptions): Value {
	const decoded = decode(value.text, query);
	if (decoded === undefined) {
		return {
			ok: false,
			problem: `has a broken percent-encoding in the value of AI (${ai})`,
			position: value.at + 1,
		};
	}
	const wrong = checkField(aiFormat(ai)!, decoded, options);
	if (wrong) {
		return {
			ok: false,
			problem: wrong.problem,
			position: value.at + rawIndex(value.text, wrong.offset) + 1,
		};
	}
	return { ok: true, value: decoded };
}
