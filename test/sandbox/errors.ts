import type { ErrorShape, Outcome, SandboxErrorType, SandboxSettings } from './types';

/**
 * Where the vendor puts the error type name is unknown, hence one body per errorShape:
 * - type:    { success: false, type: 'X', message }
 * - name:    { success: false, name: 'X', message }
 * - error:   { success: false, error: 'X', message }   (default)
 * - nested:  { success: false, error: { name: 'X', message } }
 * - message: { success: false, message: 'X: <message>' }
 */
export function errorBody(
	shape: ErrorShape,
	type: SandboxErrorType,
	message: string,
): Record<string, unknown> {
	switch (shape) {
		case 'type':
			return { success: false, type, message };
		case 'name':
			return { success: false, name: type, message };
		case 'nested':
			return { success: false, error: { name: type, message } };
		case 'message':
			return { success: false, message: `${type}: ${message}` };
		case 'error':
		default:
			return { success: false, error: type, message };
	}
}

export function errorOutcome(
	settings: SandboxSettings,
	type: SandboxErrorType,
	message: string,
	headers?: Record<string, string>,
): Outcome {
	return {
		status: settings.errorStatus[type],
		body: errorBody(settings.errorShape, type, message),
		headers,
	};
}

export function serviceUnavailable(
	settings: SandboxSettings,
	html: boolean,
	retryAfterSeconds?: number,
): Outcome {
	const headers =
		retryAfterSeconds === undefined ? undefined : { 'retry-after': String(retryAfterSeconds) };
	if (!html) {
		return errorOutcome(settings, 'ServiceUnavailableError', 'Service unavailable', headers);
	}
	return {
		status: settings.errorStatus.ServiceUnavailableError,
		headers,
		contentType: 'text/html; charset=utf-8',
		body: '<html><head><title>503 Service Temporarily Unavailable</title></head><body><h1>503 Service Temporarily Unavailable</h1></body></html>',
	};
}

export function rateLimited(settings: SandboxSettings, retryAfterSeconds: number): Outcome {
	return errorOutcome(settings, 'RateLimitError', 'Too many requests, retry later', {
		'retry-after': String(retryAfterSeconds),
	});
}

const STATUS_TEXT: Record<number, string> = {
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	504: 'Gateway Timeout',
};

/** A 5xx other than 503: as JSON from the application, or as a gateway's HTML page. */
export function serverError(status: number, html: boolean): Outcome {
	const text = STATUS_TEXT[status] ?? 'Server Error';
	if (!html) return { status, body: { success: false, message: text } };
	return {
		status,
		contentType: 'text/html; charset=utf-8',
		body: `<html><head><title>${status} ${text}</title></head><body><h1>${status} ${text}</h1></body></html>`,
	};
}

/** A redirect to `location` (an origin): the request path and a query are appended. */
export function redirect(status: number, location: string, path: string, query: string): Outcome {
	const target = `${location.replace(/\/+$/, '')}${path}?${query}`;
	return {
		status,
		headers: { location: target },
		body: { success: false, message: `Moved (HTTP ${status})` },
	};
}
