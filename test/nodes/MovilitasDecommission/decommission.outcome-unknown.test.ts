import nock from 'nock';

import {
	authReplies,
	credential,
	credentialsHelper,
	DECOMMISSION_PATH,
	NODE,
	PRODUCTION,
	RESEND_ADVICE,
	runScenario,
	setupNock,
	visibleText,
} from './scenario';

setupNock();

const WORKFLOW = 'decommission.outcome-unknown.workflow.json';

/** Movilitas answering every decommission with `status`; returns how many requests came. */
function answerWith(status: number, body: string | object): () => number {
	authReplies(PRODUCTION, ['jwt-1']);
	let calls = 0;
	nock(PRODUCTION)
		.post(DECOMMISSION_PATH)
		.times(3)
		.reply(() => {
			calls++;
			return [status, body];
		});
	return () => {
		nock.cleanAll();
		return calls;
	};
}

const BODIES: Array<[number, string | object]> = [
	[500, { success: false, message: 'Internal server error' }],
	[502, '<html><body>Bad Gateway</body></html>'],
	[504, '<html><body>Gateway Timeout</body></html>'],
];

describe('issue 6 point 5: a 5xx other than 503 leaves the outcome unknown', () => {
	it.each(BODIES)(
		'HTTP %i: sent exactly once, the error names the serials to check, and no text advises a resend',
		async (status, body) => {
			const calls = answerWith(status, body);

			const result = await runScenario(WORKFLOW);

			expect(calls()).toBe(1);
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toContain(`(HTTP ${status})`);
			expect(result.error?.description).toContain('Movilitas may or may not have processed');
			expect(result.error?.description).toContain(
				'Serials of this run: 0 confirmed, 0 failed, 0 not confirmed, 2 unknown, 0 not sent.',
			);
			expect(result.error?.description).toContain(
				'their state is unknown or not confirmed: U1, U2.',
			);
			expect(visibleText(result)).not.toMatch(RESEND_ADVICE);
		},
	);

	it.each(BODIES)(
		'HTTP %i with Continue On Fail: every serial is Unknown after one attempt, and no text advises a resend',
		async (status, body) => {
			const calls = answerWith(status, body);

			const result = await runScenario(WORKFLOW, credentialsHelper(credential()), {
				node: { onError: 'continueRegularOutput' },
			});

			expect(calls()).toBe(1);
			expect(result.error).toBeUndefined();
			const output = result.output(NODE).map((item) => item.json);
			expect(output).toEqual([
				expect.objectContaining({
					serial_number: 'U1',
					status: 'Unknown',
					success: false,
					attempts: 1,
				}),
				expect.objectContaining({
					serial_number: 'U2',
					status: 'Unknown',
					success: false,
					attempts: 1,
				}),
			]);
			expect(String(output[0].error)).toContain(`HTTP ${status}`);
			expect(String(output[0].message)).toContain('check the state of its serials in Movilitas');
			expect(visibleText(result)).not.toMatch(RESEND_ADVICE);
		},
	);

	it('the resend-advice check itself catches advice to resend', () => {
		expect('Not processed, try again later.').toMatch(RESEND_ADVICE);
		expect('Resend the serials.').toMatch(RESEND_ADVICE);
		expect('Check them, then send them again.').toMatch(RESEND_ADVICE);
		expect('The node never resends a request whose outcome is unknown.').not.toMatch(RESEND_ADVICE);
	});
});
