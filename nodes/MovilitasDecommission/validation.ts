import { z } from 'zod';

export const REASONS = ['destroy', 'sample', 'free_sample', 'check_out', 'lock', 'export'] as const;
export const MARKETS = ['EU', 'US', 'CHN', 'IDN'] as const;
export type Reason = (typeof REASONS)[number];

/** GS1 character set 82, the characters allowed in AI (21) serial numbers. */
const CSET82 = /^[0-9A-Za-z!"%&'()*+,\-./:;<=>?_]+$/;
const NOT_CSET82 = /[^0-9A-Za-z!"%&'()*+,\-./:;<=>?_]/g;
const VENDOR_SAMPLE_GTIN = '01234567891234';

/** GS1 check digit of the data digits (all digits but the last). */
export function gs1CheckDigit(dataDigits: string): number {
	let sum = 0;
	for (let i = dataDigits.length - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
		sum += Number(dataDigits[i]) * weight;
	}
	return (10 - (sum % 10)) % 10;
}

export type Check<T> = { ok: true; value: T } | { ok: false; problem: string; hint?: string };

/** Validates a GTIN-8/12/13/14 and returns its canonical GTIN-14 form. */
export function normaliseGtin(raw: unknown, skipCheckDigit = false): Check<string> {
	const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
	if (text === '') return { ok: false, problem: 'is empty: give the product GTIN' };
	if (!/^\d+$/.test(text)) {
		return { ok: false, problem: `"${text}" is not a GTIN: only digits are allowed` };
	}
	if (![8, 12, 13, 14].includes(text.length)) {
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
	if (serial.length > 20) return `is ${serial.length} characters long; GS1 AI (21) allows 1 to 20`;
	if (!CSET82.test(serial)) {
		const bad = [...new Set(serial.match(NOT_CSET82) ?? [])].map((c) => JSON.stringify(c));
		return `contains characters outside GS1 character set 82: ${bad.join(', ')}`;
	}
	return undefined;
}

/**
 * Turns what the user gave (an array, a number, or a string separated by commas, spaces or
 * new lines, or a JSON array as text) into a list of serial strings.
 */
export function parseSerialList(raw: unknown): Check<string[]> {
	if (raw === undefined || raw === null) return { ok: true, value: [] };
	if (Array.isArray(raw)) {
		const serials: string[] = [];
		for (const [position, entry] of raw.entries()) {
			if (typeof entry === 'string') serials.push(entry.trim());
			else if (typeof entry === 'number' && Number.isFinite(entry)) serials.push(String(entry));
			else {
				return {
					ok: false,
					problem: `entry ${position + 1} is ${entry === null ? 'null' : `a ${typeof entry}`}, not a serial string`,
				};
			}
		}
		return { ok: true, value: serials.filter((serial) => serial !== '') };
	}
	if (typeof raw === 'number') return { ok: true, value: [String(raw)] };
	if (typeof raw !== 'string') {
		return { ok: false, problem: `is a ${typeof raw}, not a list of serials` };
	}
	const text = raw.trim();
	if (text.startsWith('[')) {
		try {
			return parseSerialList(JSON.parse(text) as unknown);
		} catch {
			// Not JSON after all: a serial may legally start with '[' only if it is in CSET82,
			// which '[' is not, so the split below reports it as an invalid character.
		}
	}
	return { ok: true, value: text.split(/[\s,]+/).filter((serial) => serial !== '') };
}

/** The settings of one input item, after expressions were evaluated. */
export const itemSettingsSchema = z.object({
	productCode: z.union([z.string(), z.number()]),
	productCodeSchema: z.literal('GTIN', {
		errorMap: () => ({ message: 'must be GTIN, the only schema the API supports' }),
	}),
	reason: z.enum(REASONS, {
		errorMap: () => ({ message: `must be one of ${REASONS.join(', ')}` }),
	}),
	sendToMarket: z.boolean({ errorMap: () => ({ message: 'must be true or false' }) }),
	marketId: z.union([z.literal(''), z.enum(MARKETS)], {
		errorMap: () => ({ message: `must be empty or one of ${MARKETS.join(', ')}` }),
	}),
	batchSize: z
		.number({ errorMap: () => ({ message: 'must be a whole number from 1 to 10000' }) })
		.int('must be a whole number from 1 to 10000')
		.min(1, 'must be at least 1')
		.max(10000, 'must be at most 10000'),
	skipCheckDigitValidation: z.boolean({ errorMap: () => ({ message: 'must be true or false' }) }),
});

export type ItemSettings = z.infer<typeof itemSettingsSchema>;

/** What one valid input item asks for. */
export interface ItemRequest {
	itemIndex: number;
	productCode: string;
	reason: Reason;
	sendToMarket: boolean;
	marketId: string;
	batchSize: number;
	serials: string[];
}

export interface ItemProblem {
	itemIndex: number;
	field: string;
	message: string;
	hint?: string;
}

const FIELD_LABELS: Record<string, string> = {
	productCode: 'Product Code',
	productCodeSchema: 'Product Code Schema',
	reason: 'Reason',
	sendToMarket: 'Send to Market',
	marketId: 'Market',
	batchSize: 'Options → Batch Size',
	skipCheckDigitValidation: 'Options → Skip Check Digit Validation',
};

function problem(itemIndex: number, field: string, what: string, hint?: string): ItemProblem {
	return { itemIndex, field, message: `Item ${itemIndex}: ${field} ${what}`, hint };
}

/**
 * Validates one item's evaluated settings and serials. `serialsField` names where the serials
 * came from, for the message ('Serials' or 'field "x"').
 */
export function validateItem(
	itemIndex: number,
	settings: Record<string, unknown>,
	rawSerials: unknown,
	serialsLabel: string,
): ItemRequest | ItemProblem {
	const parsed = itemSettingsSchema.safeParse(settings);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const key = String(issue.path[0]);
		const got = JSON.stringify(settings[key]);
		return problem(
			itemIndex,
			FIELD_LABELS[key] ?? key,
			`${issue.message} (got ${got ?? 'nothing'})`,
		);
	}
	const s = parsed.data;
	const gtin = normaliseGtin(s.productCode, s.skipCheckDigitValidation);
	if (!gtin.ok) return problem(itemIndex, 'Product Code', gtin.problem, gtin.hint);

	const list = parseSerialList(rawSerials);
	if (!list.ok) return problem(itemIndex, serialsLabel, list.problem);
	if (list.value.length === 0) {
		return problem(itemIndex, serialsLabel, 'is empty: give at least one serial number');
	}
	for (const [position, serial] of list.value.entries()) {
		const wrong = checkSerial(serial);
		if (wrong) {
			return problem(
				itemIndex,
				serialsLabel,
				`has an invalid serial "${serial}" (serial ${position + 1}): it ${wrong}`,
			);
		}
	}
	return {
		itemIndex,
		productCode: gtin.value,
		reason: s.reason,
		sendToMarket: s.sendToMarket,
		marketId: s.marketId,
		batchSize: s.batchSize,
		serials: [...new Set(list.value)],
	};
}

export function isProblem(value: ItemRequest | ItemProblem): value is ItemProblem {
	return 'message' in value;
}
