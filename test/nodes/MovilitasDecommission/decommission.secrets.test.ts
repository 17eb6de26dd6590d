import nock from 'nock';

import {
	AUTH_PATH,
	credential,
	credentialsHelper,
	DECOMMISSION_PATH,
	PRODUCTION,
	runScenario,
	secretsOf,
	setupNock,
	visibleText,
} from './scenario';

setupNock();

const token = 'eyJhbGciOiJIUzI1NiJ9.secret-payload.sig';
const secrets = [...secretsOf('dynamic'), token];

describe('secrets', () => {
	it('appear in no output item, error message or description, even when the API echoes them', async () => {
		nock(PRODUCTION).post(AUTH_PATH).reply(200, { success: true, token });
		nock(PRODUCTION)
			.post(DECOMMISSION_PATH)
			.times(2)
			.reply((_uri, body) => {
				const { product_code } = body as { product_code: string };
				if (product_code === '05012345678900') {
					return [
						404,
						{
							success: false,
							error: 'ProductError',
							message: `no product for token ${token} on channel channel-Ky1SpfEX9q`,
						},
					];
				}
				return [502, `<html>proxy error, secret was secret-7d2e8b61</html>`];
			});

		const result = await runScenario('decommission.secrets.workflow.json');

		const text = visibleText(result);
		expect(text).toContain('ProductError');
		expect(text).toContain('HTTP 502');
		for (const secret of secrets) expect(text).not.toContain(secret);
	});

	it('appear in no error when the static token is refused', async () => {
		nock('https://api-acc.movilitas.cloud')
			.post(DECOMMISSION_PATH)
			.reply(401, { success: false, message: 'Token static-token-c0ffee99 revoked' });

		const result = await runScenario(
			'decommission.secrets.workflow.json',
			credentialsHelper(credential('static')),
		);

		const text = visibleText(result);
		expect(text).toContain('Movilitas refused the static token');
		for (const secret of secretsOf('static')) expect(text).not.toContain(secret);
	});
});
