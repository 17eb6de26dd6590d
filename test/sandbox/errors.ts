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

export function serviceUnavailable(settings: SandboxSettings, html: boolean): Outcome {
	if (!html) return errorOutcome(settings, 'ServiceUnavailableError', 'Service unavailable');
	return {
		status: settings.errorStatus.ServiceUnavailableError,
		contentType: 'text/html; charset=utf-8',
		body: '<html><head><title>503 Service Temporarily Unavailable</title></head><body><h1>503 Service Temporarily Unavailable</h1></body></html>',
	};
}

export function rateLimited(settings: SandboxSettings, retryAfterSeconds: number): Outcome {
	return errorOutcome(settings, 'RateLimitError', 'Too many requests, retry later', {
		'retry-after': String(retryAfterSeconds),
	});
}
