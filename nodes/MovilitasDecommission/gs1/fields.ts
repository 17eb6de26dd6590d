import { checkSerial, gs1CheckDigit } from '../validation';
import type { AiFormat, CharSet, Component } from './ais';

/** What a read depends on besides the text. */
export interface ReadOptions {
	/** Decides the century of two-digit years. */
	now: Date;
	/** Accept a GTIN whose check digit is wrong (the node's Skip Check Digit Validation). */
	skipGtinCheckDigit: boolean;
}

/** Where in a value something is wrong: `offset` counts from 0 at the value's first character. */
export interface FieldProblem {
	problem: string;
	offset: number;
}

/** validation.ts is the one home of character set 82: a one-character serial is valid exactly
 * when that character belongs to the set. */
const inCset82 = (c: string): boolean => checkSerial(c) === undefined;

const CHAR_SETS: Record<CharSet, { test: (c: string) => boolean; name: string }> = {
	N: { test: (c) => c >= '0' && c <= '9', name: 'digits' },
	X: { test: inCset82, name: 'characters of GS1 character set 82' },
	Y: { test: (c) => /^[0-9A-Z#/-]$/.test(c), name: 'characters of GS1 character set 39' },
	Z: { test: (c) => /^[0-9A-Za-z_=-]$/.test(c), name: 'characters of GS1 character set 64' },
};

/** How an AI is named in messages: the ones this node reads by name, the others by number. */
export function aiLabel(ai: string): string {
	const names: Record<string, string> = {
		'01': 'the GTIN (AI 01)',
		'10': 'the lot (AI 10)',
		'17': 'the expiry date (AI 17)',
		'21': 'the serial (AI 21)',
	};
	return names[ai] ?? `AI (${ai})`;
}

function lengthRule(format: AiFormat): string {
	const { components, maxLength } = format;
	const only = components.length === 1 ? components[0] : undefined;
	const unit = only?.set === 'N' ? 'digits' : 'characters';
	if (only && only.min === only.max) return `exactly ${only.max} ${unit}`;
	if (only) return `${only.min} to ${only.max} ${unit}`;
	const layout = format.spec.replace(/,[a-z0-9,]+/g, '');
	return `at most ${maxLength} characters laid out as ${layout} (GS1 notation)`;
}

/** Checks a value against its AI's format; undefined when it is valid. */
export function checkField(
	format: AiFormat,
	value: string,
	options: ReadOptions,
): FieldProblem | undefined {
	const label = aiLabel(format.ai);
	if (value === '') return { problem: `has ${label} without data`, offset: 0 };
	if (value.length > format.maxLength) {
		return {
			problem: `has ${label} of ${value.length} characters; it must be ${lengthRule(format)}`,
			offset: format.maxLength,
		};
	}
	let at = 0;
	for (const component of format.components) {
		if (at === value.length && component.optional) break;
		const take = component.min === component.max ? component.max : value.length - at;
		const piece = value.slice(at, at + Math.min(take, component.max));
		if (piece.length < component.min) {
			return {
				problem: `has ${label} of ${value.length} characters; it must be ${lengthRule(format)}`,
				offset: value.length,
			};
		}
		const wrong = checkPiece(component, piece, format.ai, options);
		if (wrong) return { problem: wrong.problem, offset: at + wrong.offset };
		at += piece.length;
	}
	if (at < value.length) {
		return {
			problem: `has ${label} of ${value.length} characters; it must be ${lengthRule(format)}`,
			offset: at,
		};
	}
	return undefined;
}

function checkPiece(
	component: Component,
	piece: string,
	ai: string,
	options: ReadOptions,
): FieldProblem | undefined {
	const label = aiLabel(ai);
	const set = CHAR_SETS[component.set];
	for (let i = 0; i < piece.length; i++) {
		if (!set.test(piece[i])) {
			return {
				problem: `has ${label} with ${JSON.stringify(piece[i])}, where only ${set.name} are allowed`,
				offset: i,
			};
		}
	}
	if (component.checks.includes('csum') && !(ai === '01' && options.skipGtinCheckDigit)) {
		const expected = gs1CheckDigit(piece.slice(0, -1));
		const got = Number(piece[piece.length - 1]);
		if (expected !== got) {
			return {
				problem: `has ${label} ${piece} with a wrong GS1 check digit: expected ${expected}, got ${got}`,
				offset: piece.length - 1,
			};
		}
	}
	for (const check of ['yymmd0', 'yymmdd', 'yyyymmdd']) {
		if (!component.checks.includes(check)) continue;
		const date = gs1Date(piece, options.now, check === 'yymmd0');
		if (!date.ok) {
			return { problem: `has ${label} ${piece}, which is not a date: ${date.problem}`, offset: 0 };
		}
	}
	return undefined;
}

/**
 * The full year of a two-digit GS1 year, by the rule of GS1 General Specifications 7.12: the
 * year lies within 49 years before and 50 years after the current year.
 */
export function gs1Year(yy: number, now: Date): number {
	const current = now.getUTCFullYear();
	const century = current - (current % 100);
	const difference = yy - (current % 100);
	if (difference >= 51) return century - 100 + yy;
	if (difference <= -50) return century + 100 + yy;
	return century + yy;
}

/**
 * A GS1 date YYMMDD (or YYYYMMDD) as YYYY-MM-DD. With `dayZero`, DD 00 stands for the last day
 * of the month (GS1 General Specifications, AIs 11 to 17).
 */
export function gs1Date(
	digits: string,
	now: Date,
	dayZero: boolean,
): { ok: true; iso: string } | { ok: false; problem: string } {
	const long = digits.length === 8;
	const year = long ? Number(digits.slice(0, 4)) : gs1Year(Number(digits.slice(0, 2)), now);
	const month = Number(digits.slice(long ? 4 : 2, long ? 6 : 4));
	let day = Number(digits.slice(long ? 6 : 4));
	if (month < 1 || month > 12) return { ok: false, problem: `month ${month} does not exist` };
	const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
	if (day === 0 && dayZero) day = lastDay;
	if (day < 1 || day > lastDay) {
		return { ok: false, problem: `day ${day} does not exist in ${year}-${pad(month)}` };
	}
	return { ok: true, iso: `${year}-${pad(month)}-${pad(day)}` };
}

const pad = (n: number): string => String(n).padStart(2, '0');
