import { mask } from '../../nodes/MovilitasDecommission/lib/secrets';
import {
	apiMessage,
	describeKeys,
	extractToken,
} from '../../nodes/MovilitasDecommission/transport/answers';
import {
	redirectTarget,
	resolveBaseUrl,
} from '../../nodes/MovilitasDecommission/transport/environment';
import {
	describeFailure,
	errorTypeOf,
	isFailureAnswer,
	isTokenRefusal,
	UNKNOWN_ADVICE,
} from '../../nodes/MovilitasDecommission/transport/errors';

describe('errorTypeOf finds the type wherever the API puts it', () => {
	it.each([
		[{ success: false, type: 'ProductError', message: 'x' }],
		[{ success: false, name: 'ProductError', message: 'x' }],
		[{ success: false, error: 'ProductError', message: 'x' }],
		[{ success: false, error: { name: 'ProductError', message: 'x' } }],
		[{ success: false, code: 'ProductError' }],
		[{ success: false, message: 'ProductError: The product does not exist' }],
	])('%j', (body) => expect(errorTypeOf(body)).toBe('ProductError'));

	it('finds none in a plain message or a non-object', () => {
		expect(errorTypeOf({ success: false, message: 'Something went wrong' })).toBeUndefined();
		expect(errorTypeOf('<html>Bad gateway</html>')).toBeUndefined();
	});
});

describe('isTokenRefusal', () => {
	it.each([
		[401, undefined, true],
		[403, undefined, true],
		[400, 'InvalidTokenError', true],
		[200, 'NoTokenError', true],
		[403, 'ChannelError', false],
		[401, 'ValidationError', false],
		[404, 'ProductError', false],
		[500, undefined, false],
	])('HTTP %i with %s → %s', (status, type, expected) =>
		expect(isTokenRefusal(status, type)).toBe(expected),
	);
});

describe('isFailureAnswer', () => {
	it('treats success:false in a 200 as a failure', () => {
		expect(isFailureAnswer(200, { success: false, error: 'InvalidTokenError' })).toBe(true);
		expect(isFailureAnswer(200, { success: true, data: [] })).toBe(false);
		expect(isFailureAnswer(503, 'busy')).toBe(true);
	});
});

describe('describeFailure', () => {
	it.each([
		['ProductError', 'Register the product code'],
		['NoTokenError', 'Check the Movilitas API credential'],
		['InvalidTokenError', 'generate a new one on the Tenant Dashboard'],
		['ValidationError', 'Check the product code, reason, market and serials'],
	])('names %s and gives the vendor resolution', (type, resolution) => {
		const report = describeFailure(400, { success: false, error: type, message: 'm' }, '0', []);
		expect(report.type).toBe(type);
		expect(report.message).toContain(`Movilitas ${type}`);
		expect(report.description).toContain(resolution);
	});

	it('keeps the status and message of an unknown error, masking echoed secrets', () => {
		const report = describeFailure(500, { message: 'token abc123secret broke' }, '0', [
			'abc123secret',
		]);
		expect(report.message).toBe('Movilitas API error (HTTP 500): token *** broke');
	});

	it.each([500, 502, 504])(
		'says the outcome of an HTTP %i is unknown and never advises sending again',
		(status) => {
			const report = describeFailure(status, { message: 'Bad gateway' }, '0', []);
			expect(report.description).toBe(UNKNOWN_ADVICE);
			expect(report.description).not.toMatch(/try again|send (them )?again|resend them/i);
		},
	);

	it('points a refused channel key at the credential, not at the node settings', () => {
		const report = describeFailure(
			403,
			{ success: false, error: 'ChannelError', message: 'Invalid channel key' },
			'0',
			[],
		);
		expect(report.message).toBe('Movilitas ChannelError (HTTP 403): Invalid channel key');
		expect(report.description).toContain('Check the Channel Key of the Movilitas API credential');
	});

	it('mask replaces every occurrence of every secret', () => {
		expect(mask('k1k1 and s3cret', ['k1k1', 's3cret'])).toBe('*** and ***');
	});

	it('masks secrets that overlap, or a secret that overlaps itself, whole', () => {
		const secrets = ['abcdefghijkl', 'ijklmnop'];
		expect(mask('Locked abcdefghijklmnop.', secrets)).toBe('Locked ***.');
		expect(mask('ijklmnop, abcdefghijkl', secrets)).toBe('***, ***');
		expect(mask('x aaaaaaaaaa y', ['aaaaaaaa'])).toBe('x *** y');
		// A short secret still counts only as a word of its own.
		expect(mask('abcdefghijklmnop k3y Lockedk3y', [...secrets, 'k3y'])).toBe('*** *** Lockedk3y');
	});

	it('masks a secret before shortening, so a secret across the cut leaks nothing', () => {
		const secret = 'SECRET-0123456789';
		const text = `${'x'.repeat(290)}${secret} tail`;
		const shown = apiMessage({ message: text }, [secret]) ?? '';
		expect(shown).not.toContain('SECRET-01');
		expect(shown).not.toContain('SECRET');
		expect(shown.startsWith('x'.repeat(290))).toBe(true);
	});
});

describe('extractToken', () => {
	it.each([
		[{ token: 't1' }],
		[{ access_token: 't1' }],
		[{ accessToken: 't1' }],
		[{ data: { token: 't1' } }],
		[{ data: { access_token: 't1' } }],
		[{ token: '', access_token: 't1' }],
	])('reads %j', (body) => expect(extractToken(body)).toBe('t1'));

	it('finds none and describes the keys without values', () => {
		const body = { success: true, message: 'Authenticated', data: { jwt: 'x' } };
		expect(extractToken(body)).toBeUndefined();
		expect(describeKeys(body)).toBe('keys success, message, data.jwt');
	});
});

describe('resolveBaseUrl', () => {
	it.each([
		[{ environment: 'production' }, 'https://api.movilitas.cloud'],
		[{ environment: 'acceptance' }, 'https://api-acc.movilitas.cloud'],
		[
			{ environment: 'custom', baseUrl: 'https://gw.example.com/movilitas/' },
			'https://gw.example.com/movilitas',
		],
		[{ environment: 'custom', baseUrl: 'http://127.0.0.1:4010' }, 'http://127.0.0.1:4010'],
		[{ environment: 'custom', baseUrl: 'http://localhost:4010' }, 'http://localhost:4010'],
		[{ environment: 'custom', baseUrl: 'http://[::1]:4010' }, 'http://[::1]:4010'],
	])('%j → %s', (credentials, url) =>
		expect(resolveBaseUrl(credentials)).toEqual({ ok: true, baseUrl: url }),
	);

	it.each([
		[{ environment: 'custom', baseUrl: 'http://gw.example.com' }, 'must use https'],
		[{ environment: 'custom', baseUrl: 'ftp://127.0.0.1' }, 'must use https'],
		[{ environment: 'custom', baseUrl: '' }, 'without a Base URL'],
		[{ environment: 'custom', baseUrl: 'not a url' }, 'is not a URL'],
		[{ environment: 'staging' }, 'Unknown environment'],
		[{ environment: 'custom', baseUrl: 'https://user:pw@gw.example.com' }, 'user name'],
	])('refuses %j', (credentials, problem) => {
		const result = resolveBaseUrl(credentials);
		expect(!result.ok && result.problem).toContain(problem);
	});
});

describe('redirectTarget', () => {
	it('names the host of a redirect, never its path or query', () => {
		expect(
			redirectTarget('https://evil.example:8443/steal?token=abc', 'https://api.movilitas.cloud'),
		).toBe('evil.example:8443');
		expect(redirectTarget('/v2/other', 'http://127.0.0.1:4010')).toBe('127.0.0.1:4010');
	});
});
