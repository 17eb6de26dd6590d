import { z } from 'zod';

import type { Checked } from './lib/result';
import { LIMITS, MARKETS, REASONS, SCHEMAS } from './vocabulary';

/** GS1 character set 82, the characters allowed in AI (21) serial numbers. */
const CSET82 = /^[0-9A-Za-z!"%&'()*+,\-./:;<=>?_]+$/;
const NOT_CSET82 = /[^0-9A-Za-z!"%&'()*+,\-./:;<=>?_]/gu;
const VENDOR_SAMPLE_GTIN = '01234567891234';
const GTIN_LENGTHS = [8, 12, 13, 14];

/** GS1 check digit of the data digits (all digits but the last). */
export function gs1CheckDigit(dataDigits: string): number {
	let sum = 0;
	for (let i = dataDigits.length - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
		sum += Number(dataDigits[i]) * weight;
	}
	return (10 - (sum % 10)) % 10;
}

/**
 * A number stands for the digits the user meant only when it is a non-negative safe integer:
 * 12345678901234567890 would be sent as 12345678901234567000, and 1e21 as "1e+21".
 */
export function exactDigits(value: number): Checked<string> {
	if (Number.isSafeInteger(value) && value >= 0) return { ok: true, value: String(value) };
	return {
		ok: false,
		problem: `is the number ${String(value)}, which cannot stand for a code exactly: read the column as text`,
	};
}

/**
 * Validates a GTIN-8/12/13/14 and returns its canonical GTIN-14 form. A GTIN that arrives as
 * a number has lost its leading zeros: it is padded to 14 digits, then checked like the rest.
 */
export function normaliseGtin(raw: unknown, skipCheckDigit = false): Checked<string> {
	let text: string;
	if (typeof raw === 'number') {
		const digits = exactDigits(raw);
		if (!digits.ok) return digits;
		if (digits.value.length > 14) {
			return { ok: false, problem: `${digits.value} is not a GTIN: it has more than 14 digits` };
		}
		text = digits.value.padStart(digits.value.length <= 8 ? 8 : 14, '0');
	} else if (typeof raw === 'string') {
		text = raw.trim();
	} else {
		return { ok: false, problem: `is ${describeType(raw)}, not a GTIN` };
	}
	if (text === '') return { ok: false, problem: 'is empty: give the product GTIN' };
	if (!/^\d+$/.test(text)) {
		return { ok: false, problem: `"${text}" is not a GTIN: only digits are allowed` };
	}
	if (!GTIN_LENGTHS.includes(text.length)) {
		return {
			ok: false,
			problem: `"${text}" is not a GTIN: it has ${text.length} digits, a GTIN has 8, 12, 13 or 14`,
		};
	}
	const gtin14 = text.padStart(14, '0');
	if (!skipCheckDigit) {
		const expected = gs1CheckDigit(gtin14.slice(0, 13));
		if (expected !== Number(gtin14[13])) {
			const sample =
				gtin14 === VENDOR_SAMPLE_GTIN
					? ' (the sample GTIN of the vendor documentation fails this check)'
					: '';
			return {
				ok: false,
				problem: `"${text}" has a wrong GS1 check digit: expected ${expected}, got ${gtin14[13]}${sample}`,
				hint: 'Check the GTIN. For a test product whose code has no valid check digit, enable Options → Skip Check Digit Validation.',
			};
		}
	}
	return { ok: true, value: gtin14 };
}

/** Checks one serial against GS1 AI (21): 1 to 20 characters of character set 82. */
export function checkSerial(serial: string): string | undefined {
	if (serial.length === 0) return 'is empty';
	if (!CSET82.test(serial)) {
		const bad = [...new Set(serial.match(NOT_CSET82) ?? [])].map(describeCharacter);
		return `contains characters outside GS1 character set 82: ${bad.join(', ')}`;
	}
	if (serial.length > 20) return `is ${serial.length} characters long; GS1 AI (21) allows 1 to 20`;
	return undefined;
}

function describeCharacter(character: string): string {
	const code = character.codePointAt(0) ?? 0;
	const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
	return code < 0x21 || (code >= 0x7f && code <= 0xa0) ? hex : `"${character}" (${hex})`;
}

export function describeType(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'boolean') return `${value} (true or false)`;
	return `a ${typeof value}`;
}

function oneOf(choices: readonly string[]): string {
	return choices.map((choice) => (choice === '' ? '"" (none)' : `"${choice}"`)).join(', ');
}

const wholeNumber = (limit: { min: number; max: number }) => {
	const message = `must be a whole number from ${limit.min} to ${limit.max}`;
	return z
		.number({ errorMap: () => ({ message }) })
		.int(message)
		.min(limit.min, message)
		.max(limit.max, message);
};

const choice = (choices: readonly string[]) =>
	z.unknown().refine((value) => typeof value === 'string' && choices.includes(value), {
		message: `must be one of ${oneOf(choices)}`,
	});

/** The settings of one input item, after expressions were evaluated. */
export const itemSettingsSchema = z.object({
	productCodeSchema: choice(SCHEMAS),
	reason: choice(REASONS),
	sendToMarket: z.boolean({ errorMap: () => ({ message: 'must be true or false' }) }),
	marketId: choice(MARKETS),
	batchSize: wholeNumber(LIMITS.batchSize),
	skipCheckDigitValidation: z.boolean({ errorMap: () => ({ message: 'must be true or false' }) }),
});

export const FIELD_LABELS: Record<string, string> = {
	productCode: 'Product Code',
	productCodeSchema: 'Product Code Schema',
	reason: 'Reason',
	sendToMarket: 'Send to Market',
	marketId: 'Market',
	batchSize: 'Options → Batch Size',
	skipCheckDigitValidation: 'Options → Skip Check Digit Validation',
	serialsSource: 'Serials Source',
	serialsSeparator: 'Serials Separator',
	requestTimeout: 'Options → Request Timeout',
	requestsInFlight: 'Options → Requests in Flight',
	dryRun: 'Options → Dry Run',
	includeSettings: 'Options → Include Request Settings',
	options: 'Options',
	serials: 'Serials',
	serialsField: 'Serials Field',
	barcodeField: 'Barcode Field',
};

/** Checks a value against a list of choices, for the parameters zod does not see. */
export function checkChoice(value: unknown, choices: readonly string[]): string | undefined {
	if (typeof value === 'string' && choices.includes(value)) return undefined;
	return `must be one of ${oneOf(choices)} (got ${JSON.stringify(value) ?? 'nothing'})`;
}
