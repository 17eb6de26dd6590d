import { createHmac } from 'node:crypto';

import {
	AUTH_PATH,
	DEFAULT_STATIC_TOKEN,
	startSandbox,
	TOKEN_FIELDS,
	type TokenField,
} from './server';
import { authenticate, decommission, post, sleep, useSandbox } from './test-helpers';

interface Jwt {
	header: Record<string, unknown>;
	payload: { key: string; _id: string; iat: number; exp: number };
}

function decodeJwt(token: string): Jwt {
	const [header, payload] = token.split('.');
	return {
		header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')),
		payload: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')),
	};
}

function tokenAt(body: unknown, field: TokenField): unknown {
	return field
		.split('.')
		.reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], body);
}

describe('sandbox /v1/api_auth', () => {
	const sandbox = useSandbox();

	it.each(TOKEN_FIELDS.map((field) => [field]))(
		'answers the token under %s only',
		async (field) => {
			sandbox.current.configure({ tokenField: field });
			const res = await authenticate(sandbox.current);
			expect(res.status).toBe(200);
			expect(res.json).toMatchObject({ success: true, message: 'Authentication successful' });
			expect(res.text.startsWith('{"success":true,"message":"Auth')).toBe(true);
			const token = tokenAt(res.json, field);
			expect(typeof token).toBe('string');
			expect(sandbox.current.state.tokensIssued).toEqual([token]);
			for (const other of TOKEN_FIELDS.filter((f) => f !== field)) {
				expect(tokenAt(res.json, other)).toBeUndefined();
			}
			const used = await decommission(sandbox.current, undefined, {
				'x-access-token': token as string,
			});
			expect(used.status).toBe(200);
		},
	);

	it('issues an HS256 JWT with key, _id, iat and a 24 h exp by default', async () => {
		const before = Math.floor(Date.now() / 1000);
		const { json } = await authenticate(sandbox.current);
		const { header, payload } = decodeJwt(json.token);
		expect(json.token.split('.')[0]).toBe('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9');
		expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
		expect(Object.keys(payload)).toEqual(['key', '_id', 'iat', 'exp']);
		expect(payload.key).toBe('sandbox-key');
		expect(payload._id).toMatch(/^[0-9a-f]{24}$/);
		expect(payload.iat).toBeGreaterThanOrEqual(before);
		expect(payload.exp - payload.iat).toBe(86400);
	});

	it('gives distinct tokens to calls in the same second', async () => {
		const a = await authenticate(sandbox.current);
		const b = await authenticate(sandbox.current);
		expect(a.json.token).not.toBe(b.json.token);
		expect(sandbox.current.state.authCalls).toBe(2);
	});

	it('refuses a wrong secret or key with 401 and no token', async () => {
		for (const [key, secret] of [
			['sandbox-key', 'wrong-secret-123'],
			['other-key', 'sandbox-secret-123'],
		]) {
			const res = await authenticate(sandbox.current, key, secret);
			expect(res.status).toBe(401);
			expect(res.json).toEqual({ success: false, message: 'Invalid API key or secret' });
		}
		expect(sandbox.current.state.tokensIssued).toEqual([]);
	});

	it('uses authFailureStatus and accepts configured key pairs', async () => {
		sandbox.current.configure({
			authFailureStatus: 403,
			apiKeys: [{ apiKey: 'k2', apiSecret: 'secret-k2-long' }],
		});
		expect((await authenticate(sandbox.current)).status).toBe(403);
		expect((await authenticate(sandbox.current, 'k2', 'secret-k2-long')).status).toBe(200);
	});

	it.each([
		['missing api_key', { api_secret: 'sandbox-secret-123' }, '"api_key" is required'],
		['missing api_secret', { api_key: 'sandbox-key' }, '"api_secret" is required'],
		[
			'numeric secret',
			{ api_key: 'sandbox-key', api_secret: 12345678 },
			'"api_secret" is required',
		],
		['non-JSON body', 'api_key=sandbox-key', 'Request body is not valid JSON'],
		['JSON array', '[]', 'Request body must be a JSON object'],
	])('answers 400 for %s', async (_name, body, message) => {
		const res = await post(sandbox.current.url + AUTH_PATH, body);
		expect(res.status).toBe(400);
		expect(res.json).toEqual({ success: false, message });
	});

	it('requires the JSON content type unless configured otherwise', async () => {
		const body = JSON.stringify({ api_key: 'sandbox-key', api_secret: 'sandbox-secret-123' });
		const asText = () =>
			post(sandbox.current.url + AUTH_PATH, body, { 'content-type': 'text/plain' });
		expect((await asText()).status).toBe(400);
		sandbox.current.configure({ requireJsonContentType: false });
		expect((await asText()).status).toBe(200);
	});
});

describe('sandbox tokens on the decommission endpoint', () => {
	const sandbox = useSandbox();

	it('rejects a token once its lifetime has passed', async () => {
		sandbox.current.configure({ tokenLifetimeSeconds: 1 });
		const { json } = await authenticate(sandbox.current);
		const headers = { 'x-access-token': json.token as string };
		expect((await decommission(sandbox.current, undefined, headers)).status).toBe(200);
		const { exp } = decodeJwt(json.token).payload;
		await sleep(exp * 1000 - Date.now() + 50);
		const expired = await decommission(sandbox.current, undefined, headers);
		expect(expired.status).toBe(401);
		expect(expired.json).toEqual({
			success: false,
			error: 'InvalidTokenError',
			message: 'Failed to authenticate token: jwt expired',
		});
	});

	it('treats a zero lifetime as expired at once', async () => {
		sandbox.current.configure({ tokenLifetimeSeconds: 0 });
		const token = sandbox.current.issueToken();
		const res = await decommission(sandbox.current, undefined, { 'x-access-token': token });
		expect(res.json.error).toBe('InvalidTokenError');
	});

	it('accepts static tokens without expiry until revoked', async () => {
		sandbox.current.configure({ tokenLifetimeSeconds: 0, staticTokens: ['static-2'] });
		const headers = { 'x-access-token': 'static-2' };
		expect((await decommission(sandbox.current, undefined, headers)).status).toBe(200);
		expect((await decommission(sandbox.current)).status).toBe(401);
		sandbox.current.state.revokeToken('static-2');
		const revoked = await decommission(sandbox.current, undefined, headers);
		expect(revoked.status).toBe(401);
		expect(revoked.json.message).toBe('Failed to authenticate token: token revoked');
	});

	it('revokes dynamic tokens through configure as well', async () => {
		const token = sandbox.current.issueToken();
		const headers = { 'x-access-token': token };
		expect((await decommission(sandbox.current, undefined, headers)).status).toBe(200);
		sandbox.current.configure({ revokedTokens: [token] });
		expect((await decommission(sandbox.current, undefined, headers)).status).toBe(401);
		expect(
			(await decommission(sandbox.current, undefined, { 'x-access-token': DEFAULT_STATIC_TOKEN }))
				.status,
		).toBe(200);
	});

	it('rejects forged, tampered and foreign tokens', async () => {
		const token = sandbox.current.issueToken();
		const [header, payload] = token.split('.');
		const longer = Buffer.from(
			JSON.stringify({ ...decodeJwt(token).payload, exp: 9999999999 }),
		).toString('base64url');
		const forged = `${header}.${payload}.${createHmac('sha256', 'guess').update(`${header}.${payload}`).digest('base64url')}`;
		const other = await startSandbox();
		const foreign = other.issueToken();
		await other.stop();
		const cases: Array<[string, string]> = [
			[forged, 'invalid signature'],
			[`${header}.${longer}.${token.split('.')[2]}`, 'invalid signature'],
			[foreign, 'invalid signature'],
			['not-a-token', 'jwt malformed'],
		];
		for (const [bad, reason] of cases) {
			const res = await decommission(sandbox.current, undefined, { 'x-access-token': bad });
			expect(res.status).toBe(401);
			expect(res.json.message).toBe(`Failed to authenticate token: ${reason}`);
		}
	});
});
