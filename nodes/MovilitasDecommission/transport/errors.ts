import { isRecord } from '../lib/readPath';
import { apiMessage } from './answers';

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

/** What to tell about serials whose request may or may not have been processed. */
export const UNKNOWN_ADVICE =
	'Movilitas may or may not have processed this request: check the state of its serials in Movilitas. The node never resends a request whose outcome is unknown.';

const TOKEN_ERRORS = new Set(['InvalidTokenError', 'NoTokenError']);
const TYPE_NAME = /^[A-Z][A-Za-z]*Error$/;

/**
 * Where the API puts the error type name is not documented: it is looked for in the fields
 * that commonly carry it, then in the message text.
 */
export function errorTypeOf(body: unknown): string | undefined {
	if (!isRecord(body)) return undefined;
	const nested = isRecord(body.error) ? body.error : undefined;
	const candidates = [
		body.type,
		body.name,
		body.error,
		body.errorType,
		body.error_type,
		body.code,
		nested?.name,
		nested?.type,
		nested?.code,
	];
	const named = candidates.find((value) => typeof value === 'string' && TYPE_NAME.test(value));
	if (named) return named as string;
	const text = apiMessage(body, []) ?? '';
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
	return isRecord(body) && body.success === false;
}

/** HTTP says the request was not processed, so sending it again is safe. */
export function isRetryable(statusCode: number): boolean {
	return statusCode === 429 || statusCode === 503;
}

/** A server error after which nobody can tell whether Movilitas did the work. */
export function isOutcomeUnknown(statusCode: number): boolean {
	return statusCode >= 500 && statusCode !== 503;
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
	secrets: readonly string[],
): FailureReport {
	const type = errorTypeOf(body);
	const apiText = apiMessage(body, secrets);
	const documented = type ? DOCUMENTED_ERRORS[type] : undefined;
	if (type && documented) {
		const subject = type === 'ProductError' ? ` (product ${productCode})` : '';
		return {
			type,
			message: `Movilitas ${type}${subject}: ${documented.title} (HTTP ${statusCode})`,
			description: `${documented.resolution}${apiText ? ` The API said: "${apiText}".` : ''}`,
		};
	}
	const label = type ? `Movilitas ${type}` : 'Movilitas API error';
	let description = 'Movilitas refused the request. Check the node settings and the serials.';
	if (isOutcomeUnknown(statusCode)) {
		description = UNKNOWN_ADVICE;
	} else if (isRetryable(statusCode)) {
		description = 'Movilitas did not process the request (rate limit or outage). Try again later.';
	} else if (statusCode === 401 || statusCode === 403 || /channel/i.test(`${type} ${apiText}`)) {
		// Not a token error (those are refreshed): the channel key or the key's rights remain.
		description =
			'Movilitas refused the credential. Check the Channel Key of the Movilitas API credential: it must belong to a shopfloor channel whose source is Manufacturer V2 API, usable by this API key.';
	}
	return {
		type,
		message: `${label} (HTTP ${statusCode})${apiText ? `: ${apiText}` : ''}`,
		description,
	};
}
