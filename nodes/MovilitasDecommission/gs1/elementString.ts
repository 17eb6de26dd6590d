import type { Result } from '../lib/result';
import { aiFormat, aiLengthByPrefix, predefinedLength } from './ais';
import { checkField, type ReadOptions } from './fields';
import type { Gs1Problem } from './parse';

/** One AI and its data as read from the input; `position` is 1-based, at the AI's first digit. */
export interface Element {
	ai: string;
	value: string;
	position: number;
}

export type Elements = Result<{ elements: Element[] }, Gs1Problem>;

/** ASCII 29, group separator: how scanners transmit the FNC1 that ends a variable-length field. */
export const GS = '\x1D';

const fail = (problem: string, index: number): Elements => ({
	ok: false,
	problem,
	position: index + 1,
});

/**
 * Reads raw scanner data between `from` and `to` of `input` (the symbology identifier already
 * skipped): AIs run together; an element whose AI has a predefined length (figure 7.8.4-2) takes
 * exactly that many characters, any other ends at a GS or at the end.
 */
export function readRaw(input: string, from: number, to: number, options: ReadOptions): Elements {
	const elements: Element[] = [];
	// Some scanners transmit the FNC1 that flags a GS1 symbol as a leading GS.
	let i = input[from] === GS ? from + 1 : from;
	if (i >= to) return fail('holds no AI after the symbology identifier', i);
	while (i < to) {
		const aiStart = i;
		const prefix = input.slice(i, i + 2);
		if (!/^\d\d$/.test(prefix)) {
			const found = JSON.stringify(input.slice(i, i + 1));
			const where = elements.length === 0 ? 'at the start' : 'after the previous element';
			return fail(`has ${found} ${where} where an AI (digits) should be`, i);
		}
		const aiLength = aiLengthByPrefix(prefix);
		if (aiLength === undefined) {
			return fail(
				`has the unknown AI "${prefix}…": no GS1 Application Identifier starts with ${prefix}`,
				i,
			);
		}
		const ai = input.slice(i, Math.min(i + aiLength, to));
		if (ai.length < aiLength) return fail(`ends inside the AI "${ai}"`, i);
		if (!/^\d+$/.test(ai))
			return fail(`has ${JSON.stringify(ai)} where a ${aiLength}-digit AI should be`, i);
		const format = aiFormat(ai);
		if (!format)
			return fail(`has the unknown AI (${ai}): it is not a GS1 Application Identifier`, i);
		i += aiLength;
		const valueStart = i;
		const fixed = predefinedLength(ai);
		let end = input.indexOf(GS, i);
		if (end === -1 || end > to) end = to;
		if (fixed !== undefined) end = Math.min(end, i + fixed);
		const value = input.slice(i, end);
		i = input[end] === GS && end < to ? end + 1 : end;
		const wrong = checkField(format, value, options);
		if (wrong) {
			const missingGs = fixed === undefined && value.length > format.maxLength;
			const hint = missingGs ? ' (is a group separator, GS / ASCII 29, missing after it?)' : '';
			return fail(`${wrong.problem}${hint}`, valueStart + wrong.offset);
		}
		elements.push({ ai, value, position: aiStart + 1 });
	}
	return { ok: true, elements };
}

const AI_IN_PARENTHESES = /\((\d{2,4})\)/g;

/**
 * Reads the human-readable form "(01)09506000134352(21)ABC" between `from` and `to`. A value
 * runs to the next "(" that opens 2 to 4 digits and ")", or to the end; spaces around an element
 * are skipped (a space is never GS1 data).
 */
export function readParenthesised(
	input: string,
	from: number,
	to: number,
	options: ReadOptions,
): Elements {
	const elements: Element[] = [];
	let i = skipSpaces(input, from, to);
	while (i < to) {
		const aiStart = i;
		AI_IN_PARENTHESES.lastIndex = i;
		const opener = AI_IN_PARENTHESES.exec(input);
		if (!opener || opener.index !== i || opener.index >= to) {
			return fail('has no AI in parentheses, such as (01), where an element should start', i);
		}
		const ai = opener[1];
		const format = aiFormat(ai);
		if (!format)
			return fail(`has the unknown AI (${ai}): it is not a GS1 Application Identifier`, i);
		const valueStart = skipSpaces(input, i + opener[0].length, to);
		AI_IN_PARENTHESES.lastIndex = valueStart;
		const next = AI_IN_PARENTHESES.exec(input);
		const end = next && next.index < to ? next.index : to;
		let valueEnd = end;
		while (valueEnd > valueStart && /[ \t]/.test(input[valueEnd - 1])) valueEnd--;
		const value = input.slice(valueStart, valueEnd);
		const wrong = checkField(format, value, options);
		if (wrong) return fail(wrong.problem, valueStart + wrong.offset);
		elements.push({ ai, value, position: aiStart + 1 });
		i = end;
	}
	return { ok: true, elements };
}

function skipSpaces(input: string, i: number, to: number): number {
	while (i < to && /[ \t]/.test(input[i])) i++;
	return i;
}
