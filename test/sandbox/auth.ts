import type { SandboxContext } from './context';
import type { IncomingInfo, Outcome, TokenField } from './types';
import { isJsonContentType, jsonObject } from './validate';

/**
 * POST /v1/api_auth. Its failure bodies carry no error type (none is documented), so they ignore
 * errorShape: { success: false, message }.
 */
export function handleAuth(ctx: SandboxContext, req: IncomingInfo): Outcome {
	const { settings } = ctx;
	const fail = (status: number, message: string): Outcome => ({
		status,
		body: { success: false, message },
	});
	if (settings.requireJsonContentType && !isJsonContentType(req.headers['content-type'])) {
		return fail(400, 'Content-Type must be application/json');
	}
	const parsed = jsonObject(req.json);
	if (!parsed.ok) return fail(400, parsed.message);
	const { api_key: apiKey, api_secret: apiSecret } = parsed.value;
	if (typeof apiKey !== 'string' || apiKey === '') return fail(400, '"api_key" is required');
	if (typeof apiSecret !== 'string' || apiSecret === '') {
		return fail(400, '"api_secret" is required');
	}
	const known = settings.apiKeys.find((k) => k.apiKey === apiKey && k.apiSecret === apiSecret);
	if (!known) return fail(settings.authFailureStatus, 'Invalid API key or secret');
	const token = ctx.tokens.issue(known.apiKey, settings.tokenLifetimeSeconds);
	return { status: 200, body: tokenBody(settings.tokenField, token) };
}

export function tokenBody(field: TokenField, token: string): Record<string, unknown> {
	const body: Record<string, unknown> = { success: true, message: 'Authentication successful' };
	const [outer, inner] = field.split('.');
	body[outer] = inner === undefined ? token : { [inner]: token };
	return body;
}
