import nock from 'nock';

import {
	AUTH_PATH,
	credential,
	credentialsHelper,
	DECOMMISSION_PATH,
	NODE,
	PRODUCTION,
	runScenario,
	setupNock,
	visibleText,
} from './scenario';

setupNock();

const WORKFLOW = 'decommission.masking.workflow.json';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.masking-token-5c7a.sig';
const API_KEY = 'key-4f1a9c';
const API_SECRET = 'secret-7d2e8b61';
const CHANNEL_KEY = 'channel-Ky1SpfEX9q';
const SECRETS = [API_KEY, API_SECRET, CHANNEL_KEY, TOKEN];

/** Filler that puts the secret across character 300, where texts from Movilitas are cut. */
const straddling = (filler: string, secret: string) => `${filler.repeat(290)}${secret} (end)`;

/** No secret, nor the first 8 characters of one (what a cut before masking would leave). */
function expectNoSecret(text: string): void {
	for (const secret of SECRETS) {
		expect(text).not.toContain(secret);
		expect(text).not.toContain(secret.slice(0, 8));
	}
}

function movilitasEchoingSecrets(): void {
	nock(PRODUCTION).post(AUTH_PATH).reply(200, { success: true, token: TOKEN });
	nock(PRODUCTION)
		.post(DECOMMISSION_PATH)
		.times(2)
		.reply((_uri, body) => {
			const { product_code } = body as { product_code: string };
			if (product_code === '05012345678900') {
				return [
					404,
					{ success: false, error: 'ProductError', message: straddling('x', API_SECRET) },
				];
			}
			return [
				200,
				{
					success: true,
					message: `done for channel ${CHANNEL_KEY}`,
					data: [
						{ serial_number: 'M1', status: `Refused for token ${TOKEN} and key ${API_KEY}` },
						{ serial_number: 'M2', status: straddling('y', TOKEN) },
					],
				},
			];
		});
}

describe('issue 6 point 11: secrets echoed by Movilitas are masked before any text is shortened', () => {
	it('in per-serial statuses and error messages of output items (Continue On Fail)', async () => {
		movilitasEchoingSecrets();

		const result = await runScenario(WORKFLOW, credentialsHelper(credential()), {
			node: { onError: 'continueRegularOutput' },
		});

		const output = result.output(NODE).map((item) => item.json);
		expect(output.map((json) => json.serial_number)).toEqual(['M1', 'M2', 'M3']);
		expect(output[0].status).toBe('Refused for token *** and key ***');
		expect(String(output[1].status)).toBe(`${'y'.repeat(290)}*** (end)`);
		expect(String(output[2].message)).toContain(`The API said: "${'x'.repeat(290)}*** (end)"`);
		expectNoSecret(visibleText(result));
	});

	it('in the run error without Continue On Fail', async () => {
		nock(PRODUCTION).post(AUTH_PATH).reply(200, { success: true, token: TOKEN });
		nock(PRODUCTION)
			.post(DECOMMISSION_PATH)
			.reply(400, { success: false, message: straddling('z', CHANNEL_KEY) });

		const result = await runScenario(WORKFLOW, credentialsHelper(credential()), {
			items: [{ gtin: '09506000134352', serials: ['M1'] }],
		});

		expect(result.error?.message).toBe(
			`Movilitas API error (HTTP 400): ${'z'.repeat(290)}*** (end)`,
		);
		expectNoSecret(visibleText(result));
	});

	it('in the error of a refused token call that echoes the API secret', async () => {
		nock(PRODUCTION)
			.post(AUTH_PATH)
			.reply(401, { success: false, message: straddling('w', API_SECRET) });

		const result = await runScenario(WORKFLOW);

		expect(result.error?.message).toContain(`"${'w'.repeat(290)}*** (end)"`);
		expectNoSecret(visibleText(result));
	});

	it('a long text without secrets is still shortened to 300 characters', async () => {
		nock(PRODUCTION).post(AUTH_PATH).reply(200, { success: true, token: TOKEN });
		nock(PRODUCTION)
			.post(DECOMMISSION_PATH)
			.reply(400, { success: false, message: 'v'.repeat(400) });

		const result = await runScenario(WORKFLOW, credentialsHelper(credential()), {
			items: [{ gtin: '09506000134352', serials: ['M1'] }],
		});

		expect(result.error?.message).toBe(`Movilitas API error (HTTP 400): ${'v'.repeat(300)}…`);
	});
});
