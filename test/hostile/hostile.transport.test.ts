/**
 * Hostile tests of the transport: a misbehaving server or credential against the node's
 * promises (README, "What the node guarantees"). Every test here failed on the code it was
 * written against (main 4137802); each names the guarantee it checks.
 */
import nock from 'nock';

import {
	AUTH_PATH,
	credential,
	credentialsHelper,
	movilitas,
	NODE,
	ok,
	PRODUCTION,
	run,
	setupNock,
	statuses,
	tokens,
	visible,
	workflow,
} from './hostile';

setupNock();

const connectionError = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

describe('hostile: guarantee 7, a request that failed after an attempt answered 503 is Unknown', () => {
	it('held: 503, then the retry cannot connect: Unknown, never "Not sent" / "nothing was sent"', async () => {
		tokens('jwt-1');
		const seen = movilitas(
			(_body, _headers, n) =>
				n === 1 ? [503, 'busy', { 'retry-after': '0' }] : connectionError('ECONNREFUSED'),
			2,
		);

		const result = await run(workflow({ serials: 'A1\nA2' }, [{}]), undefined);

		expect(seen).toHaveLength(2);
		expect(result.error?.message).not.toContain('nothing was sent');
		expect(result.error?.description).toContain('2 unknown');
		expect(result.error?.description).toContain('A1, A2');
	});

	it('held: 503, then a token refusal whose refresh fails: Unknown under Continue On Fail', async () => {
		tokens('jwt-1');
		nock(PRODUCTION).post(AUTH_PATH).reply(500, { message: 'auth down' });
		movilitas(
			(_body, _headers, n) =>
				n === 1 ? [503, 'busy', { 'retry-after': '0' }] : [401, { error: 'InvalidTokenError' }],
			2,
		);

		const result = await run(
			workflow({ serials: 'A1' }, [{}], { onError: 'continueRegularOutput' }),
		);

		expect(statuses(result)).toEqual([['A1', 'Unknown', 2]]);
	});
});

describe('hostile: a request that never left is not "lost after the request was sent"', () => {
	it('held: a channel key pasted with a trailing line break: nothing reaches Movilitas, and the node must say so', async () => {
		tokens('jwt-1');
		const seen = movilitas((body) => ok(body), 1);

		const result = await run(
			workflow({ serials: 'A1\nA2' }, [{}]),
			credentialsHelper(credential('dynamic', { channelSecretKey: 'channel-Ky1SpfEX9q\n' })),
		);

		expect(seen).toHaveLength(0);
		// Today: "The connection to Movilitas was lost after the request was sent", 2 unknown,
		// attempts 1, and the user is told to check A1 and A2 in Movilitas.
		expect(result.error?.message).not.toContain('after the request was sent');
		expect(`${result.error?.message} ${result.error?.description}`).toMatch(/channel key/i);
		expect(result.error?.description).toContain('2 not sent');
		nock.cleanAll();
	});
});

describe('hostile: guarantee 10, secrets never leak', () => {
	it('held: a secret that contains another secret is masked whole, not only its common part', async () => {
		tokens('jwt-1');
		const apiSecret = 'key-4f1a9c-PRIVATE-77';
		movilitas(() => [400, { success: false, message: `bad secret ${apiSecret} for key-4f1a9c` }]);

		const result = await run(
			workflow({ serials: 'A1' }, [{}]),
			credentialsHelper(credential('dynamic', { apiSecret })),
		);

		expect(result.error?.message).toContain('HTTP 400');
		expect(visible(result)).not.toContain('PRIVATE-77');
	});

	it('held: a token of 3 characters echoed in an error is masked like any other', async () => {
		nock(PRODUCTION).post(AUTH_PATH).reply(200, { token: 'x9Q' });
		movilitas(() => [400, { success: false, message: 'token x9Q not valid for channel' }]);

		const result = await run(workflow({ serials: 'A1' }, [{}]));

		expect(result.error?.message).toContain('HTTP 400');
		expect(visible(result)).not.toContain('x9Q');
	});
});

describe('hostile: masking must not change what a status means', () => {
	it('held: a 4-character channel key found inside "Decommissioned" does not turn a decommissioned serial into a failure', async () => {
		tokens('jwt-1');
		movilitas((body) => ok(body));

		const result = await run(
			workflow({ serials: 'A1' }, [{}]),
			credentialsHelper(credential('dynamic', { channelSecretKey: 'miss' })),
		);

		// Today: status "Decom***ioned", success false.
		expect(result.output(NODE)[0].json).toMatchObject({ serial_number: 'A1', success: true });
	});
});

describe('hostile: redirects', () => {
	it('held: a 303 See Other (sent after a POST was processed) is Unknown, not "Not sent"', async () => {
		tokens('jwt-1');
		movilitas(() => [303, '', { location: '/v1/manufacturer/v2/api/serials/result/42' }]);

		const result = await run(
			workflow({ serials: 'A1' }, [{}], { onError: 'continueRegularOutput' }),
		);

		const json = result.output(NODE)[0].json;
		expect(json.status).toBe('Unknown');
		expect(String(json.message)).not.toContain('did not process them');
	});

	it('held: a 3xx without Location does not name the configured host as the redirect target', async () => {
		tokens('jwt-1');
		movilitas(() => [307, '']);

		const result = await run(workflow({ serials: 'A1' }, [{}]));

		expect(result.error?.message).toContain('HTTP 307');
		expect(result.error?.message).not.toContain('a redirect to api.movilitas.cloud');
	});
});

describe('hostile: a serial listed twice', () => {
	it('held: listed as "Decommissioned" and "Already decommissioned" is Unknown, never Failed (the answer contradicts itself)', async () => {
		tokens('jwt-1');
		movilitas(() => [
			200,
			{
				success: true,
				data: [
					{ serial_number: 'A1', status: 'Decommissioned' },
					{ serial_number: 'A1', status: 'Already decommissioned' },
				],
			},
		]);

		const result = await run(workflow({ serials: 'A1' }, [{}]));

		expect(result.output(NODE)[0].json).toMatchObject({ status: 'Unknown', success: false });
	});
});
