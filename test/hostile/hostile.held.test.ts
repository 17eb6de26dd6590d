/**
 * Hostile attempts that the node withstood (main 4137802): kept as regression tests.
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

const EVIL = 'https://evil.example.com';
const RESEND_ADVICE = /try again|(?<!never )resend|send (them )?again|run (it )?again/i;

describe('held: redirects are never followed', () => {
	it('the token call answered 307 to another host: nothing goes there, the error names the host only', async () => {
		const evil = nock(EVIL).post(/.*/).reply(200, { token: 'stolen' });
		nock(PRODUCTION)
			.post(AUTH_PATH)
			.reply(307, '', { location: `${EVIL}/v1/api_auth?grab=secret-7d2e8b61` });

		const result = await run(workflow({ serials: 'A1' }, [{}]));

		expect(evil.isDone()).toBe(false);
		expect(result.error?.message).toContain('evil.example.com');
		expect(visible(result)).not.toContain('grab=');
		expect(visible(result)).not.toContain('secret-7d2e8b61');
	});

	it('the decommission call answered 308 to another host: nothing goes there, serials Not sent', async () => {
		const evil = nock(EVIL).post(/.*/).reply(200, {});
		tokens('jwt-1');
		movilitas(() => [308, '', { location: `${EVIL}/x?t=jwt-1` }]);

		const result = await run(
			workflow({ serials: 'A1' }, [{}], { onError: 'continueRegularOutput' }),
		);

		expect(evil.isDone()).toBe(false);
		expect(statuses(result)).toEqual([['A1', 'Not sent', 1]]);
		expect(visible(result)).not.toContain('jwt-1');
	});
});

describe('held: a token refreshed in the run is masked too', () => {
	it('a fresh token echoed by a later 502 never appears', async () => {
		tokens('jwt-old-1111', 'jwt-fresh-2222');
		movilitas(
			(_body, headers, n) =>
				n === 1
					? [401, { error: 'InvalidTokenError' }]
					: [502, `<html>gateway saw token ${String(headers['x-access-token'])}</html>`],
			2,
		);

		const result = await run(
			workflow({ serials: 'A1' }, [{}], { onError: 'continueRegularOutput' }),
		);

		expect(statuses(result)).toEqual([['A1', 'Unknown', 2]]);
		expect(visible(result)).not.toContain('jwt-fresh-2222');
		expect(visible(result)).not.toContain('jwt-old-1111');
		expect(visible(result)).not.toMatch(RESEND_ADVICE);
	});
});

describe('held: eight requests in flight, mixed faults', () => {
	it('every serial once, Unknown never resent, 429 resent 3 times, statuses in input order', async () => {
		tokens('jwt-1');
		const fate: Record<string, [number, unknown]> = {
			S2: [500, 'boom'],
			S4: [429, 'slow down'],
			S6: [504, ''],
		};
		const seen = movilitas((body) => fate[body.serials[0]] ?? ok(body), 5 + 2 + 4);
		const serials = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8'];

		const result = await run(
			workflow(
				{ serialsSource: 'field', options: { batchSize: 1, requestsInFlight: 8 } },
				serials.map((serial) => ({ serial })),
				{ onError: 'continueRegularOutput' },
			),
		);

		const sent = seen.map((request) => (request.body.serials as string[])[0]);
		expect(sent.filter((s) => s === 'S4')).toHaveLength(4);
		expect(sent).toHaveLength(11);
		expect(statuses(result)).toEqual([
			['S1', 'Decommissioned', 1],
			['S2', 'Unknown', 1],
			['S3', 'Decommissioned', 1],
			['S4', 'Failed', 4],
			['S5', 'Decommissioned', 1],
			['S6', 'Unknown', 1],
			['S7', 'Decommissioned', 1],
			['S8', 'Decommissioned', 1],
		]);
		const unknown = result.output(NODE).filter((item) => item.json.status === 'Unknown');
		expect(JSON.stringify(unknown)).not.toMatch(RESEND_ADVICE);
	}, 60_000);
});

describe('held: odd answers never confirm a serial', () => {
	it.each<[string, number, unknown]>([
		['an HTML page with 200', 200, '<html>ok</html>'],
		['a top-level array', 200, [{ serial_number: 'A1', status: 'Decommissioned' }]],
		['success "false" as text, no data', 200, { success: 'false', message: 'nope' }],
		[
			'only a serial we did not send',
			200,
			{ success: true, data: [{ serial_number: 'ZZ', status: 'Decommissioned' }] },
		],
		[
			'a status that is not text',
			200,
			{ success: true, data: [{ serial_number: 'A1', status: true }] },
		],
		[
			'a serial number that is a number',
			200,
			{ success: true, data: [{ serial_number: 1, status: 'Decommissioned' }] },
		],
	])('%s: A1 is Not confirmed and no other serial appears', async (_name, status, body) => {
		tokens('jwt-1');
		movilitas(() => [status, body]);

		const result = await run(workflow({ serials: 'A1' }, [{}]));

		expect(statuses(result)).toEqual([['A1', 'Not confirmed', 1]]);
	});
});

describe('held: Retry-After in odd shapes', () => {
	it.each(['-5', 'Wed, 21 Oct 2015 07:28:00 GMT', 'soon', ''])(
		'503 with Retry-After %j, then success: resent once, done',
		async (retryAfter) => {
			tokens('jwt-1');
			const seen = movilitas(
				(body, _h, n) => (n === 1 ? [503, 'busy', { 'retry-after': retryAfter }] : ok(body)),
				2,
			);

			const result = await run(workflow({ serials: 'A1' }, [{}]));

			expect(seen).toHaveLength(2);
			expect(statuses(result)).toEqual([['A1', 'Decommissioned', 2]]);
		},
		15_000,
	);
});

describe('held: dry run', () => {
	it('with an invalid item under Continue On Fail: no connection at all, the valid item Validated', async () => {
		const result = await run(
			workflow(
				{ serialsSource: 'field', options: { dryRun: true } },
				[{ serial: 'A 1' }, { serial: 'B1' }],
				{
					onError: 'continueRegularOutput',
				},
			),
			credentialsHelper(credential()),
		);

		const output = result.output(NODE).map((item) => item.json);
		expect(output[0]).toMatchObject({ success: false, field: 'Serials Field "serial"' });
		expect(output[1]).toMatchObject({ serial_number: 'B1', status: 'Validated', dry_run: true });
	});
});
