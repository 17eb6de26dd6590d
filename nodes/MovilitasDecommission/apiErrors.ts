import { apiMessage } from './transport/token';

/** The error types the vendor documents, with its resolution in plain words. */
export const DOCUMENTED_ERRORS: Record<string, { title: string; resolution: string }> = {
	ProductError: {
		title: 'the product does not exist',
		resolution:
			'Register the product code in Movilitas (Serialized Manufacturing → Products tab in the Admin UI), with the market it is sold in, then run again.',
	},
	NoTokenError: {
		title: 'no authentication token was received',
		resolution:
			'Check the Movilitas API credential: a dynamic token needs the API key and secret, a static token the token itself.',
	},
	InvalidTokenError: {
		title: 'the token was refused (expired or revoked)',
		resolution:
			'For a static token, generate a new one on the Tenant Dashboard (API keys) and update the credential; for a dynamic token, check the API key and secret.',
	},
	ValidationError: {
		title: 'the request data was not accepted',
		resolution:
			'Check the product code, reason, market and serials, and that the product is registered for this market.',
	},
};

const TOKEN_ERRORS = new Set(['InvalidTokenError', 'NoTokenError']);
const TYPE_NAME = /^[A-Z][A-Za-z]*Error$/;

function asRecord(value: unknown): Record<string, unknown> | undefined {
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: undefined;
}

/**
 * Where the API puts the error type name is not documented: it is looked for in the fields
 * that commonly carry it, then in the message text.
 */
export function errorTypeOf(body: unknown): string | undefined {
	const record = asRecord(body);
	if (!record) return undefined;
	const nested = asRecord(record.error);
	const candidates = [
		record.type,
		record.name,
		record.error,
		record.errorType,
		record.error_type,
		record.code,
		nested?.name,
		nested?.type,
		nested?.code,
	];
	const named = candidates.find((value) => typeof value === 'string' && TYPE_NAME.test(value));
	if (named) return named as string;
	const text = apiMessage(body) ?? '';
	return Object.keys(DOCUMENTED_ERRORS).find((type) => text.includes(type));
}

/** True when the API refused the request because of its token. */
export function isTokenRefusal(statusCode: number, type: string | undefined): boolean {
	if (type !== undefined) return TOKEN_ERRORS.has(type);
	return statusCode === 401 || statusCode === 403;
}

/** An answer that is an error even though its HTTP status may be 2xx. */
export function isFailureAnswer(statusCode: number, body: unknown): boolean {
	if (statusCode < 200 || statusCode >= 300) return true;
	return asRecord(body)?.success === false;
}

/** Replaces every secret in a text from the API with asterisks, in case the API echoes one. */
export function scrub(text: string, secrets: string[]): string {
	let clean = text;
	for (const secret of secrets) {
		if (secret.length >= 4) clean = clean.split(secret).join('***');
	}
	return clean;
}

export interface FailureReport {
	type?: string;
	message: string;
	description: string;
}

/** A message that names the error type and a description with the vendor's resolution. */
export function describeFailure(
	statusCode: number,
	body: unknown,
	productCode: string,
	secrets: string[],
): FailureReport {
	const type = errorTypeOf(body);
	const said = apiMessage(body);
	const saidPart = said ? `: ${scrub(said, secrets)}` : '';
	const documented = type ? DOCUMENTED_ERRORS[type] : undefined;
	if (type && documented) {
		const subject = type === 'ProductError' ? ` (product ${productCode})` : '';
		return {
			type,
			message: `Movilitas ${type}${subject}: ${documented.title} (HTTP ${statusCode})`,
			description: `${documented.resolution}${said ? ` The API said: "${scrub(said, secrets)}".` : ''}`,
		};
	}
	const label = type ? `Movilitas ${type}` : 'Movilitas API error';
	let description = 'Movilitas refused the request. Check the node settings and the serials.';
	if (statusCode === 429 || statusCode >= 500) {
		description = 'Movilitas did not process the request. Try again later.';
	} else if (statusCode === 401 || statusCode === 403 || /channel/i.test(`${type} ${said}`)) {
		// Not a token error (those are refreshed): the channel key or the key's rights remain.
		description =
			'Movilitas refused the credential. Check the Channel Key of the Movilitas API credential: it must belong to a shopfloor channel whose source is Manufacturer V2 API, usable by this API key.';
	}
	return { type, message: `${label} (HTTP ${statusCode})${saidPart}`, description };
}
