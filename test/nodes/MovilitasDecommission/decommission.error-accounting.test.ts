import nock from 'nock';

import {
	authReplies,
	DECOMMISSION_PATH,
	NODE,
	PRODUCTION,
	runScenario,
	setupNock,
} from './scenario';

setupNock();

const SERIALS = Array.from(
	{ length: 45 },
	(_, index) => `ACC${String(index + 1).padStart(2, '0')}`,
);

describe('issue 6 point 8: without Continue On Fail the error accounts for every serial', () => {
	it('gives the counts and names every unknown and not confirmed serial, more than 20 of them', async () => {
		authReplies(PRODUCTION, ['jwt-1']);
		const sent: string[][] = [];
		nock(PRODUCTION)
			.post(DECOMMISSION_PATH)
			.times(2)
			.reply((_uri, body) => {
				const { serials } = body as { serials: string[] };
				sent.push(serials);
				if (sent.length === 2) return [502, '<html>Bad Gateway</html>'];
				// The first request: Movilitas lists only its first five serials.
				return [
					200,
					{
						success: true,
						data: serials
							.slice(0, 5)
							.map((serial) => ({ serial_number: serial, status: 'Decommissioned' })),
					},
				];
			});

		const result = await runScenario('decommission.error-accounting.workflow.json');

		expect(sent).toEqual([SERIALS.slice(0, 15), SERIALS.slice(15, 30)]);
		expect(result.error?.message).toBe('Movilitas API error (HTTP 502): <html>Bad Gateway</html>');
		const description = String(result.error?.description);
		expect(description).toContain(
			'Serials of this run: 5 confirmed, 0 failed, 10 not confirmed, 15 unknown, 15 not sent.',
		);
		const toCheck = [...SERIALS.slice(5, 15), ...SERIALS.slice(15, 30)];
		expect(description).toContain(
			`Check these 25 serial(s) in Movilitas: their state is unknown or not confirmed: ${toCheck.join(', ')}.`,
		);
		// Confirmed and never-sent serials need no check: they are counted, not named.
		for (const serial of [...SERIALS.slice(0, 5), ...SERIALS.slice(30)])
			expect(description).not.toContain(serial);
		expect(description).toContain('turn on Continue On Fail or the error output');
		expect(result.output(NODE)).toEqual([]);
	});
});
