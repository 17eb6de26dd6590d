import { startSandbox, type SandboxOptions } from './server';

describe('sandbox fault settings are checked', () => {
	it.each<[string, SandboxOptions, string]>([
		['a share above 1', { fail429: { share: 1.5 } }, 'fail429.share must be a number from 0 to 1'],
		['a negative next', { serverErrors: { next: -1 } }, 'serverErrors.next must be a whole number'],
		[
			'a Retry-After range upside down',
			{ fail429: { retryAfterSeconds: [3, 1] } },
			'fail429.retryAfterSeconds[1] must be a whole number >= 3',
		],
		[
			'an afterProcessing share above 1',
			{ dropConnections: { afterProcessing: 2 } },
			'dropConnections.afterProcessing must be a number from 0 to 1',
		],
		[
			'a slow answer without a delay',
			{ slowAnswers: {} as never },
			'slowAnswers.delayMs must be a whole number',
		],
		[
			'a refused share above 1',
			{ partialFailure: { refuseShare: 3 } },
			'partialFailure.refuseShare must be a number from 0 to 1',
		],
		[
			'an unknown redirect route',
			{ redirects: { location: 'http://127.0.0.1:1', route: 'token' as never } },
			'redirects.route must be one of auth, decommission, both',
		],
		['an unknown fault', { fail418: {} } as SandboxOptions, 'Unknown sandbox setting "fail418"'],
	])('refuses %s', async (_, options, message) => {
		await expect(startSandbox(options)).rejects.toThrow(message);
	});

	it('accepts every fault at once', async () => {
		const sandbox = await startSandbox({
			fail429: { share: 0.1, retryAfterSeconds: [0, 1] },
			fail503: { share: 0.1, afterProcessing: 0.5, retryAfterSeconds: 0 },
			serverErrors: { share: 0.1, statuses: [500, 504], afterProcessing: true },
			dropConnections: { share: 0.1, afterProcessing: 0.5 },
			slowAnswers: { share: 0.1, delayMs: 10 },
			partialFailure: { share: 0.1, listTwice: true, nonTextStatus: true, httpStatus: 200 },
			redirects: {
				share: 0.1,
				route: 'both',
				statuses: [301, 308],
				location: 'http://127.0.0.1:1',
			},
			honestAfterProcessing: true,
			echoSecrets: true,
		});
		await sandbox.stop();
	});
});
