import nock from 'nock';

import {
	AUTH_PATH,
	authReplies,
	credential,
	credentialsHelper,
	DECOMMISSION_PATH,
	NODE,
	PRODUCTION,
	runScenario,
	secretsOf,
	setupNock,
	visibleText,
} from './scenario';

setupNock();

const WORKFLOW = 'decommission.redirects.workflow.json';
const FOREIGN = 'https://collector.example.net:8443';
const QUERY = 'steal=channel-Ky1SpfEX9q&session=9f8e7d';

/** The redirect target: records anything that reaches it (nothing should). */
function foreignHost(): { received: string[] } {
	const received: string[] = [];
	nock(FOREIGN)
		.persist()
		.post(/.*/)
		.reply(function (uri) {
			received.push(`${uri} ${JSON.stringify(this.req.headers)}`);
			return [200, { success: true, token: 'foreign-token', data: [] }];
		});
	return { received };
}

const withContinueOnFail = () =>
	runScenario(WORKFLOW, credentialsHelper(credential()), {
		node: { onError: 'continueRegularOutput' },
	});

describe('issue 6 point 10: no redirect is followed with credentials', () => {
	it.each([301, 302, 303, 307, 308])(
		'an HTTP %i from the token call is an error naming the status and the host, not its query',
		async (status) => {
			const foreign = foreignHost();
			nock(PRODUCTION)
				.post(AUTH_PATH)
				.reply(status, '', { Location: `${FOREIGN}${AUTH_PATH}?${QUERY}` });

			const result = await runScenario(WORKFLOW);

			expect(foreign.received).toEqual([]);
			expect(result.error?.message).toBe(
				`The Movilitas Authentication API answered HTTP ${status}, a redirect to collector.example.net:8443: not followed`,
			);
			expect(result.error?.description).toContain(
				'0 confirmed, 0 failed, 0 not confirmed, 0 unknown, 2 not sent',
			);
			const text = visibleText(result);
			expect(text).not.toContain('steal=');
			expect(text).not.toContain('9f8e7d');
			nock.cleanAll();
		},
	);

	it('a 307 from the token call leaves every serial Not sent under Continue On Fail', async () => {
		const foreign = foreignHost();
		nock(PRODUCTION)
			.post(AUTH_PATH)
			.reply(307, '', { Location: `${FOREIGN}${AUTH_PATH}?${QUERY}` });

		const result = await withContinueOnFail();

		expect(foreign.received).toEqual([]);
		expect(result.output(NODE).map((item) => [item.json.status, item.json.attempts])).toEqual([
			['Not sent', 0],
			['Not sent', 0],
		]);
		expect(String(result.output(NODE)[0].json.error)).toContain(
			'a redirect to collector.example.net:8443',
		);
		nock.cleanAll();
	});

	it.each([301, 302, 307, 308])(
		'an HTTP %i from the decommission call is not followed: the serials are Not sent and the error names the host',
		async (status) => {
			const foreign = foreignHost();
			authReplies(PRODUCTION, ['jwt-1']);
			let calls = 0;
			nock(PRODUCTION)
				.post(DECOMMISSION_PATH)
				.reply(() => {
					calls++;
					return [status, '', { Location: `${FOREIGN}${DECOMMISSION_PATH}?${QUERY}` }];
				});

			const result = await runScenario(WORKFLOW);

			expect(calls).toBe(1);
			expect(foreign.received).toEqual([]);
			expect(result.error?.message).toBe(
				`Movilitas answered HTTP ${status}, a redirect to collector.example.net:8443: not followed`,
			);
			expect(result.error?.description).toContain(
				'0 confirmed, 0 failed, 0 not confirmed, 0 unknown, 2 not sent',
			);
			const text = visibleText(result);
			expect(text).not.toContain('steal=');
			for (const secret of secretsOf('dynamic')) expect(text).not.toContain(secret);
			nock.cleanAll();
		},
	);

	it('a 307 from the decommission call under Continue On Fail: Not sent, nothing reaches the other host', async () => {
		const foreign = foreignHost();
		authReplies(PRODUCTION, ['jwt-1']);
		nock(PRODUCTION)
			.post(DECOMMISSION_PATH)
			.reply(307, '', { Location: `${FOREIGN}/v1/elsewhere?${QUERY}` });

		const result = await withContinueOnFail();

		expect(foreign.received).toEqual([]);
		expect(result.output(NODE).map((item) => item.json.status)).toEqual(['Not sent', 'Not sent']);
		expect(String(result.output(NODE)[0].json.error)).toBe(
			'Movilitas answered HTTP 307, a redirect to collector.example.net:8443: not followed',
		);
		expect(JSON.stringify(result.output(NODE))).not.toContain('steal=');
		nock.cleanAll();
	});
});
