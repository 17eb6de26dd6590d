import {
	MARKETS,
	REASONS,
	type MarketId,
	type ParsedBody,
	type Reason,
	type SandboxSettings,
} from './types';

export interface DecommissionRequest {
	product_code: string;
	product_code_schema: 'GTIN';
	reason: Reason;
	send_to_market: boolean;
	market_id?: MarketId;
	serials: string[];
}

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const FIELDS = [
	'product_code',
	'product_code_schema',
	'reason',
	'send_to_market',
	'market_id',
	'serials',
];

/** GS1 AI (21): 1 to 20 characters of GS1 character set 82. */
const GS1_SERIAL = /^[0-9A-Za-z!"%&'()*+,\-./:;<=>?_]{1,20}$/;

export function isJsonContentType(value: string | undefined): boolean {
	return /^application\/([a-z.+-]*\+)?json\b/i.test(value ?? '');
}

export function parseBody(raw: string): ParsedBody {
	try {
		return { ok: true, value: JSON.parse(raw) as unknown };
	} catch {
		return { ok: false, message: 'Request body is not valid JSON' };
	}
}

export function jsonObject(parsed: ParsedBody): Checked<Record<string, unknown>> {
	if (!parsed.ok) return parsed;
	const { value } = parsed;
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		return { ok: false, message: 'Request body must be a JSON object' };
	}
	return { ok: true, value: value as Record<string, unknown> };
}

/**
 * Validates per the vendor contract, stopping at the first bad field in contract order. Messages
 * follow Joi's wording ("\"reason\" must be one of [...]") because they always name the field.
 */
export function validateDecommission(
	body: Record<string, unknown>,
	settings: SandboxSettings,
): Checked<DecommissionRequest> {
	const fail = (message: string): Checked<DecommissionRequest> => ({ ok: false, message });
	const code = body.product_code;
	if (code === undefined) return fail('"product_code" is required');
	if (typeof code !== 'string') return fail('"product_code" must be a string');
	if (code === '') return fail('"product_code" is not allowed to be empty');

	const schema = body.product_code_schema;
	if (schema === undefined) return fail('"product_code_schema" is required');
	if (schema !== 'GTIN') return fail('"product_code_schema" must be one of [GTIN]');

	const reason = body.reason;
	if (reason === undefined) return fail('"reason" is required');
	if (!(REASONS as readonly unknown[]).includes(reason)) {
		return fail(`"reason" must be one of [${REASONS.join(', ')}]`);
	}

	const sendToMarket = body.send_to_market;
	if (sendToMarket === undefined) return fail('"send_to_market" is required');
	if (typeof sendToMarket !== 'boolean') return fail('"send_to_market" must be a boolean');

	const market = body.market_id;
	if (market !== undefined && !(MARKETS as readonly unknown[]).includes(market)) {
		return fail(`"market_id" must be one of [${MARKETS.join(', ')}]`);
	}

	const serials = body.serials;
	if (serials === undefined) return fail('"serials" is required');
	if (!Array.isArray(serials)) return fail('"serials" must be an array');
	if (serials.length === 0) return fail('"serials" must contain at least 1 items');
	const max = settings.maxSerialsPerRequest;
	if (max !== null && serials.length > max) {
		return fail(`"serials" must contain less than or equal to ${max} items`);
	}
	for (const [i, serial] of serials.entries()) {
		if (typeof serial !== 'string') return fail(`"serials[${i}]" must be a string`);
		if (serial === '') return fail(`"serials[${i}]" is not allowed to be empty`);
		if (settings.strictSerials && !GS1_SERIAL.test(serial)) {
			return fail(`"serials[${i}]" must be 1 to 20 characters of GS1 character set 82`);
		}
	}

	if (settings.rejectUnknownFields) {
		const extra = Object.keys(body).find((key) => !FIELDS.includes(key));
		if (extra !== undefined) return fail(`"${extra}" is not allowed`);
	}

	return {
		ok: true,
		value: {
			product_code: code,
			product_code_schema: 'GTIN',
			reason: reason as Reason,
			send_to_market: sendToMarket,
			market_id: market as MarketId | undefined,
			serials: serials as string[],
		},
	};
}
